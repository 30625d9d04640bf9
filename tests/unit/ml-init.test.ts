/**
 * The building blocks the models share (src/ml/init.ts): Adam must give the very bits tf.train.adam gives,
 * on the cpu backend and on wasm (what the site and the seeded scripts run); the ops with closed-form
 * gradients must give the gradients tfjs derives op by op.
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32, randNormal } from '../../src/math/random';
import { silu, squaredError } from '../../src/ml/denoiser';
import { Adam, affine, linear, normalVariable, splitFlat } from '../../src/ml/init';
import { layerNorm, maskedCrossEntropy } from '../../src/ml/transformer';
import { tf, type Scalar, type Variable } from '../../src/ml/tf';

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** A small model of three variables of different shapes, and a cost that uses all of them. */
function makeVariables(seed: number): Variable[] {
  const rng = mulberry32(seed);
  return [normalVariable(rng, [5, 3], 1), normalVariable(rng, [3], 0.5), normalVariable(rng, [3, 2], 1)];
}
function cost([w, b, u]: Variable[], x: number[][]): Scalar {
  return tf.tidy(() => tf.mean(tf.square(tf.matMul(tf.relu(tf.add(tf.matMul(tf.tensor2d(x), w), b)), u))) as Scalar);
}

describe.each(['cpu', 'wasm'])('Adam on all parameters at once (%s)', (backend) => {
  it('matches tf.train.adam bit for bit over several steps, and leaks nothing', async () => {
    await tf.setBackend(backend);
    const rng = mulberry32(7);
    const batches = Array.from({ length: 6 }, () =>
      Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => randNormal(rng))),
    );
    const ours = makeVariables(1);
    const theirs = makeVariables(1);
    const start = tf.memory().numTensors;
    const adam = new Adam(ours, 0.05);
    const reference = tf.train.adam(0.05);
    const before = tf.memory().numTensors;
    for (const x of batches) {
      const a = adam.minimize(() => cost(ours, x));
      const b = reference.minimize(() => cost(theirs, x), true, theirs)!;
      expect(a.dataSync()[0]).toBe(b.dataSync()[0]);
      tf.dispose([a, b]);
      ours.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(theirs[i].dataSync())));
    }
    // tf.train.adam makes its moments on the first step; ours made them up front.
    expect(tf.memory().numTensors).toBe(before + 2 * theirs.length);
    let seen: number[] = [];
    tf.dispose(
      adam.minimize(
        () => cost(ours, batches[0]),
        (flat) => (seen = Array.from(flat.dataSync())),
      ),
    );
    expect(seen).toEqual(ours.flatMap((v) => Array.from(v.dataSync())));
    adam.dispose();
    reference.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([...ours, ...theirs]);
  });
});

describe('Adam: errors', () => {
  it('refuses no variables, a variable the cost does not use, and use after dispose', () => {
    expect(() => new Adam([], 0.1)).toThrow(RangeError);
    const [w, b, u] = makeVariables(2);
    const adam = new Adam([w, b, u], 0.1);
    expect(() => adam.minimize(() => tf.sum(w) as Scalar)).toThrow(/no gradient/);
    adam.dispose();
    expect(() => adam.minimize(() => tf.sum(w) as Scalar)).toThrow(/dispose/);
    tf.dispose([w, b, u]);
  });
});

describe('ops with closed-form gradients', () => {
  const rng = mulberry32(11);
  const rand = (shape: number[], r = rng) =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => randNormal(r)),
      shape,
    );
  /** Gradients of sum(f(inputs) ⊙ R) for a fixed random R (the same for every f), so every output entry matters. */
  const gradsOf = (f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[]) =>
    tf.tidy(() => {
      const r = rand(f(...inputs).shape, mulberry32(5));
      return tf
        .grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r)))(inputs)
        .map((g) => Array.from(g.dataSync()));
    });

  it('linear: the same value, and on cpu the same gradient bits, as tf.matMul (+ tf.add)', async () => {
    await tf.setBackend('cpu');
    const [x, w, b] = [rand([7, 5]), rand([5, 3]), rand([3])];
    expect(gradsOf((xs, ws, bs) => linear(xs, ws, bs), [x, w, b])).toEqual(
      gradsOf((xs, ws, bs) => tf.add(tf.matMul(xs, ws), bs), [x, w, b]),
    );
    expect(Array.from(linear(x, w).dataSync())).toEqual(Array.from(tf.matMul(x, w).dataSync()));
    // A data input gets no gradient: only W (and b) are inputs of the op.
    expect(gradsOf((ws) => linear(x, ws, null, { inputGrad: false }), [w])).toEqual(
      gradsOf((ws) => tf.matMul(x, ws), [w]),
    );
    tf.dispose([x, w, b]);
  });

  it('affine: ((x₀W₀ + x₁W₁) + b) + x₂W₂ with the same value and (on cpu) gradient bits as op by op', async () => {
    await tf.setBackend('cpu');
    const [x0, x1, x2, w0, w1, w2, b] = [
      rand([6, 4]),
      rand([6, 3]),
      rand([6, 2]),
      rand([4, 5]),
      rand([3, 5]),
      rand([2, 5]),
      rand([5]),
    ];
    const plain = (h: tf.Tensor, u0: tf.Tensor, u1: tf.Tensor, u2: tf.Tensor, c: tf.Tensor) =>
      tf.add(tf.add(tf.add(tf.matMul(h, u0), tf.matMul(x1, u1)), c), tf.matMul(x2, u2));
    const ours = (h: tf.Tensor, u0: tf.Tensor, u1: tf.Tensor, u2: tf.Tensor, c: tf.Tensor) =>
      affine(
        [
          [h, u0],
          [x1, u1],
          [x2, u2],
        ],
        c,
      );
    expect(Array.from(ours(x0, w0, w1, w2, b).dataSync())).toEqual(Array.from(plain(x0, w0, w1, w2, b).dataSync()));
    expect(gradsOf(ours, [x0, w0, w1, w2, b])).toEqual(gradsOf(plain, [x0, w0, w1, w2, b]));
    // A one-row data input is broadcast over the batch, as tf.add would.
    const row = rand([1, 3]);
    expect(
      gradsOf(
        (u) =>
          affine(
            [
              [x0, w0],
              [row, u],
            ],
            b,
            { inputGrad: false },
          ),
        [w1],
      ),
    ).toEqual(gradsOf((u) => tf.add(tf.add(tf.matMul(x0, w0), tf.matMul(row, u)), b), [w1]));
    tf.dispose([x0, x1, x2, w0, w1, w2, b, row]);
  });

  it('layer norm, SiLU, squared error and the masked cross-entropy: gradients as tfjs derives them from the plain formulas', async () => {
    await tf.setBackend('cpu');
    const close = (a: number[][], b: number[][]) =>
      a.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], 4)));
    const [x, g, b] = [rand([6, 8]), rand([8]), rand([8])];
    close(
      gradsOf((xs, gs, bs) => layerNorm(xs, { gain: gs, bias: bs }), [x, g, b]),
      gradsOf(
        (xs, gs, bs) => {
          const c = tf.sub(xs, tf.mean(xs, -1, true));
          return tf.add(tf.mul(tf.mul(c, tf.rsqrt(tf.add(tf.mean(tf.square(c), -1, true), 1e-5))), gs), bs);
        },
        [x, g, b],
      ),
    );
    close(
      gradsOf((xs) => silu(xs), [x]),
      gradsOf((xs) => tf.mul(xs, tf.sigmoid(xs)), [x]),
    );
    const target = rand([6, 8]);
    close(
      gradsOf((p) => squaredError(target, p), [x]),
      gradsOf((p) => tf.mean(tf.square(tf.sub(target, p))), [x]),
    );
    const logits = rand([2, 3, 4]);
    const targets = tf.tensor2d([0, 3, 1, 2, 2, 0], [2, 3], 'int32');
    const mask = tf.tensor2d([0, 1, 1, 1, 0, 1], [2, 3]);
    close(
      gradsOf((l) => maskedCrossEntropy(l as tf.Tensor3D, targets, mask), [logits]),
      gradsOf(
        (l) =>
          tf.neg(
            tf.div(tf.sum(tf.mul(tf.sum(tf.mul(tf.logSoftmax(l), tf.oneHot(targets, 4)), -1), mask)), tf.sum(mask)),
          ),
        [logits],
      ),
    );
    tf.dispose([x, g, b, target, logits, targets, mask]);
  });
});

describe('splitFlat', () => {
  it('gives tf.split’s pieces, in two rounds', () => {
    const sizes = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const flat = tf.range(
      0,
      sizes.reduce((a, b) => a + b, 0),
    );
    const ours = splitFlat(flat, sizes).map((t) => Array.from(t.dataSync()));
    expect(ours).toEqual(tf.split(flat, sizes).map((t) => Array.from(t.dataSync())));
    expect(splitFlat(flat, [10, 34]).map((t) => t.size)).toEqual([10, 34]);
  });
});
