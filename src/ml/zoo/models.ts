/**
 * The zoo's classifiers: softmax regression, an MLP and a small CNN (the adversarially trained CNN is
 * the same architecture trained differently). One code path for Node, Workers and scripts.
 *
 * Input: a batch of digits x, [N, 784] in [0, 1] (0 paper, 1 ink), row by row. Output: logits [N, 10].
 * Each model owns its variables (dispose() frees them) and saves and loads them as plain arrays in the
 * order of `weightShapes` (= architectureShapes in src/math/zoo.ts), the order of the weights files.
 *
 * Initial weights are drawn in plain JS from a seeded stream (identical on every backend): He et al.
 * 2015's N(0, 2/fan_in) for layers followed by a ReLU, N(0, 1/fan_in) for the output layer, zeros for
 * softmax regression (its loss is convex) and for every bias.
 */
import {
  architectureShapes,
  DIGIT_CLASSES,
  DIGIT_PIXELS,
  DIGIT_SIDE,
  parameterCount,
  type ZooArchitecture,
} from '../../math/zoo';
import { deriveSeed, mulberry32 } from '../../math/random';
import { checkInt, normalVariable, toVariable } from '../init';
import { tf, type Scalar, type Tensor, type Tensor1D, type Tensor2D, type Tensor4D, type Variable } from '../tf';
import { convReluPool } from './conv';
import { assignVariables, readVariables, variableShapes } from '../variables';

/**
 * What a forward pass must support: 'infer' (no gradients: the fastest kernels), 'attack' (gradients
 * with respect to the input, for PGD), 'train' (gradients with respect to the weights).
 */
export type ForwardMode = 'infer' | 'attack' | 'train';

const MAX_WIDTH = 1024;

/** Throws a RangeError naming the first bad field of an architecture. */
export function checkArchitecture(a: ZooArchitecture): void {
  switch (a.kind) {
    case 'softmax':
      return;
    case 'mlp':
      if (!Array.isArray(a.hidden) || a.hidden.length < 1 || a.hidden.length > 3) {
        throw new RangeError(`an MLP needs 1 to 3 hidden layers, got ${a.hidden?.length}`);
      }
      a.hidden.forEach((h, i) => checkInt(`hidden[${i}]`, h, 1, MAX_WIDTH));
      return;
    case 'cnn':
      checkInt('kernel', a.kernel, 1, 7);
      checkInt('filters[0]', a.filters?.[0], 1, 128);
      checkInt('filters[1]', a.filters?.[1], 1, 128);
      checkInt('dense', a.dense, 1, MAX_WIDTH);
      return;
    default:
      throw new RangeError(`unknown architecture ${(a as { kind: unknown }).kind}`);
  }
}

export abstract class ZooModel {
  readonly architecture: ZooArchitecture;
  readonly trainableVariables: Variable[];
  readonly numParameters: number;
  private disposed = false;

  protected constructor(architecture: ZooArchitecture, variables: Variable[]) {
    this.architecture = architecture;
    this.trainableVariables = variables;
    this.numParameters = variables.reduce((s, v) => s + v.size, 0);
  }

  /** Logits [N, 10] of digits x [N, 784] in [0, 1]. The caller owns the result. */
  logits(x: Tensor2D, mode: ForwardMode = 'infer'): Tensor2D {
    this.assertAlive();
    if (x.rank !== 2 || x.shape[1] !== DIGIT_PIXELS) {
      throw new RangeError(`expected digits of shape [N, ${DIGIT_PIXELS}], got [${x.shape.join(', ')}]`);
    }
    return tf.tidy(() => this.forward(x, mode));
  }

  protected abstract forward(x: Tensor2D, mode: ForwardMode): Tensor2D;

  /** Class probabilities (softmax of the logits) of N digits given flat, N × 784 numbers in [0, 1]. */
  predict(pixels: Float32Array): Float32Array {
    this.assertAlive();
    const n = pixels.length / DIGIT_PIXELS;
    if (!Number.isInteger(n)) throw new RangeError(`${pixels.length} numbers are not whole digits of ${DIGIT_PIXELS}`);
    // Read outside tf.tidy: tidy walks a returned typed array element by element looking for tensors
    // (measured: ~0.7 s for 800,000 numbers).
    const p = tf.tidy(() => tf.softmax(this.logits(tf.tensor2d(pixels, [n, DIGIT_PIXELS]))));
    try {
      return p.dataSync() as Float32Array;
    } finally {
      p.dispose();
    }
  }

  /** The shape of each weight array, in getWeights order (what a weights manifest records). */
  get weightShapes(): number[][] {
    return variableShapes(this.trainableVariables);
  }

  /** A copy of every weight, in trainableVariables order. */
  getWeights(): Float32Array[] {
    this.assertAlive();
    return readVariables(this.trainableVariables);
  }

  /** Loads weights saved by getWeights from a model of the same architecture. */
  setWeights(values: readonly ArrayLike<number>[]): void {
    this.assertAlive();
    assignVariables(this.trainableVariables, values);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.trainableVariables.forEach((v) => v.dispose());
  }

  protected assertAlive(): void {
    if (this.disposed) throw new Error('zoo model: used after dispose()');
  }
}

/** A seeded stream of initial weights: one per model seed. */
function initStream(seed: number) {
  checkInt('seed', seed, 0, 0xffffffff);
  const rng = mulberry32(deriveSeed(seed, 0));
  return {
    he: (shape: number[], fanIn: number) => normalVariable(rng, shape, Math.sqrt(2 / fanIn)),
    lecun: (shape: number[], fanIn: number) => normalVariable(rng, shape, Math.sqrt(1 / fanIn)),
    zeros: (shape: number[]) => toVariable(tf.zeros(shape)),
  };
}

/** Dense layer x W + b, with ReLU or not, as one fused kernel (its gradient is the plain matMul's). */
function dense(x: Tensor2D, w: Tensor, b: Tensor, relu: boolean): Tensor2D {
  return tf.fused.matMul({ a: x, b: w as Tensor2D, bias: b, activation: relu ? 'relu' : 'linear' }) as Tensor2D;
}

/** Multinomial logistic regression: logits = x W + b. */
export class SoftmaxRegression extends ZooModel {
  constructor(seed = 1) {
    const init = initStream(seed);
    super({ kind: 'softmax' }, [init.zeros([DIGIT_PIXELS, DIGIT_CLASSES]), init.zeros([DIGIT_CLASSES])]);
  }

  protected forward(x: Tensor2D): Tensor2D {
    const [w, b] = this.trainableVariables;
    return dense(x, w, b, false);
  }
}

/** Fully connected ReLU layers, then a linear output layer. */
export class Mlp extends ZooModel {
  constructor(hidden: number[], seed = 1) {
    const architecture: ZooArchitecture = { kind: 'mlp', hidden: [...hidden] };
    checkArchitecture(architecture);
    const init = initStream(seed);
    const widths = [DIGIT_PIXELS, ...hidden, DIGIT_CLASSES];
    const vars: Variable[] = [];
    for (let i = 1; i < widths.length; i++) {
      const last = i === widths.length - 1;
      vars.push((last ? init.lecun : init.he)([widths[i - 1], widths[i]], widths[i - 1]), init.zeros([widths[i]]));
    }
    super(architecture, vars);
  }

  protected forward(x: Tensor2D): Tensor2D {
    const v = this.trainableVariables;
    let h = x;
    for (let i = 0; i < v.length; i += 2) h = dense(h, v[i], v[i + 1], i + 2 < v.length);
    return h;
  }
}

/** Two [conv, ReLU, 2×2 max pool] blocks, a dense ReLU layer and a linear output layer. */
export class SmallCnn extends ZooModel {
  constructor(options: { kernel: number; filters: [number, number]; dense: number }, seed = 1) {
    const architecture: ZooArchitecture = {
      kind: 'cnn',
      kernel: options.kernel,
      filters: [options.filters[0], options.filters[1]],
      dense: options.dense,
    };
    checkArchitecture(architecture);
    const init = initStream(seed);
    const [k, [f1, f2], d] = [options.kernel, options.filters, options.dense];
    const flat = (DIGIT_SIDE / 4) * (DIGIT_SIDE / 4) * f2;
    super(architecture, [
      init.he([k, k, 1, f1], k * k),
      init.zeros([f1]),
      init.he([k, k, f1, f2], k * k * f1),
      init.zeros([f2]),
      init.he([flat, d], flat),
      init.zeros([d]),
      init.lecun([d, DIGIT_CLASSES], d),
      init.zeros([DIGIT_CLASSES]),
    ]);
  }

  protected forward(x: Tensor2D, mode: ForwardMode): Tensor2D {
    const [w1, b1, w2, b2, w3, b3, w4, b4] = this.trainableVariables;
    const block = (input: Tensor4D, w: Tensor, b: Tensor, first: boolean): Tensor4D =>
      convReluPool(input, w as Tensor4D, b as Tensor1D, {
        input: mode === 'attack' || (mode === 'train' && !first),
        weights: mode === 'train',
      });
    const image = tf.reshape(x, [-1, DIGIT_SIDE, DIGIT_SIDE, 1]) as Tensor4D;
    const h2 = block(block(image, w1, b1, true), w2, b2, false);
    const flat = tf.reshape(h2, [h2.shape[0], -1]) as Tensor2D;
    return dense(dense(flat, w3, b3, true), w4, b4, false);
  }
}

/** A new model of the architecture, its initial weights fixed by the seed. */
export function createZooModel(architecture: ZooArchitecture, seed = 1): ZooModel {
  checkArchitecture(architecture);
  switch (architecture.kind) {
    case 'softmax':
      return new SoftmaxRegression(seed);
    case 'mlp':
      return new Mlp(architecture.hidden, seed);
    case 'cnn':
      return new SmallCnn(architecture, seed);
  }
}

/**
 * A model of a manifest entry's architecture holding the given weights (decoded from its file with
 * src/lib/weights.ts, in the entry's shapes). The caller owns (and disposes) the model.
 */
export function zooModelFromWeights(
  entry: { architecture: ZooArchitecture; shapes: readonly (readonly number[])[] },
  weights: readonly ArrayLike<number>[],
): ZooModel {
  const model = createZooModel(entry.architecture, 1);
  try {
    const shapes = model.weightShapes;
    if (shapes.length !== entry.shapes.length || shapes.some((s, i) => s.join() !== entry.shapes[i].join())) {
      throw new RangeError('the weights file describes another architecture than the manifest names');
    }
    model.setWeights(weights);
    return model;
  } catch (err) {
    model.dispose();
    throw err;
  }
}

/** One-hot rows [N, 10] as float32, built in plain JS (tf.oneHot's wasm kernel returns int32 bits). */
export function oneHotLabels(labels: ArrayLike<number>): Tensor2D {
  const data = new Float32Array(labels.length * DIGIT_CLASSES);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < DIGIT_CLASSES)) throw new RangeError(`label ${i} is ${y}, not 0 … 9`);
    data[i * DIGIT_CLASSES + y] = 1;
  }
  return tf.tensor2d(data, [labels.length, DIGIT_CLASSES]);
}

/** Mean cross-entropy −(1/N) Σ_n log softmax(z_n)[y_n] of logits [N, 10] against one-hot rows. */
export function crossEntropy(logits: Tensor2D, oneHot: Tensor2D): Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as Scalar);
}

export { parameterCount, architectureShapes };
