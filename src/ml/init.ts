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
 * into the variables. tf.train.adam runs 14 ops per variable, multiplying by JavaScript numbers it
 * uploads afresh as tensors each time; here the step is about 4 ops per variable (reshapes, which copy
 * nothing, most of them) plus 16, with the constants uploaded once. On the playground's model that is
 * 190 fewer ops per step (639 → 448 before the other changes of this commit series). Splitting the
 * update back costs a copy of the whole vector per piece on wasm (see splitFlat), and still wins:
 * measured in Chromium on wasm, both widgets' steps ran 1.2× faster than with the same Adam applied
 * variable by variable (14 ops each, constants cached), timed turn about in one bench run.
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
        const parts = splitFlat(params, this.sizes);
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

/**
 * tf.split of a 1-D tensor into pieces of the given sizes, in two rounds: first into about √n runs of
 * consecutive pieces, then each run into its pieces. The result is the same; the cost is not: on wasm
 * every slice copies its whole input to JavaScript first (tfjs-backend-wasm 4.22's Slice reads it with
 * readSync), so one split into n pieces copies the vector n times, two rounds about 2√n times.
 */
export function splitFlat(flat: Tensor, sizes: readonly number[]): Tensor[] {
  const n = sizes.length;
  if (n <= 4) return tf.split(flat, [...sizes]);
  const per = Math.ceil(Math.sqrt(n));
  const runs: number[][] = [];
  for (let i = 0; i < n; i += per) runs.push(sizes.slice(i, i + per));
  const parts = tf.split(
    flat,
    runs.map((r) => r.reduce((a, b) => a + b, 0)),
  );
  return parts.flatMap((part, i) => (runs[i].length === 1 ? [part] : tf.split(part, runs[i])));
}

export type SaveFunc = (tensors: Tensor[]) => void;
export type CustomOpBody = (
  inputs: Tensor[],
  save: SaveFunc,
) => { value: Tensor; gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor[] };

/**
 * tf.customGrad with the inputs as an array and the save function apart. An op written this way is one
 * node on tfjs's gradient tape: the ops inside it are not recorded, so none of them saves copies of its
 * inputs for the backward pass (tfjs clones every saved tensor, one Identity op each), and the backward
 * pass is the closed form in gradFunc instead of one gradient per elementary op.
 */
export function customOp(body: CustomOpBody): (...inputs: Tensor[]) => Tensor {
  const op = tf.customGrad((...args: (Tensor | SaveFunc)[]) => {
    const save = args.pop() as SaveFunc;
    return body(args as Tensor[], save);
  });
  return (...inputs) => op(...inputs);
}

/**
 * y = x W (+ b) for x [n, k], W [k, m], b [m], with its own gradient
 *
 *   dx = dy Wᵀ,   dW = xᵀ dy,   db = Σ_rows dy,
 *
 * where each transpose is a Transpose op of its own and every matmul is plain (untransposed, 2-D).
 * Why: tfjs-backend-wasm 4.22 hands only untransposed, unbatched matmuls to XNNPACK; any other one,
 * such as the transposed ones tf.matMul's own gradient asks for, runs a scalar triple loop. Measured in
 * Node on wasm: dW = xᵀ dy for x [384, 32], dy [384, 128] takes 1.6–2.0 ms as a transposed matmul, and
 * 0.2 ms as a Transpose plus the XNNPACK matmul. The forward pass is tf.matMul (+ tf.add) as before,
 * so predictions keep their bits on every backend; on the cpu backend the gradients keep theirs too
 * (its matmul kernel sums in the same order whichever operand is transposed).
 *
 * `inputGrad: false` is for data inputs, which never need dx: a custom gradient is computed whole,
 * whether or not each part is used, so leaving x out of the op's inputs is what skips it.
 */
export function linear(x: Tensor, w: Tensor, b: Tensor | null = null, { inputGrad = true } = {}): Tensor {
  return affine([[x, w]], b, { inputGrad });
}

/**
 * ((x₀ W₀ + x₁ W₁) + b) + x₂ W₂ + …, summed in this order, as one op on the gradient tape, with the
 * gradients of `linear` for each product (Wᵢ gets xᵢᵀ dy, b gets Σ_rows dy). Only x₀ can get a
 * gradient (`inputGrad`); the other inputs are data. A data input of one row is broadcast over the
 * batch, as tf.add broadcasts it (its weight's gradient is then xᵢᵀ Σ_rows dy).
 */
export function affine(
  terms: readonly (readonly [Tensor, Tensor])[],
  bias: Tensor | null,
  { inputGrad = true } = {},
): Tensor {
  const xs = terms.map((t) => t[0]);
  const op = customOp((inputs, save) => {
    const [x0, ...rest] = inputGrad ? inputs : [xs[0], ...inputs];
    const ws = rest.slice(0, terms.length);
    const b = bias ? rest[terms.length] : null;
    const all = [x0, ...xs.slice(1)];
    save([...all, ...ws]);
    let y = tf.matMul(all[0], ws[0]);
    if (terms.length > 1) y = tf.add(y, tf.matMul(all[1], ws[1]));
    if (b) y = tf.add(y, b);
    for (let i = 2; i < terms.length; i++) y = tf.add(y, tf.matMul(all[i], ws[i]));
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const sx = saved.slice(0, terms.length);
        const sw = saved.slice(terms.length);
        const grads = sx.map((x) =>
          x.shape[0] === dy.shape[0] ? tf.matMul(tf.transpose(x), dy) : tf.matMul(tf.transpose(x), tf.sum(dy, 0, true)),
        );
        if (b) grads.push(tf.sum(dy, 0));
        return inputGrad ? [tf.matMul(dy, tf.transpose(sw[0])), ...grads] : grads;
      },
    };
  });
  const weights = terms.map((t) => t[1]);
  return op(...(inputGrad ? [xs[0]] : []), ...weights, ...(bias ? [bias] : []));
}
