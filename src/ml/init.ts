/**
 * Building blocks shared by the models in src/ml: seeded weight initialisation (drawn in plain JS, so a
 * seed gives identical weights on every backend) and the integer checks their configs use.
 */
import { randNormal, type Rng } from '../math/random';
import { tf, type Scalar, type Tensor, type Variable } from './tf';

/** Throws a RangeError naming the field unless value is an integer in [min, max]. */
export function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** Wraps an initial value in a trainable variable and releases the value's own handle on the data. */
export function toVariable(init: Tensor): Variable {
  const v = tf.variable(init);
  init.dispose();
  return v;
}

/** N(0, std²) entries drawn in plain JS from the seeded stream: identical on every backend. */
export function normalVariable(rng: Rng, shape: number[], std: number): Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  return toVariable(
    tf.tensor(
      Float32Array.from({ length: size }, () => std * randNormal(rng)),
      shape,
    ),
  );
}

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  /** Defaults to the backend's epsilon, as tf.train.adam does. */
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015) computed exactly as tf.train.adam computes it (the same float32 operations on
 * every number, so the same bits), but on all the model's parameters at once: the gradients are
 * concatenated into one vector, the moments m and v are one vector each, and the update is split back
 * into the variables. tf.train.adam runs 14 ops per variable, each multiplying by a JavaScript number
 * it uploads afresh as a tensor; here the whole step is about 4 ops per variable (reshapes, which copy
 * nothing, most of them) plus 16, and the constants are uploaded once. With a few dozen small tensors,
 * dispatching ops is what costs on wasm, not the arithmetic.
 */
export class Adam {
  readonly variables: readonly Variable[];
  private readonly sizes: number[];
  private readonly m: Variable;
  private readonly v: Variable;
  private readonly accBeta1: Variable;
  private readonly accBeta2: Variable;
  private readonly c: Record<
    'one' | 'beta1' | 'beta2' | 'oneMinusBeta1' | 'oneMinusBeta2' | 'epsilon' | 'negLr',
    Tensor
  >;
  private disposed = false;

  constructor(
    variables: readonly Variable[],
    learningRate: number,
    { beta1 = 0.9, beta2 = 0.999, epsilon }: AdamOptions = {},
  ) {
    if (variables.length === 0) throw new RangeError('Adam needs at least one variable');
    this.variables = variables;
    this.sizes = variables.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    // Not trainable: the moments are state, not parameters. (tidy releases the initial values' handles.)
    [this.m, this.v, this.accBeta1, this.accBeta2] = tf.tidy(() => [
      tf.variable(tf.zeros([total]), false),
      tf.variable(tf.zeros([total]), false),
      tf.variable(tf.scalar(beta1), false),
      tf.variable(tf.scalar(beta2), false),
    ]);
    const eps = epsilon ?? tf.backend().epsilon();
    this.c = tf.tidy(() => {
      const s = {
        one: tf.scalar(1),
        beta1: tf.scalar(beta1),
        beta2: tf.scalar(beta2),
        oneMinusBeta1: tf.scalar(1 - beta1),
        oneMinusBeta2: tf.scalar(1 - beta2),
        epsilon: tf.scalar(eps),
        negLr: tf.scalar(-learningRate),
      };
      Object.values(s).forEach((t) => tf.keep(t));
      return s;
    });
  }

  /**
   * One step on the gradient of f (a scalar cost of the variables); returns f's value, which the caller
   * owns. `withParameters`, if given, sees the updated parameters as one flat vector (in `variables`
   * order) before it is released: an average of the weights can be updated from it at once.
   */
  minimize(f: () => Scalar, withParameters?: (flat: Tensor) => void): Scalar {
    if (this.disposed) throw new Error('Adam: used after dispose()');
    const { value, grads } = tf.variableGrads(f, this.variables as Variable[]);
    try {
      tf.tidy(() => {
        const flat = (ts: readonly Tensor[]) => tf.concat(ts.map((t) => tf.reshape(t, [-1])));
        const g = flat(
          this.variables.map((v) => {
            const grad = grads[v.name];
            if (!grad) throw new Error(`Adam: no gradient for variable ${v.name} (is it used by the cost?)`);
            return grad;
          }),
        );
        const { c } = this;
        // The same operations, in the same order, as tfjs-core 4.22's AdamOptimizer.applyGradients.
        const oneMinusAccBeta1 = tf.sub(c.one, this.accBeta1);
        const oneMinusAccBeta2 = tf.sub(c.one, this.accBeta2);
        const newM = tf.add(tf.mul(this.m, c.beta1), tf.mul(g, c.oneMinusBeta1));
        const newV = tf.add(tf.mul(this.v, c.beta2), tf.mul(tf.square(g), c.oneMinusBeta2));
        const mHat = tf.div(newM, oneMinusAccBeta1);
        const vHat = tf.div(newV, oneMinusAccBeta2);
        this.m.assign(newM);
        this.v.assign(newV);
        const params = tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), c.epsilon)), c.negLr), flat(this.variables));
        const parts = tf.split(params, this.sizes);
        this.variables.forEach((v, i) => v.assign(tf.reshape(parts[i], v.shape)));
        withParameters?.(params);
        this.accBeta1.assign(tf.mul(this.accBeta1, c.beta1));
        this.accBeta2.assign(tf.mul(this.accBeta2, c.beta2));
      });
    } finally {
      tf.dispose(grads);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.m, this.v, this.accBeta1, this.accBeta2, ...Object.values(this.c)]);
  }
}
