import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32 } from '../../src/math/random';
import { makeBatch, SEP, VOCAB_SIZE } from '../../src/math/tasks';
import { tf } from '../../src/ml/tf';
import {
  DEFAULT_MODEL_CONFIG,
  DEFAULT_TRAINING,
  maskedCrossEntropy,
  resolveConfig,
  TinyTransformer,
  Trainer,
  trainingStepFlops,
  type TransformerConfig,
} from '../../src/ml/transformer';

/** A model small enough that structural tests take milliseconds. */
const SMALL: Partial<TransformerConfig> = { layers: 2, heads: 2, dModel: 16, seed: 3 };

function logitsOf(model: TinyTransformer, rows: number[][]): number[][][] {
  return tf.tidy(() => model.forward(tf.tensor2d(rows, undefined, 'int32')).logits.arraySync());
}

describe('TinyTransformer: structure', () => {
  it('returns logits [B, T, vocab] and per-layer attention [B, heads, T, T] with causal rows', () => {
    const model = new TinyTransformer({ ...SMALL, heads: 4 });
    const batch = makeBatch('reverse', 4, 3, mulberry32(1));
    tf.tidy(() => {
      const { logits, attention } = model.forward(tf.tensor2d(batch.inputs, [3, 8], 'int32'), {
        returnAttention: true,
      });
      expect(logits.shape).toEqual([3, 8, VOCAB_SIZE]);
      expect(attention).toHaveLength(2);
      for (const a of attention!) {
        expect(a.shape).toEqual([3, 4, 8, 8]);
        const w = a.arraySync();
        for (let t = 0; t < 8; t++) {
          expect(w[1][2][t].reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
          for (let j = t + 1; j < 8; j++) expect(w[1][2][t][j]).toBe(0);
        }
      }
      expect(model.forward(tf.tensor2d(batch.inputs, [3, 8], 'int32')).attention).toBeUndefined();
    });
    model.dispose();
  });

  it('is causal: changing a later token leaves every earlier position’s logits unchanged', () => {
    const model = new TinyTransformer(SMALL);
    const a = [3, 1, 4, 1, 5, 9, SEP, 9, 5, 1, 4, 1];
    const b = a.slice();
    b[8] = 0;
    const [la, lb] = logitsOf(model, [a, b]);
    for (let t = 0; t < 8; t++) la[t].forEach((x, v) => expect(Math.abs(x - lb[t][v])).toBeLessThan(1e-6));
    // …and does change the logits at and after the changed position (so the check above can fail).
    expect(la[8].some((x, v) => Math.abs(x - lb[8][v]) > 1e-4)).toBe(true);
    model.dispose();
  });

  it('initialises deterministically from the seed', () => {
    const rows = [[3, 1, 4, 1, 5, 9, SEP, 9]];
    const m1 = new TinyTransformer({ ...SMALL, positional: 'learned', seed: 5 });
    const m2 = new TinyTransformer({ ...SMALL, positional: 'learned', seed: 5 });
    const m3 = new TinyTransformer({ ...SMALL, positional: 'learned', seed: 6 });
    expect(logitsOf(m1, rows)).toEqual(logitsOf(m2, rows));
    expect(logitsOf(m1, rows)).not.toEqual(logitsOf(m3, rows));
    [m1, m2, m3].forEach((m) => m.dispose());
  });

  it('counts its parameters', () => {
    const d = 16;
    const V = VOCAB_SIZE;
    const h = 4 * d;
    const perLayer = 2 * d + 4 * d * d + 2 * d + d * h + h + h * d + d;
    const rest = V * d + 2 * d + d * V + V;
    const sin = new TinyTransformer({ ...SMALL, positional: 'sinusoidal' });
    const learned = new TinyTransformer({ ...SMALL, positional: 'learned' });
    expect(sin.numParameters).toBe(rest + 2 * perLayer);
    expect(learned.numParameters).toBe(rest + 2 * perLayer + DEFAULT_MODEL_CONFIG.maxLen * d);
    sin.dispose();
    learned.dispose();
  });

  it('validates its configuration with clear errors', () => {
    expect(() => resolveConfig({ dModel: 30, heads: 4 })).toThrow(/dModel \(30\) must be divisible by heads \(4\)/);
    expect(() => resolveConfig({ layers: 3 })).toThrow(/layers must be an integer from 1 to 2/);
    expect(() => resolveConfig({ heads: 0 })).toThrow(/heads/);
    expect(() => resolveConfig({ dModel: 128 })).toThrow(/dModel/);
    expect(() => resolveConfig({ dModel: 16.5 })).toThrow(/dModel/);
    expect(() => resolveConfig({ positional: 'rotary' as never })).toThrow(/positional must be one of/);
    expect(() => resolveConfig({ seed: -1 })).toThrow(/seed/);
    expect(() => new TinyTransformer({ dModel: 30, heads: 4 })).toThrow(RangeError);
    expect(resolveConfig({})).toEqual(DEFAULT_MODEL_CONFIG);
    const model = new TinyTransformer(SMALL);
    expect(() => new Trainer(model, { learningRate: 0 })).toThrow(/learningRate/);
    expect(() => model.forward(tf.zeros([1, DEFAULT_MODEL_CONFIG.maxLen + 1], 'int32') as never)).toThrow(/maxLen/);
    model.dispose();
  });

  it('computes the masked cross-entropy by hand', () => {
    // Two positions, uniform logits over 11 tokens: each has loss ln 11; the second is masked out.
    // A third position with a confident correct logit would have loss ~0, and is scored, so the mean
    // is (ln 11 + ~0) / 2.
    const loss = tf.tidy(() => {
      const logits = tf.tensor3d([[new Array(11).fill(0), new Array(11).fill(0), [50, ...new Array(10).fill(0)]]]);
      const targets = tf.tensor2d([[3, 4, 0]], [1, 3], 'int32');
      const mask = tf.tensor2d([[1, 0, 1]]);
      return maskedCrossEntropy(logits, targets, mask).dataSync()[0];
    });
    expect(loss).toBeCloseTo(Math.log(11) / 2, 5);
  });

  it('inspects and generates with plain arrays of the right shapes', () => {
    const model = new TinyTransformer({ ...SMALL, heads: 4 });
    const r = model.inspect('reverse', [3, 1, 4, 1]);
    expect(r.tokens).toEqual([3, 1, 4, 1, SEP, 1, 4, 1]);
    expect(r.expected).toEqual([1, 4, 1, 3]);
    expect(r.predictions).toHaveLength(4);
    expect(r.attention).toHaveLength(2);
    expect(r.attention[0]).toHaveLength(4);
    expect(r.attention[0][0]).toHaveLength(8);
    expect(r.attention[0][0][7]).toHaveLength(8);
    const g = model.generate([3, 1, 4, 1]);
    expect(g).toHaveLength(4);
    g.forEach((t) => expect(t >= 0 && t < VOCAB_SIZE).toBe(true));
    expect(() => model.generate([1, 2, 12])).toThrow(/digit/);
    expect(() => model.inspect('sort', [1, 2])).toThrow(RangeError);
    model.dispose();
  });
});

describe('TinyTransformer: memory', () => {
  it('allocates nothing per step: tensor count is flat over 30 steps + evaluate + inspect + generate', () => {
    const model = new TinyTransformer({ ...SMALL, positional: 'learned' });
    const trainer = new Trainer(model);
    const rng = mulberry32(1);
    const cycle = () => {
      trainer.trainStep(makeBatch('reverse', 4, 8, rng));
      model.evaluate(makeBatch('reverse', 4, 8, rng));
      model.inspect('reverse', [1, 2, 3, 4]);
      model.generate([1, 2, 3, 4]);
    };
    cycle(); // warm-up: Adam creates its moment estimates on the first step
    const before = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) trainer.trainStep(makeBatch('reverse', 4, 8, rng));
    cycle();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    model.dispose();
  });

  for (const positional of ['sinusoidal', 'learned', 'none'] as const) {
    it(`dispose() frees everything the model and trainer made (${positional})`, () => {
      const before = tf.memory().numTensors;
      const model = new TinyTransformer({ ...SMALL, positional });
      const trainer = new Trainer(model);
      trainer.trainStep(makeBatch('copy', 3, 4, mulberry32(2)));
      expect(tf.memory().numTensors).toBeGreaterThan(before);
      trainer.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(() => model.generate([1, 2, 3])).toThrow(/after dispose/);
    });
  }
});

describe('TinyTransformer: learning', () => {
  it('learns to reverse length-6 sequences to ≥95% held-out token accuracy within the step budget', () => {
    const BUDGET = 300;
    const seed = 1;
    const model = new TinyTransformer({ ...DEFAULT_MODEL_CONFIG, seed });
    const trainer = new Trainer(model, { learningRate: DEFAULT_TRAINING.learningRate });
    const trainRng = mulberry32(deriveSeed(seed, 1));
    // Held out: a different seed stream, so these exact questions are (almost surely) never trained on.
    const heldOut = makeBatch('reverse', 6, 256, mulberry32(deriveSeed(seed, 2)));
    const initial = model.evaluate(heldOut);
    expect(initial.tokenAccuracy).toBeLessThan(0.3); // chance is 10%: the test starts from ignorance
    let result = initial;
    let firstLoss = NaN;
    let step = 0;
    while (step < BUDGET) {
      const { loss } = trainer.trainStep(makeBatch('reverse', 6, DEFAULT_TRAINING.batchSize, trainRng));
      if (step === 0) firstLoss = loss;
      step++;
      if (step % 25 === 0) {
        result = model.evaluate(heldOut);
        if (result.tokenAccuracy >= 0.95) break;
      }
    }
    expect(firstLoss).toBeGreaterThan(1.5);
    expect(result.tokenAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.loss).toBeLessThan(0.3);
    // Free-running generation (no teacher forcing) also mostly gets it right.
    const probe = makeBatch('reverse', 6, 10, mulberry32(deriveSeed(seed, 3)));
    let right = 0;
    for (let b = 0; b < 10; b++) {
      const x = Array.from(probe.inputs.subarray(b * 12, b * 12 + 6));
      if (model.generate(x).join() === x.slice().reverse().join()) right++;
    }
    expect(right).toBeGreaterThanOrEqual(6);
    trainer.dispose();
    model.dispose();
  });
});

describe('trainingStepFlops', () => {
  it('counts the playground default step by hand: 1 layer, 2 heads, d 32, batch 32 of length 12', () => {
    // Rows n = 32 · 12 = 384. Forward products (2·m·k·n each):
    //   embedding 384×11×32: 270,336     Q, K, V, O 4 × 384×32×32: 3,145,728
    //   Q Kᵀ and A V 2 × 64 × 12×16×12: 589,824     MLP 384×32×128 + 384×128×32: 6,291,456
    //   unembedding 384×32×11: 270,336                                       sum: 10,567,680
    // Backward: the embedding once (its input is data), everything else twice: 20,865,024.
    const flops = trainingStepFlops({ layers: 1, heads: 2, dModel: 32 }, 32, 12);
    expect(flops).toEqual({ forward: 10_567_680, backward: 20_865_024, total: 31_432_704 });
    // Two layers: the per-layer part (3,145,728 + 589,824 + 6,291,456 = 10,027,008 forward) counts twice.
    expect(trainingStepFlops({ layers: 2, heads: 2, dModel: 32 }, 32, 12).forward).toBe(10_567_680 + 10_027_008);
  });
});
