import { describe, expect, it } from 'vitest';
import { makeDataset, sampleBatch } from '../../src/math/datasets2d';
import { linearSchedule, makeSchedule, standardNormalPoints } from '../../src/math/diffusion';
import { deriveSeed, mulberry32 } from '../../src/math/random';
import { noiseBaseline, slicedWasserstein } from '../../src/math/sample-quality';
import {
  DEFAULT_DENOISER_CONFIG,
  DEFAULT_DIFFUSION_TRAINING,
  Denoiser,
  DiffusionTrainer,
  denoiserStepFlops,
  flattenPoints,
  resolveDenoiserConfig,
  timeEmbedding,
  type DenoiserConfig,
} from '../../src/ml/denoiser';
import { directionField, guidedNoise, makeGrid, sample, sampleFrames } from '../../src/ml/samplers';
import { tf } from '../../src/ml/tf';

/** Small enough that structural tests take milliseconds. */
const SMALL: Partial<DenoiserConfig> = { hidden: 16, layers: 2, timeDim: 8, seed: 3 };
const SCHEDULE = linearSchedule(100);

/** A small model nudged away from its zero-output start, so samplers have something to follow. */
function trained(config: Partial<DenoiserConfig> = SMALL, steps = 15): Denoiser {
  const model = new Denoiser(config);
  const trainer = new DiffusionTrainer(model, SCHEDULE, { seed: 1, emaDecay: 0 });
  const data = makeDataset({ name: 'moons' }, 256, 1);
  const rng = mulberry32(2);
  for (let i = 0; i < steps; i++) {
    const b = sampleBatch(data, 32, rng);
    trainer.trainStep(b.points, b.labels);
  }
  trainer.dispose();
  return model;
}

describe('Denoiser: structure', () => {
  it('embeds time with sinusoids: γ(0) = [0…0, 1…1], and frequencies 10000^(-i/h) of τ = 1000 t/T', () => {
    const e = timeEmbedding([0, 0.5], 8);
    expect(Array.from(e.slice(0, 8))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    // τ = 500; ω_1 = 10000^(-1/4) = 0.1 → sin(50), cos(50).
    expect(e[8]).toBeCloseTo(Math.sin(500), 5);
    expect(e[9]).toBeCloseTo(Math.sin(50), 5);
    expect(e[13]).toBeCloseTo(Math.cos(50), 5);
  });

  it('predicts ε̂ of shape [N, 2], starts at exactly 0 (zero output layer), and counts its parameters', () => {
    const model = new Denoiser(SMALL);
    const out = model.predict(
      [
        [0, 1],
        [2, -1],
        [0.5, 0.5],
      ],
      0.3,
    );
    expect(out).toHaveLength(6);
    expect(Array.from(out).every((v) => v === 0)).toBe(true);
    const { hidden: H, timeDim: E } = { ...DEFAULT_DENOISER_CONFIG, ...SMALL };
    expect(model.numParameters).toBe(2 * H + E * H + H + (H * H + E * H + H) + 2 * H + 2);
    const conditional = new Denoiser({ ...SMALL, numClasses: 3 });
    expect(conditional.numParameters).toBe(model.numParameters + 4 * H);
    model.dispose();
    conditional.dispose();
  });

  it('initialises deterministically from the seed; a time shared by all points equals one per point', () => {
    const pts = standardNormalPoints(5, mulberry32(1));
    const a = trained({ ...SMALL, seed: 5 }, 3);
    const b = trained({ ...SMALL, seed: 5 }, 3);
    const c = trained({ ...SMALL, seed: 6 }, 3);
    expect(a.predict(pts, 0.4)).toEqual(b.predict(pts, 0.4));
    expect(a.predict(pts, 0.4)).not.toEqual(c.predict(pts, 0.4));
    expect(a.predict(pts, 0.4)).toEqual(a.predict(flattenPoints(pts), [0.4, 0.4, 0.4, 0.4, 0.4]));
    expect(a.predict(pts, 0.4)).not.toEqual(a.predict(pts, 0.6));
    // Saved weights load into a fresh model (any seed) and reproduce its predictions exactly.
    const before = tf.memory().numTensors;
    c.setWeights(a.getWeights());
    expect(tf.memory().numTensors).toBe(before);
    expect(c.predict(pts, 0.4)).toEqual(a.predict(pts, 0.4));
    expect(() => c.setWeights(a.getWeights().slice(1))).toThrow(/expected 8 weight arrays, got 7/);
    const bad = a.getWeights();
    bad[0] = bad[0].slice(1);
    expect(() => c.setWeights(bad)).toThrow(/weight array 0 has 31 values, expected 32/);
    bad[0] = new Float32Array(32).fill(NaN);
    expect(() => c.setWeights(bad)).toThrow(/non-finite/);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('validates its configuration and inputs with clear errors', () => {
    expect(resolveDenoiserConfig()).toEqual(DEFAULT_DENOISER_CONFIG);
    expect(() => resolveDenoiserConfig({ hidden: 4 })).toThrow(/hidden must be an integer from 8 to 256/);
    expect(() => resolveDenoiserConfig({ layers: 0 })).toThrow(/layers/);
    expect(() => resolveDenoiserConfig({ timeDim: 15 })).toThrow(/timeDim must be even/);
    expect(() => resolveDenoiserConfig({ numClasses: 11 })).toThrow(/numClasses/);
    const model = new Denoiser(SMALL);
    expect(() => model.predict([[0, 0]], [0.1, 0.2])).toThrow(/need 1 or 1 times/);
    expect(() => new DiffusionTrainer(model, SCHEDULE, { learningRate: 0 })).toThrow(/learningRate/);
    expect(() => new DiffusionTrainer(model, SCHEDULE, { pUncond: 2 })).toThrow(/pUncond/);
    expect(() => new DiffusionTrainer(model, SCHEDULE, { emaDecay: 1 })).toThrow(/emaDecay/);
    const cond = new Denoiser({ ...SMALL, numClasses: 2 });
    expect(() => cond.predict([[0, 0]], 0.5, 2)).toThrow(/class must be null or an integer from 0 to 1/);
    const trainer = new DiffusionTrainer(cond, SCHEDULE);
    expect(() => trainer.trainStep([[0, 0]])).toThrow(/needs one label per point/);
    expect(() => trainer.trainStep([])).toThrow(/empty batch/);
    trainer.dispose();
    cond.dispose();
    model.dispose();
    expect(() => model.predict([[0, 0]], 0.5)).toThrow(/after dispose/);
  });

  it('handles points of any size D (dataDim): images are rows of D pixels through the same code', () => {
    const D = 5;
    const model = new Denoiser({ ...SMALL, dataDim: D, numClasses: 3 });
    expect(() => resolveDenoiserConfig({ dataDim: 0 })).toThrow(/dataDim must be an integer from 1 to 784/);
    expect(model.predict(new Float32Array(3 * D), 0.5, [0, 1, null])).toHaveLength(3 * D);
    expect(() => model.predict(new Float32Array(D + 1), 0.5, 0)).toThrow(/not whole points of 5/);
    expect(() => model.predict([[1, 2]], 0.5, 0)).toThrow(/point 0 has 2 numbers, expected 5/);
    const trainer = new DiffusionTrainer(model, SCHEDULE, { seed: 4 });
    const rows = Array.from({ length: 8 }, (_, i) => Array.from({ length: D }, (_, j) => Math.sin(i + j)));
    const { loss } = trainer.trainStep(rows, [0, 1, 2, 0, 1, 2, 0, 1]);
    // The output layer starts at zero, so the first loss is the mean of ε² over 8 × 5 draws: near 1.
    expect(loss).toBeGreaterThan(0.4);
    expect(loss).toBeLessThan(1.8);
    const frames = [...sampleFrames(model, SCHEDULE, { n: 4, steps: 3, classes: 2, guidance: 1, seed: 2 })];
    expect(frames.map((f) => f.points.length)).toEqual([4 * D, 4 * D, 4 * D, 4 * D]);
    const out = sample(model, SCHEDULE, { n: 4, steps: 3, classes: 2, guidance: 1, seed: 2 });
    expect(out).toHaveLength(4);
    expect(out[0]).toHaveLength(D);
    expect(out.flat()).toEqual(Array.from(frames.at(-1)!.points));
    expect(() => directionField(model, SCHEDULE, 10, [[0, 0]])).toThrow(/2D models only/);
    trainer.dispose();
    model.dispose();
  });
});

describe('samplers', () => {
  it('DDIM with η = 0 is deterministic: the same start noise gives identical samples, whatever the seed', () => {
    const model = trained();
    const start = standardNormalPoints(64, mulberry32(9));
    const run = (seed: number) => sample(model, SCHEDULE, { method: 'ddim', steps: 10, initialNoise: start, seed });
    const first = run(1);
    expect(run(1)).toEqual(first);
    expect(run(2)).toEqual(first); // the seed only drives the noise that η = 0 never adds
    expect(first).not.toEqual(start);
    // With η > 0, or with DDPM, the seed matters but still reproduces.
    const stochastic = (seed: number) => sample(model, SCHEDULE, { steps: 10, eta: 1, initialNoise: start, seed });
    expect(stochastic(1)).toEqual(stochastic(1));
    expect(stochastic(1)).not.toEqual(stochastic(2));
    const ddpm = (seed: number) => sample(model, SCHEDULE, { method: 'ddpm', n: 32, seed });
    expect(ddpm(4)).toEqual(ddpm(4));
    expect(ddpm(4)).not.toEqual(ddpm(5));
    model.dispose();
  });

  it('yields the start and every step (DDIM: S + 1 frames, t from T down to 0; DDPM: T + 1)', () => {
    const model = trained();
    const frames = [...sampleFrames(model, SCHEDULE, { steps: 4, n: 10, seed: 1 })];
    expect(frames.map((f) => f.t)).toEqual([100, 75, 50, 25, 0]);
    expect(frames.map((f) => f.step)).toEqual([0, 1, 2, 3, 4]);
    expect(frames[0].predictedX0).toBeNull();
    expect(frames[4].points).toHaveLength(20);
    expect(frames[4].predictedX0).toHaveLength(20);
    // The last DDIM step jumps to x̂_0 itself (ᾱ_0 = 1).
    Array.from(frames[4].points).forEach((v, i) => expect(v).toBeCloseTo(frames[4].predictedX0![i], 4));
    let count = 0;
    const early = sample(model, SCHEDULE, { method: 'ddpm', n: 10, seed: 1 }, () => ++count < 3);
    expect(count).toBe(3);
    expect(early).toHaveLength(10);
    const ddpm = [...sampleFrames(model, SCHEDULE, { method: 'ddpm', n: 3 })];
    expect(ddpm).toHaveLength(101);
    expect(() => sample(model, SCHEDULE, { n: 0 })).toThrow(/n must be an integer from 1 to 5000/);
    expect(() => sample(model, SCHEDULE, { steps: 101 })).toThrow(/S must be/);
    expect(() => sample(model, SCHEDULE, { clipX0: 0 })).toThrow(/clipX0/);
    // Bad options fail at the call, before any step.
    expect(() => sampleFrames(model, SCHEDULE, { guidance: 50 })).toThrow(/guidance must be from 0 to 20/);
    expect(() => sampleFrames(model, SCHEDULE, { n: 3, classes: [0, 1] })).toThrow(/need 1 or 3 classes/);
    expect(() => sampleFrames(model, SCHEDULE, { method: 'euler' as never })).toThrow(/method must be one of/);
    model.dispose();
  });

  it('classifier-free guidance: ε̃ = (1 + w) ε(x, c) - w ε(x, ∅), and w = 0 is plain conditional', () => {
    const model = trained({ ...SMALL, numClasses: 2 });
    const x = flattenPoints(standardNormalPoints(6, mulberry32(3)));
    const cond = model.predict(x, 0.3, 1);
    const uncond = model.predict(x, 0.3, null);
    expect(cond).not.toEqual(uncond);
    expect(guidedNoise(model, x, 0.3, 1, 0)).toEqual(cond);
    const w = 2.5;
    const guided = guidedNoise(model, x, 0.3, 1, w);
    guided.forEach((v, i) => expect(v).toBeCloseTo((1 + w) * cond[i] - w * uncond[i], 5));
    const perPoint = guidedNoise(model, x, 0.3, [1, 1, 1, 1, 1, 1], w);
    perPoint.forEach((v, i) => expect(v).toBeCloseTo(guided[i], 6));
    expect(() => guidedNoise(model, x, 0.3, 1, -1)).toThrow(/guidance/);
    expect(sample(model, SCHEDULE, { n: 8, steps: 5, classes: 0, guidance: 3 })).toHaveLength(8);
    model.dispose();
  });

  it('direction field: -ε̂ per grid point, or the jump x̂_0 - x_t', () => {
    const model = trained();
    const grid = makeGrid(2, 5);
    expect(grid).toHaveLength(25);
    expect(grid[0]).toEqual([-2, -2]);
    expect(grid[24]).toEqual([2, 2]);
    const t = 30;
    const eps = model.predict(grid, t / SCHEDULE.T);
    const noise = directionField(model, SCHEDULE, t, grid);
    noise.forEach(([dx, dy], i) => {
      expect(dx).toBeCloseTo(-eps[2 * i], 6);
      expect(dy).toBeCloseTo(-eps[2 * i + 1], 6);
    });
    const ab = SCHEDULE.alphaBars[t];
    const jump = directionField(model, SCHEDULE, t, grid, { kind: 'x0' });
    jump.forEach(([dx], i) => {
      const x = grid[i][0];
      expect(dx).toBeCloseTo((x - Math.sqrt(1 - ab) * eps[2 * i]) / Math.sqrt(ab) - x, 4);
    });
    expect(() => directionField(model, SCHEDULE, 0, grid)).toThrow(/t must be an integer from 1 to 100/);
    model.dispose();
  });
});

describe('Denoiser: weight averaging', () => {
  it('blendFrom gives w ← decay · w + (1 - decay) · w_other, bit for bit as tf.mul/tf.add by numbers', () => {
    const source = trained(SMALL, 3);
    const a = new Denoiser({ ...SMALL, seed: 9 });
    const expected = tf.tidy(() =>
      a.trainableVariables.map((v, i) =>
        Array.from(tf.add(tf.mul(v, 0.9), tf.mul(source.trainableVariables[i], 1 - 0.9)).dataSync()),
      ),
    );
    a.blendFrom(source, 0.9);
    expect(a.getWeights().map((w) => Array.from(w))).toEqual(expected);
    [source, a].forEach((m) => m.dispose());
  });

  it("the trainer's average, kept flat between reads, equals blendFrom after every step", () => {
    const model = new Denoiser(SMALL);
    const trainer = new DiffusionTrainer(model, SCHEDULE, { seed: 1 });
    const mirror = new Denoiser(SMALL);
    const data = makeDataset({ name: 'moons' }, 64, 1);
    const rng = mulberry32(4);
    for (let step = 1; step <= 6; step++) {
      trainer.trainStep(sampleBatch(data, 16, rng).points);
      mirror.blendFrom(model, Math.min(trainer.emaDecay, (1 + step) / (10 + step)));
      // Read every other step: in between, the average lives only in the trainer's flat vector.
      if (step % 2 === 0) expect(trainer.ema!.getWeights()).toEqual(mirror.getWeights());
    }
    trainer.dispose();
    [model, mirror].forEach((m) => m.dispose());
  });
});

describe('Denoiser: memory', () => {
  it('allocates nothing per step: tensor count is flat over train steps and sampling (conditional, EMA)', () => {
    const model = new Denoiser({ ...SMALL, numClasses: 2 });
    const trainer = new DiffusionTrainer(model, SCHEDULE, { seed: 1 });
    const data = makeDataset({ name: 'moons' }, 200, 1);
    const rng = mulberry32(3);
    const cycle = () => {
      const b = sampleBatch(data, 32, rng);
      trainer.trainStep(b.points, b.labels);
      sample(trainer.ema!, SCHEDULE, { n: 20, steps: 3, classes: 1, guidance: 2 });
      directionField(model, SCHEDULE, 50, makeGrid(2, 4), { classes: 0 });
    };
    cycle(); // warm-up: Adam creates its moment estimates on the first step
    const before = tf.memory().numTensors;
    for (let i = 0; i < 25; i++) {
      const b = sampleBatch(data, 32, rng);
      trainer.trainStep(b.points, b.labels);
    }
    cycle();
    sample(model, SCHEDULE, { method: 'ddpm', n: 10, classes: [0, 1, null, 0, 1, null, 0, 1, null, 0] });
    // A generator abandoned half-way holds no tensors either.
    const frames = sampleFrames(model, SCHEDULE, { steps: 10, n: 5, classes: 1 });
    frames.next();
    frames.next();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    model.dispose();
  });

  it('dispose() frees everything the model and trainer (with its EMA copy) made', () => {
    const before = tf.memory().numTensors;
    const model = new Denoiser(SMALL);
    const trainer = new DiffusionTrainer(model, SCHEDULE);
    trainer.trainStep(makeDataset({ name: 'rings' }, 16, 1).points);
    expect(trainer.ema).not.toBeNull();
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    trainer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Denoiser: learning', () => {
  it('trained on two moons, its DDIM samples beat half the noise baseline on sliced Wasserstein', () => {
    const BUDGET = 500;
    const seed = 1;
    const schedule = makeSchedule('linear', 1000);
    const data = makeDataset({ name: 'moons' }, 4000, seed);
    // Held out: a different seed, so the metric compares with the distribution, not the training points.
    const heldOut = makeDataset({ name: 'moons' }, 1000, seed + 1).points;
    const baseline = noiseBaseline(heldOut, { seed: 3 });
    const model = new Denoiser({ ...DEFAULT_DENOISER_CONFIG, seed });
    const trainer = new DiffusionTrainer(model, schedule, { seed });
    const rng = mulberry32(deriveSeed(seed, 1));
    const losses: number[] = [];
    for (let step = 0; step < BUDGET; step++) {
      const batch = sampleBatch(data, DEFAULT_DIFFUSION_TRAINING.batchSize, rng);
      losses.push(trainer.trainStep(batch.points).loss);
    }
    // The zero-initialised output predicts ε̂ = 0 at first: loss E‖ε‖²/2 = 1.
    expect(losses[0]).toBeGreaterThan(0.8);
    const late = losses.slice(-100).reduce((a, b) => a + b, 0) / 100;
    expect(late).toBeLessThan(0.3);
    const samples = sample(trainer.ema!, schedule, { method: 'ddim', steps: 50, n: 1000, seed: 9 });
    const quality = slicedWasserstein(heldOut, samples, { seed: 3 });
    expect(quality).toBeLessThan(0.5 * baseline);
    trainer.dispose();
    model.dispose();
  });
});

describe('denoiserStepFlops', () => {
  it('counts the lab default step by hand: 3 × 64 MLP, time embedding 16, 2 classes (+ ∅), batch 128', () => {
    // Forward products (2·m·k·n each): x W_x 128×2×64: 32,768; γ W_t 128×16×64: 262,144;
    // class 128×3×64: 49,152; two residual layers, each h W 128×64×64: 1,048,576 and γ V 262,144;
    // output 128×64×2: 32,768. Sum: 2,998,272.
    // Backward: data products once (868,352), h W and the output twice (4,259,840): 5,128,192.
    const flops = denoiserStepFlops({ hidden: 64, layers: 3, timeDim: 16, numClasses: 2, dataDim: 2 }, 128);
    expect(flops).toEqual({ forward: 2_998_272, backward: 5_128_192, total: 8_126_464 });
    // Unconditional: no class product.
    expect(denoiserStepFlops({ numClasses: 0 }, 128).forward).toBe(2_998_272 - 49_152);
  });
});
