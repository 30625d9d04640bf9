/**
 * A small MLP noise predictor ε_θ(x_t, t, c) for diffusion on points of D numbers (the 2D sets; D = 196 for
 * 14 × 14 images), and its trainer.
 *
 *   γ(t)   sinusoidal embedding of τ = 1000 · t/T (Vaswani et al. 2017; Ho et al. 2020), timeDim wide
 *   h_1    = silu( x_t W_x + γ(t) W_t + onehot(c) E + b_1 )              first hidden layer
 *   h_ℓ    = h_{ℓ-1} + silu( h_{ℓ-1} W_ℓ + γ(t) V_ℓ + b_ℓ ),  ℓ = 2 … L   residual hidden layers
 *   ε̂      = h_L W_out + b_out                                            D numbers per point
 *
 * Time enters every hidden layer, not only the first, because the map from x_t to ε changes a lot
 * between small and large t; the residual form keeps added layers from slowing the start of training. SiLU (x · sigmoid(x), Elfwing et al. 2018), as in Ho
 * et al.'s U-Net, gives a smooth direction field; it is built from mul and sigmoid, which have kernels
 * and gradients on the cpu, wasm and webgl backends.
 *
 * Time is passed as the fraction t/T, so the embedding covers the same range whatever T is.
 * Classes (for classifier-free guidance, Ho & Salimans 2022): with numClasses = K > 0 the embedding E
 * has K + 1 rows, the last one the "null" class ∅ (written `null` in this API). The one-hot rows are
 * built in plain JS and passed in as float32: no tf.oneHot (its wasm kernel returns int32 bits, stack
 * note 10) and no tf.gather (no gradient on wasm).
 *
 * Randomness stays in plain JS from seeded streams: initial weights here, and t, ε and the
 * unconditional drop in the trainer, so a run is identical on every backend.
 */
import { type NoiseSchedule } from '../math/diffusion';
import { deriveSeed, mulberry32, randInt, randNormal, type Rng } from '../math/random';
import { tf, type Scalar, type Tensor, type Tensor2D, type Variable } from './tf';
import { Adam, affine, checkInt, customOp, linear, normalVariable, splitFlat, toVariable } from './init';
import { assignVariables, readVariables, variableShapes } from './variables';

export interface DenoiserConfig {
  /** Numbers per data point D: 2 for the 2D sets, 196 for a 14 × 14 image. */
  dataDim: number;
  /** Width of every hidden layer. */
  hidden: number;
  /** Number of hidden layers L. */
  layers: number;
  /** Width of the sinusoidal time embedding (even). */
  timeDim: number;
  /** Classes of a conditional model (0: unconditional). */
  numClasses: number;
  /** Seeds every initial weight. */
  seed: number;
}

export const DENOISER_LIMITS = {
  dataDim: { min: 1, max: 784 },
  hidden: { min: 8, max: 256 },
  layers: { min: 1, max: 6 },
  timeDim: { min: 2, max: 64 },
  numClasses: { min: 0, max: 10 },
} as const;

export const DEFAULT_DENOISER_CONFIG: DenoiserConfig = {
  dataDim: 2,
  hidden: 64,
  layers: 3,
  timeDim: 16,
  numClasses: 0,
  seed: 1,
};

/**
 * Optimiser settings with which the two-moons test beats half the noise baseline within its budget
 * (measured: first below half after ~150 steps). The high learning rate is tamed by sampling from an
 * exponential moving average of the weights, as Ho et al. 2020 do (with decay 0.9999 over far longer
 * runs): in trials here, samples from the raw weights swung between good and poor from one checkpoint
 * to the next (sliced Wasserstein 0.4–1.0 of the noise baseline), those from the average did not.
 */
export const DEFAULT_DIFFUSION_TRAINING = {
  learningRate: 1e-2,
  batchSize: 128,
  /** Probability of training on the null class ∅ (Ho & Salimans 2022 use 0.1–0.2). */
  pUncond: 0.1,
  /** Weight averaging horizon of about 1 / (1 - decay) = 100 steps. */
  emaDecay: 0.99,
} as const;

/** Time scale of the embedding: τ = TIME_SCALE · t/T, as if every schedule had Ho et al.'s 1000 steps. */
export const TIME_SCALE = 1000;

/** Fills in defaults and throws a RangeError naming the first bad field. */
export function resolveDenoiserConfig(config: Partial<DenoiserConfig> = {}): DenoiserConfig {
  const c = { ...DEFAULT_DENOISER_CONFIG, ...config };
  checkInt('dataDim', c.dataDim, DENOISER_LIMITS.dataDim.min, DENOISER_LIMITS.dataDim.max);
  checkInt('hidden', c.hidden, DENOISER_LIMITS.hidden.min, DENOISER_LIMITS.hidden.max);
  checkInt('layers', c.layers, DENOISER_LIMITS.layers.min, DENOISER_LIMITS.layers.max);
  checkInt('timeDim', c.timeDim, DENOISER_LIMITS.timeDim.min, DENOISER_LIMITS.timeDim.max);
  if (c.timeDim % 2 !== 0) throw new RangeError(`timeDim must be even, got ${c.timeDim}`);
  checkInt('numClasses', c.numClasses, DENOISER_LIMITS.numClasses.min, DENOISER_LIMITS.numClasses.max);
  checkInt('seed', c.seed, 0, 0xffffffff);
  return c;
}

/**
 * γ(t) = [sin(τ ω_0) … sin(τ ω_{h-1}), cos(τ ω_0) … cos(τ ω_{h-1})],  τ = 1000 · t/T,
 * ω_i = 10000^(-i/h), h = dim / 2: fast frequencies tell neighbouring steps apart, slow ones say
 * roughly how noisy x_t is. Returns rows of `dim` numbers, one per time, flat.
 */
export function timeEmbedding(times: readonly number[], dim: number): Float32Array {
  const h = dim / 2;
  const out = new Float32Array(times.length * dim);
  // The frequencies once per call, not once per row (the same numbers: the same expression).
  const omega = Array.from({ length: h }, (_, i) => Math.exp((-Math.log(10000) * i) / h));
  times.forEach((time, r) => {
    const tau = TIME_SCALE * time;
    for (let i = 0; i < h; i++) {
      const angle = tau * omega[i];
      out[r * dim + i] = Math.sin(angle);
      out[r * dim + h + i] = Math.cos(angle);
    }
  });
  return out;
}

/** A class per point (or one for all); `null` is the unconditional class ∅. */
export type ClassInput = number | null | readonly (number | null)[];

interface HiddenLayer {
  w: Variable;
  v: Variable;
  b: Variable;
}

export class Denoiser {
  readonly config: DenoiserConfig;
  readonly trainableVariables: Variable[];
  readonly numParameters: number;
  private readonly wx: Variable;
  private readonly wt: Variable;
  private readonly classEmbedding: Variable | null;
  private readonly b1: Variable;
  private readonly hiddenLayers: HiddenLayer[];
  private readonly wOut: Variable;
  private readonly bOut: Variable;
  private disposed = false;

  constructor(config: Partial<DenoiserConfig> = {}) {
    const c = resolveDenoiserConfig(config);
    this.config = c;
    const { dataDim: D, hidden: H, timeDim: E, numClasses: K } = c;
    const rng = mulberry32(deriveSeed(c.seed, 0));
    // N(0, 1/fan_in) keeps each pre-activation near unit scale at the start; the inputs of the first
    // layer (x, γ(t), class) each get their own share so their sum does too. The residual branches
    // start small (1/L of that) so the initial network is close to a shallow one, and the output
    // layer starts at zero: the first prediction is ε̂ = 0, the loss starts at E[ε_i²] = 1.
    const normal = (shape: number[], std: number) => normalVariable(rng, shape, std);
    const zeros = (shape: number[]) => toVariable(tf.zeros(shape));
    const inputs = K > 0 ? 3 : 2;
    this.wx = normal([D, H], 1 / Math.sqrt(D * inputs));
    this.wt = normal([E, H], 1 / Math.sqrt(E * inputs));
    this.classEmbedding = K > 0 ? normal([K + 1, H], 1 / Math.sqrt(inputs)) : null;
    this.b1 = zeros([H]);
    this.hiddenLayers = Array.from({ length: c.layers - 1 }, () => ({
      w: normal([H, H], 1 / Math.sqrt(H) / c.layers),
      v: normal([E, H], 1 / Math.sqrt(E) / c.layers),
      b: zeros([H]),
    }));
    this.wOut = zeros([H, D]);
    this.bOut = zeros([D]);
    this.trainableVariables = [
      this.wx,
      this.wt,
      ...(this.classEmbedding ? [this.classEmbedding] : []),
      this.b1,
      ...this.hiddenLayers.flatMap((l) => [l.w, l.v, l.b]),
      this.wOut,
      this.bOut,
    ];
    this.numParameters = this.trainableVariables.reduce((s, v) => s + v.size, 0);
  }

  get conditional(): boolean {
    return this.config.numClasses > 0;
  }

  /**
   * ε̂ for a batch. x: [N, D]; timeEmb: [N or 1, timeDim] (see timeEmbedding; one row is shared by all
   * points); classOneHot: [N or 1, K + 1] for a conditional model, else null. The caller owns the result.
   */
  forward(x: Tensor2D, timeEmb: Tensor2D, classOneHot: Tensor2D | null): Tensor2D {
    this.assertAlive();
    if (this.conditional !== (classOneHot !== null)) {
      throw new Error(this.conditional ? 'a conditional denoiser needs a class input' : 'this denoiser has no classes');
    }
    return tf.tidy(() => {
      // Each layer's pre-activation is one op on the gradient tape (affine in ./init); its sums run in
      // the order of the formula above, ((x W_x + γ W_t) + b₁) + onehot(c) E, the order this model has
      // always used, so predictions (and samples) keep their bits.
      const first: [Tensor, Tensor][] = [
        [x, this.wx],
        [timeEmb, this.wt],
      ];
      if (classOneHot && this.classEmbedding) first.push([classOneHot, this.classEmbedding]);
      let h: Tensor = silu(affine(first, this.b1, { inputGrad: false }));
      for (const l of this.hiddenLayers) {
        const pre = affine(
          [
            [h, l.w],
            [timeEmb, l.v],
          ],
          l.b,
        );
        h = tf.add(h, silu(pre));
      }
      return linear(h, this.wOut, this.bOut) as Tensor2D;
    });
  }

  /**
   * ε̂ for plain points: `points` flat, D numbers per point ([x0, y0, x1, y1, …] in 2D), or rows of D
   * numbers; `time` = t/T for all points or one per point, classes as ClassInput (ignored, and may be
   * omitted, when unconditional). Returns ε̂ flat, the same layout as the points.
   */
  predict(
    points: Float32Array | readonly (readonly number[])[],
    time: number | readonly number[],
    classes: ClassInput = null,
  ): Float32Array {
    this.assertAlive();
    const D = this.config.dataDim;
    const flat = points instanceof Float32Array ? points : flattenPoints(points, D);
    const n = flat.length / D;
    if (!Number.isInteger(n)) throw new RangeError(`${flat.length} numbers are not whole points of ${D}`);
    const times = typeof time === 'number' ? [time] : time;
    if (times.length !== 1 && times.length !== n) throw new RangeError(`need 1 or ${n} times, got ${times.length}`);
    return tf.tidy(() => {
      const x = tf.tensor2d(flat, [n, D]);
      const emb = tf.tensor2d(timeEmbedding(times, this.config.timeDim), [times.length, this.config.timeDim]);
      const oneHot = this.conditional ? this.classOneHot(classes, n) : null;
      return this.forward(x, emb, oneHot).dataSync() as Float32Array;
    });
  }

  /** One-hot class rows [N or 1, K + 1] as a float32 tensor built in plain JS (∅ is index K). */
  classOneHot(classes: ClassInput, n: number): Tensor2D {
    const K = this.config.numClasses;
    const list = Array.isArray(classes) ? (classes as readonly (number | null)[]) : [classes as number | null];
    if (list.length !== 1 && list.length !== n) throw new RangeError(`need 1 or ${n} classes, got ${list.length}`);
    const data = new Float32Array(list.length * (K + 1));
    list.forEach((c, r) => {
      if (c !== null && !(Number.isInteger(c) && c >= 0 && c < K)) {
        throw new RangeError(`class must be null or an integer from 0 to ${K - 1}, got ${c}`);
      }
      data[r * (K + 1) + (c === null ? K : c)] = 1;
    });
    return tf.tensor2d(data, [list.length, K + 1]);
  }

  /** The shape of each weight array, in getWeights order (what a weights manifest records). */
  get weightShapes(): number[][] {
    return variableShapes(this.trainableVariables);
  }

  /** A copy of every weight, in trainableVariables order (to save pre-trained weights). */
  getWeights(): Float32Array[] {
    this.assertAlive();
    return readVariables(this.trainableVariables);
  }

  /** Loads weights saved by getWeights from a model of the same configuration (seed aside). */
  setWeights(values: readonly ArrayLike<number>[]): void {
    this.assertAlive();
    assignVariables(this.trainableVariables, values);
  }

  /**
   * Moves every weight towards the other model's: w ← decay · w + (1 - decay) · w_other (decay = 0
   * copies). Both models must share the configuration (seed aside).
   */
  blendFrom(other: Denoiser, decay: number): void {
    this.assertAlive();
    other.assertAlive();
    const a = this.trainableVariables;
    const b = other.trainableVariables;
    if (a.length !== b.length || a.some((v, i) => v.shape.join() !== b[i].shape.join())) {
      throw new Error('Denoiser.blendFrom: the two models differ in architecture');
    }
    tf.tidy(() => {
      // The two factors as tensors once, not once per weight (the same float32 numbers either way).
      const keep = tf.scalar(decay);
      const take = tf.scalar(1 - decay);
      a.forEach((v, i) => v.assign(decay === 0 ? b[i] : tf.add(tf.mul(v, keep), tf.mul(b[i], take))));
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.trainableVariables.forEach((v) => v.dispose());
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('Denoiser: used after dispose()');
  }
}

/**
 * SiLU(x) = x · s, s = sigmoid(x), as one op on the gradient tape with the closed-form gradient
 * dx = dy · s · (1 + x (1 - s)): 5 ops where tfjs's gradients of mul and sigmoid run 9 (and the forward
 * pass keeps its two ops, and its bits).
 */
export const silu = customOp(([x], save) => {
  const s = tf.sigmoid(x);
  save([x, s]);
  return {
    value: tf.mul(x, s),
    gradFunc: (dy, [xs, ss]) => [tf.mul(dy, tf.mul(ss, tf.add(tf.mul(xs, tf.sub(1, ss)), 1)))],
  };
});

/**
 * mean((target - prediction)²) as one op on the gradient tape: the same forward ops, and the gradient
 * d prediction = dy · 2 (prediction - target) / N in 3 ops where tfjs's chain of sub, square and mean runs 8.
 */
export function squaredError(target: Tensor, prediction: Tensor): Tensor {
  return customOp(([p], save) => {
    const diff = tf.sub(target, p);
    save([diff]);
    return {
      value: tf.mean(tf.square(diff)),
      gradFunc: (dy, [d]) => [tf.mul(d, tf.mul(dy, -2 / d.size))],
    };
  })(prediction);
}

/** Rows of `dim` numbers → one flat float32 array ([[x, y], …] → [x0, y0, x1, y1, …] in 2D). */
export function flattenPoints(points: readonly (readonly number[])[], dim = 2): Float32Array {
  const out = new Float32Array(points.length * dim);
  points.forEach((p, i) => {
    if (p.length !== dim) throw new RangeError(`point ${i} has ${p.length} numbers, expected ${dim}`);
    for (let j = 0; j < dim; j++) out[dim * i + j] = p[j];
  });
  return out;
}

/** A flat array → rows of `dim` numbers ([x0, y0, …] → [[x, y], …] in 2D). */
export function unflattenPoints(flat: ArrayLike<number>, dim = 2): number[][] {
  return Array.from({ length: flat.length / dim }, (_, i) => Array.from({ length: dim }, (_, j) => flat[dim * i + j]));
}

export interface DiffusionTrainerOptions {
  learningRate?: number;
  /** Probability that a labelled example is trained as unconditional (class ∅). */
  pUncond?: number;
  /** Seeds the trainer's draws of t, ε and the unconditional drop. */
  seed?: number;
  /** Decay of the exponential moving average of the weights (0: keep no average). */
  emaDecay?: number;
}

/**
 * Owns the Adam optimiser for one denoiser and one noise schedule. Dispose it with (or before) the model.
 *
 * Each step (Ho et al. 2020, Algorithm 1): for every x_0 in the batch draw t uniform in 1 … T and
 * ε ~ N(0, I), form x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε, and take one step on the simple loss
 *
 *   L = mean over the batch and all D coordinates of (ε - ε_θ(x_t, t, c))².
 *
 * After each step the `ema` model moves towards the trained one; sample from `trainer.ema`.
 */
export class DiffusionTrainer {
  readonly model: Denoiser;
  readonly schedule: NoiseSchedule;
  readonly pUncond: number;
  private readonly optimizer: Adam;
  private readonly rng: Rng;
  private stepCount = 0;
  readonly emaDecay: number;
  private readonly emaModel: Denoiser | null;
  /**
   * The average as one flat vector (trainableVariables order), updated each step from the flat
   * parameters Adam hands over; written into emaModel's variables only when someone asks for `ema`.
   * Splitting a vector into a dozen tensors costs more on wasm than the whole average (its slices copy
   * the entire vector each), and sampling needs the average only every few hundred steps.
   */
  private emaFlat: Tensor | null = null;
  /** emaFlat holds steps the model's variables do not have yet. */
  private emaAhead = false;

  constructor(
    model: Denoiser,
    schedule: NoiseSchedule,
    {
      learningRate = DEFAULT_DIFFUSION_TRAINING.learningRate,
      pUncond = DEFAULT_DIFFUSION_TRAINING.pUncond,
      seed = 0,
      emaDecay = DEFAULT_DIFFUSION_TRAINING.emaDecay,
    }: DiffusionTrainerOptions = {},
  ) {
    if (!(learningRate > 0 && learningRate < 1))
      throw new RangeError(`learningRate must be in (0, 1), got ${learningRate}`);
    if (!(pUncond >= 0 && pUncond <= 1)) throw new RangeError(`pUncond must be in [0, 1], got ${pUncond}`);
    this.model = model;
    this.schedule = schedule;
    this.pUncond = pUncond;
    this.rng = mulberry32(deriveSeed(seed, 0));
    if (!(emaDecay >= 0 && emaDecay < 1)) throw new RangeError(`emaDecay must be in [0, 1), got ${emaDecay}`);
    this.emaDecay = emaDecay;
    this.optimizer = new Adam(model.trainableVariables, learningRate);
    if (emaDecay > 0) {
      this.emaModel = new Denoiser(model.config);
      this.emaModel.blendFrom(model, 0);
    } else {
      this.emaModel = null;
    }
  }

  /**
   * One Adam step on a batch of clean points (labels required for a conditional model, ignored
   * otherwise); returns the loss before the step.
   */
  trainStep(x0: readonly (readonly number[])[], labels: readonly number[] | null = null): { loss: number } {
    const B = x0.length;
    if (B === 0) throw new RangeError('empty batch');
    const { T, alphaBars } = this.schedule;
    const { timeDim, dataDim: D } = this.model.config;
    const conditional = this.model.conditional;
    if (conditional && (!labels || labels.length !== B)) {
      throw new RangeError(`a conditional denoiser needs one label per point (${B})`);
    }
    const xt = new Float32Array(B * D);
    const eps = new Float32Array(B * D);
    const times: number[] = [];
    const classes: (number | null)[] = [];
    for (let i = 0; i < B; i++) {
      if (x0[i].length !== D) throw new RangeError(`point ${i} has ${x0[i].length} numbers, expected ${D}`);
      const t = 1 + randInt(this.rng, T);
      const a = Math.sqrt(alphaBars[t]);
      const s = Math.sqrt(1 - alphaBars[t]);
      for (let j = 0; j < D; j++) {
        const e = randNormal(this.rng);
        xt[D * i + j] = a * x0[i][j] + s * e;
        eps[D * i + j] = e;
      }
      times.push(t / T);
      // Drawn for every example, conditional or not, so the t and ε streams never depend on pUncond.
      const drop = this.rng() < this.pUncond;
      if (conditional) classes.push(drop ? null : labels![i]);
    }
    const cost = tf.tidy(() => {
      const x = tf.tensor2d(xt, [B, D]);
      const target = tf.tensor2d(eps, [B, D]);
      const emb = tf.tensor2d(timeEmbedding(times, timeDim), [B, timeDim]);
      const oneHot = conditional ? this.model.classOneHot(classes, B) : null;
      // Warm-up as in TensorFlow's ExponentialMovingAverage: early on, the average forgets its random start faster.
      const n = this.stepCount + 1;
      const decay = Math.min(this.emaDecay, (1 + n) / (10 + n));
      return this.optimizer.minimize(
        () => squaredError(target, this.model.forward(x, emb, oneHot)) as Scalar,
        this.emaModel ? (params) => this.blendAverage(params, decay) : undefined,
      );
    });
    const loss = cost.dataSync()[0];
    cost.dispose();
    this.stepCount++;
    return { loss };
  }

  /** Optimiser steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  /**
   * A second denoiser holding the exponential moving average of the trained weights (null when
   * emaDecay = 0): sample from it. Owned by the trainer. Up to date whenever it is read here; whoever
   * keeps it must read it again after more training steps.
   */
  get ema(): Denoiser | null {
    const model = this.emaModel;
    if (!model) return null;
    if (this.emaAhead) {
      const vars = model.trainableVariables;
      tf.tidy(() => {
        const parts = splitFlat(
          this.emaFlat!,
          vars.map((v) => v.size),
        );
        vars.forEach((v, i) => v.assign(tf.reshape(parts[i], v.shape)));
      });
      this.emaAhead = false;
    }
    // The caller may change the average's weights (setWeights): the flat copy is rebuilt next step.
    this.emaFlat?.dispose();
    this.emaFlat = null;
    return model;
  }

  /** w̄ ← decay · w̄ + (1 - decay) · w on the flat vectors: Denoiser.blendFrom's numbers, in four ops. */
  private blendAverage(params: Tensor, decay: number): void {
    const vars = this.emaModel!.trainableVariables;
    const previous = this.emaFlat ?? tf.concat(vars.map((v) => tf.reshape(v, [-1])));
    this.emaFlat = tf.keep(tf.add(tf.mul(previous, tf.scalar(decay)), tf.mul(params, tf.scalar(1 - decay))));
    previous.dispose();
    this.emaAhead = true;
  }

  dispose(): void {
    this.optimizer.dispose();
    this.emaFlat?.dispose();
    this.emaModel?.dispose();
  }
}

/**
 * The FLOPs of one DiffusionTrainer.trainStep on a batch of B points, counted analytically from the
 * model's matrix products (2·m·k·n for [m, k] × [k, n]; element-wise ops, SiLU, Adam and the weight
 * average left out). Backward: twice the forward cost for a product of two things that need gradients
 * (h W), once for a product with data (x W_x, γ(t) W_t and γ(t) V_ℓ, the class embedding): only W's
 * gradient is computed.
 */
export function denoiserStepFlops(
  config: Partial<DenoiserConfig>,
  B: number,
): { forward: number; backward: number; total: number } {
  const { dataDim: D, hidden: H, layers: L, timeDim: E, numClasses: K } = resolveDenoiserConfig(config);
  const mm = (m: number, k: number, p: number) => 2 * m * k * p;
  const dataProducts = mm(B, D, H) + mm(B, E, H) + (K > 0 ? mm(B, K + 1, H) : 0) + (L - 1) * mm(B, E, H);
  const hiddenProducts = (L - 1) * mm(B, H, H) + mm(B, H, D);
  const forward = dataProducts + hiddenProducts;
  const backward = dataProducts + 2 * hiddenProducts;
  return { forward, backward, total: forward + backward };
}
