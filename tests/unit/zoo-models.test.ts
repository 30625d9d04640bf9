/**
 * The zoo's models, attack, training session and evaluation on the cpu backend: forward shapes and
 * parameter counts against hand counts, the hand-written convolution gradients against tfjs's own, the
 * PGD budget, determinism, and leak tests (tensor count flat after a warm-up and many steps).
 */
import { describe, expect, it } from 'vitest';
import { DIGIT_PIXELS, parameterCount, type ZooArchitecture } from '../../src/math/zoo';
import type { DigitSplit } from '../../src/math/digit-split';
import { deriveSeed, mulberry32 } from '../../src/math/random';
import { tf, type Tensor, type Tensor1D, type Tensor4D } from '../../src/ml/tf';
import { pgdAttack } from '../../src/ml/zoo/attacks';
import { conv2dSame, convReluPool } from '../../src/ml/zoo/conv';
import { evaluateBatches, evaluateSplit } from '../../src/ml/zoo/evaluation';
import { createZooModel, crossEntropy, oneHotLabels } from '../../src/ml/zoo/models';
import { epsilonAt, learningRateAt, ZooTrainingSession, type ZooTrainingOptions } from '../../src/ml/zoo/training';

const ARCHITECTURES: [ZooArchitecture, number][] = [
  // softmax regression: 784 · 10 weights + 10 biases
  [{ kind: 'softmax' }, 7850],
  // MLP 784 → 128 → 10: 100,352 + 128 + 1,280 + 10
  [{ kind: 'mlp', hidden: [128] }, 101770],
  // MLP 784 → 32 → 16 → 10: 25,088 + 32 + 512 + 16 + 160 + 10
  [{ kind: 'mlp', hidden: [32, 16] }, 25818],
  // CNN 3×3 conv 16, pool, 3×3 conv 32, pool, dense 64: 144 + 16 + 4,608 + 32 + 100,352 + 64 + 640 + 10
  [{ kind: 'cnn', kernel: 3, filters: [16, 32], dense: 64 }, 105866],
  // CNN 5×5 conv 4, conv 8, dense 16: 100 + 4 + 800 + 8 + 392 · 16 + 16 + 160 + 10
  [{ kind: 'cnn', kernel: 5, filters: [4, 8], dense: 16 }, 7370],
];

/** A small seeded split of random "digits" (uniform pixels) with labels 0 … 9 in turn. */
function fakeSplit(count: number, seed = 1): DigitSplit {
  const rng = mulberry32(seed);
  const images = Uint8Array.from({ length: count * DIGIT_PIXELS }, () => Math.floor(rng() * 256));
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return { images, labels, count };
}

const maxAbsDiff = (a: Tensor, b: Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('zoo architectures', () => {
  it('give logits [N, 10] and the hand-counted parameters', () => {
    for (const [arch, count] of ARCHITECTURES) {
      expect(parameterCount(arch)).toBe(count);
      const model = createZooModel(arch, 3);
      expect(model.numParameters).toBe(count);
      const x = tf.randomUniform([5, DIGIT_PIXELS], 0, 1, 'float32', 1);
      const y = model.logits(x as tf.Tensor2D);
      expect(y.shape).toEqual([5, 10]);
      const p = model.predict(x.dataSync() as Float32Array);
      expect(p.length).toBe(50);
      expect(p.slice(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      // The three forward modes compute the same logits.
      for (const mode of ['attack', 'train'] as const) {
        const z = model.logits(x as tf.Tensor2D, mode);
        expect(maxAbsDiff(z, y)).toBeLessThan(1e-5);
        z.dispose();
      }
      expect(() => model.logits(tf.zeros([2, 783]) as tf.Tensor2D)).toThrow(RangeError);
      tf.dispose([x, y]);
      model.dispose();
      expect(() => model.predict(new Float32Array(784))).toThrow(/dispose/);
    }
  });

  it('save and load weights in their shapes, and seed their initial weights', () => {
    const arch: ZooArchitecture = { kind: 'cnn', kernel: 3, filters: [4, 8], dense: 16 };
    const a = createZooModel(arch, 7);
    const b = createZooModel(arch, 7);
    const c = createZooModel(arch, 8);
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(a.getWeights()[0]).not.toEqual(c.getWeights()[0]);
    expect(a.weightShapes).toEqual([[3, 3, 1, 4], [4], [3, 3, 4, 8], [8], [392, 16], [16], [16, 10], [10]]);
    c.setWeights(a.getWeights());
    expect(c.getWeights()).toEqual(a.getWeights());
    expect(() => c.setWeights(a.getWeights().slice(1))).toThrow(RangeError);
    const bad = a.getWeights();
    bad[2][0] = NaN;
    expect(() => c.setWeights(bad)).toThrow(/non-finite/);
    expect(() => createZooModel({ kind: 'cnn', kernel: 3, filters: [0, 8], dense: 16 })).toThrow(RangeError);
    expect(() => createZooModel({ kind: 'mlp', hidden: [] })).toThrow(RangeError);
    [a, b, c].forEach((m) => m.dispose());
  });
});

describe('hand-written convolution gradients', () => {
  it('match tfjs autodiff of conv2d (+ ReLU + max pool)', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 1) as Tensor4D;
      const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 2) as Tensor4D;
      const b = tf.randomNormal([4], 0, 1, 'float32', 3) as Tensor1D;
      const r = tf.randomNormal([2, 6, 6, 4], 0, 1, 'float32', 4);
      const rp = tf.randomNormal([2, 3, 3, 4], 0, 1, 'float32', 5);
      const all = { input: true, weights: true };
      const ref = tf.grads((xi: Tensor, wi: Tensor, bi: Tensor) =>
        tf.sum(tf.mul(r, tf.add(tf.conv2d(xi as Tensor4D, wi as Tensor4D, 1, 'same'), bi))),
      )([x, w, b]);
      const ours = tf.grads((xi: Tensor, wi: Tensor, bi: Tensor) =>
        tf.sum(tf.mul(r, conv2dSame(xi as Tensor4D, wi as Tensor4D, bi as Tensor1D, all))),
      )([x, w, b]);
      ref.forEach((g, i) => expect(maxAbsDiff(g, ours[i])).toBeLessThan(1e-4));
      const refBlock = tf.grads((xi: Tensor, wi: Tensor, bi: Tensor) =>
        tf.sum(
          tf.mul(
            rp,
            tf.maxPool(
              tf.relu(tf.add(tf.conv2d(xi as Tensor4D, wi as Tensor4D, 1, 'same'), bi)) as Tensor4D,
              2,
              2,
              'valid',
            ),
          ),
        ),
      )([x, w, b]);
      const ourBlock = tf.grads((xi: Tensor, wi: Tensor, bi: Tensor) =>
        tf.sum(tf.mul(rp, convReluPool(xi as Tensor4D, wi as Tensor4D, bi as Tensor1D, all))),
      )([x, w, b]);
      refBlock.forEach((g, i) => expect(maxAbsDiff(g, ourBlock[i])).toBeLessThan(1e-4));
      // Gradients not asked for are zeros.
      const onlyInput = tf.grads((xi: Tensor, wi: Tensor, bi: Tensor) =>
        tf.sum(
          tf.mul(rp, convReluPool(xi as Tensor4D, wi as Tensor4D, bi as Tensor1D, { input: true, weights: false })),
        ),
      )([x, w, b]);
      expect(maxAbsDiff(onlyInput[0], refBlock[0])).toBeLessThan(1e-4);
      expect(tf.sum(tf.abs(onlyInput[1])).dataSync()[0]).toBe(0);
      expect(() => conv2dSame(x, tf.zeros([2, 2, 3, 4]) as Tensor4D, b, all)).toThrow(RangeError);
    });
  });
});

describe('PGD', () => {
  it('stays within ε of the digit and inside [0, 1], and raises the loss', () => {
    const model = createZooModel({ kind: 'mlp', hidden: [16] }, 1);
    tf.tidy(() => {
      const x = tf.div(tf.tensor2d(fakeSplit(8).images, [8, DIGIT_PIXELS]), 255) as tf.Tensor2D;
      const y = oneHotLabels([0, 1, 2, 3, 4, 5, 6, 7]);
      const settings = { epsilon: 0.1, steps: 5, stepSize: 0.03, randomStart: true };
      const adv = pgdAttack(model, x, y, settings, mulberry32(1));
      expect(maxAbsDiff(adv, x)).toBeLessThanOrEqual(0.1 + 1e-6);
      expect(tf.min(adv).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(adv).dataSync()[0]).toBeLessThanOrEqual(1);
      const clean = crossEntropy(model.logits(x), y).dataSync()[0];
      const attacked = crossEntropy(model.logits(adv), y).dataSync()[0];
      expect(attacked).toBeGreaterThan(clean);
      // Seeded: the same stream gives the same adversary; no steps and no start give the digit back.
      expect(maxAbsDiff(pgdAttack(model, x, y, settings, mulberry32(1)), adv)).toBe(0);
      expect(maxAbsDiff(pgdAttack(model, x, y, { ...settings, steps: 0, randomStart: false }), x)).toBe(0);
      expect(() => pgdAttack(model, x, y, settings)).toThrow(/seeded rng/);
      expect(() => pgdAttack(model, x, y, { ...settings, epsilon: 2 })).toThrow(RangeError);
    });
    model.dispose();
  });
});

describe('training session', () => {
  const base: ZooTrainingOptions = {
    architecture: { kind: 'cnn', kernel: 3, filters: [4, 8], dense: 16 },
    seed: 5,
    batchSize: 8,
    learningRate: 0.01,
    schedule: { totalSteps: 20, finalFraction: 0.1 },
    maxShift: 2,
    adversarial: { epsilon: 0.3, steps: 2, stepSize: 0.15, randomStart: true, rampSteps: 4 },
  };

  it('follows its schedules', () => {
    expect(learningRateAt(base, 0)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(base, 10)).toBeCloseTo(0.01 * (0.1 + 0.9 * 0.5), 12);
    expect(learningRateAt(base, 20)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(base, 99)).toBeCloseTo(0.001, 12);
    expect(learningRateAt({ learningRate: 0.2 }, 5)).toBe(0.2);
    expect(epsilonAt(base, 0)).toBeCloseTo(0.075, 12);
    expect(epsilonAt(base, 3)).toBeCloseTo(0.3, 12);
    expect(epsilonAt(base, 50)).toBeCloseTo(0.3, 12);
    expect(epsilonAt({}, 5)).toBe(0);
  });

  it('is deterministic for a seed, learns, and does not leak tensors', () => {
    const data = fakeSplit(40);
    const run = (steps: number) => {
      const s = new ZooTrainingSession(base, data);
      const losses = Array.from({ length: steps }, () => s.trainStep().loss);
      const weights = s.model.getWeights();
      s.dispose();
      return { losses, weights };
    };
    const a = run(3);
    const b = run(3);
    expect(a.losses).toEqual(b.losses);
    expect(a.weights).toEqual(b.weights);

    const s = new ZooTrainingSession({ ...base, adversarial: undefined, maxShift: 0 }, data);
    s.trainStep();
    s.trainStep();
    const warm = tf.memory().numTensors;
    let last = { step: 0, epoch: 0, loss: 0, accuracy: 0, learningRate: 0, epsilon: 0 };
    for (let i = 0; i < 12; i++) last = s.trainStep();
    expect(tf.memory().numTensors).toBe(warm);
    // 40 digits in batches of 8: 5 steps an epoch; step 14 is in the third epoch (0-based 2).
    expect(last.step).toBe(14);
    expect(last.epoch).toBe(2);
    expect(s.epoch).toBe(2);
    s.dispose();

    const adv = new ZooTrainingSession(base, data);
    adv.trainStep();
    const warmAdv = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) adv.trainStep();
    expect(tf.memory().numTensors).toBe(warmAdv);
    adv.dispose();
    expect(() => adv.trainStep()).toThrow(/dispose/);
    expect(() => new ZooTrainingSession({ ...base, batchSize: 100 }, data)).toThrow(RangeError);
  });

  it('memorises a tiny split (the loss falls)', () => {
    const data = fakeSplit(16, 3);
    const s = new ZooTrainingSession(
      { architecture: { kind: 'mlp', hidden: [32] }, seed: 1, batchSize: 16, learningRate: 0.01 },
      data,
    );
    const first = s.trainStep().loss;
    let last = first;
    for (let i = 0; i < 40; i++) last = s.trainStep().loss;
    expect(last).toBeLessThan(first / 4);
    s.dispose();
  });

  it('fine-tunes from given weights', () => {
    const data = fakeSplit(16);
    const arch: ZooArchitecture = { kind: 'softmax' };
    const start = createZooModel(arch, 9);
    const w = start.getWeights().map((a) => a.map((_, i) => Math.sin(i)));
    start.dispose();
    const s = new ZooTrainingSession({ architecture: arch, seed: 1, batchSize: 8, learningRate: 0.01 }, data, w);
    expect(s.model.getWeights()[1]).toEqual(Float32Array.from(w[1]));
    s.dispose();
  });
});

describe('evaluation', () => {
  it('yields between batches and agrees with a direct count', () => {
    const split = fakeSplit(30);
    const model = createZooModel({ kind: 'mlp', hidden: [8] }, 2);
    const progress: number[] = [];
    const it = evaluateBatches(model, split, { batchSize: 8 });
    let r = it.next();
    while (!r.done) {
      progress.push(r.value.done);
      r = it.next();
    }
    const e = r.value;
    expect(progress).toEqual([8, 16, 24]);
    expect(e.count).toBe(30);
    const p = model.predict(Float32Array.from(split.images, (u) => u / 255));
    let right = 0;
    for (let i = 0; i < 30; i++) {
      const row = Array.from(p.slice(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === split.labels[i]) right++;
    }
    expect(e.correct).toBe(right);
    expect(e.accuracy).toBeCloseTo(right / 30, 12);
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(30);
    expect(e.probabilities.length).toBe(300);
    for (let i = 0; i < 300; i++) expect(e.probabilities[i]).toBeCloseTo(p[i], 5);
    expect(e.nll).toBeGreaterThan(0);
    expect(e.ece).toBeGreaterThanOrEqual(0);
    // A range: digits 10 … 19.
    const part = evaluateSplit(model, split, { start: 10, count: 10 });
    expect(Array.from(part.labels)).toEqual(Array.from(split.labels.slice(10, 20)));
    expect(() => evaluateSplit(model, split, { start: 25, count: 10 })).toThrow(RangeError);
    model.dispose();
  });

  it('does not leak tensors, clean or under attack, even when stopped early', () => {
    const split = fakeSplit(20);
    const model = createZooModel({ kind: 'cnn', kernel: 3, filters: [2, 4], dense: 8 }, 2);
    const attack = { settings: { epsilon: 0.3, steps: 2, stepSize: 0.1, randomStart: true }, seed: 1 };
    evaluateSplit(model, split, { batchSize: 7 });
    evaluateSplit(model, split, { batchSize: 7, attack });
    const warm = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      evaluateSplit(model, split, { batchSize: 7 });
      const attacked = evaluateSplit(model, split, { batchSize: 7, attack });
      expect(attacked.count).toBe(20);
    }
    const it = evaluateBatches(model, split, { batchSize: 5, attack });
    it.next();
    it.return(undefined as never);
    expect(tf.memory().numTensors).toBe(warm);
    model.dispose();
    // Seeded attack evaluations repeat.
    const m2 = createZooModel({ kind: 'mlp', hidden: [8] }, 4);
    const a1 = evaluateSplit(m2, split, { attack });
    const a2 = evaluateSplit(m2, split, { attack });
    expect(Array.from(a1.logits)).toEqual(Array.from(a2.logits));
    const seedStream = deriveSeed(1, 0);
    expect(seedStream).toBe(deriveSeed(1, 0));
    m2.dispose();
  });
});
