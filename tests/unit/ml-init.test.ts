/**
 * The building blocks the models share (src/ml/init.ts): the all-parameters-at-once Adam must give the
 * very bits tf.train.adam gives, on the cpu backend and on wasm (what the site and the seeded scripts run).
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32, randNormal } from '../../src/math/random';
import { Adam, normalVariable } from '../../src/ml/init';
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
