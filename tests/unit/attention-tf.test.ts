import { describe, expect, it } from 'vitest';
import { attention, type AttentionOptions } from '../../src/math/attention';
import { causalMask, scaledDotProductAttention } from '../../src/ml/attention';
import { tf } from '../../src/ml/tf';

// A hand-built example: 3 queries, 3 keys with d_k = 2, values with d_v = 3. Chosen so that scaling,
// masking and temperature each change the answer visibly.
const q = [
  [1, 0],
  [0, 2],
  [1, -1],
];
const k = [
  [2, 0],
  [0, 1],
  [1, 1],
];
const v = [
  [1, 0, 0],
  [0, 10, 0],
  [0, 0, 100],
];

function run(opts: AttentionOptions) {
  return tf.tidy(() => {
    const r = scaledDotProductAttention(tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v), opts);
    return { output: r.output.arraySync() as number[][], weights: r.weights.arraySync() as number[][] };
  });
}

function expectClose(actual: number[][], expected: number[][], tol = 1e-5) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i].length);
    row.forEach((x, j) => expect(Math.abs(x - expected[i][j])).toBeLessThan(tol));
  });
}

describe('tfjs scaled dot-product attention', () => {
  const cases: [string, AttentionOptions][] = [
    ['scaled', { scale: true }],
    ['unscaled', { scale: false }],
    ['scaled + causal', { scale: true, causal: true }],
    ['unscaled + causal', { scale: false, causal: true }],
    ['temperature 0.5 + causal', { scale: true, causal: true, temperature: 0.5 }],
  ];
  for (const [name, opts] of cases) {
    it(`matches the plain-number reference (${name}) to 1e-5`, () => {
      const ref = attention(q, k, v, opts);
      const got = run(opts);
      expectClose(got.weights, ref.weights);
      // Values reach 100, so compare the output relative to that scale.
      expectClose(got.output, ref.output, 1e-4);
    });
  }

  it('checks one entry by hand: unscaled weight of query 0 on key 0 is e²/(e²+1+e)', () => {
    // q0·k = [2, 0, 1].
    const w = run({ scale: false }).weights;
    const e = Math.E;
    expect(w[0][0]).toBeCloseTo((e * e) / (e * e + 1 + e), 6);
  });

  it('scaling changes the weights (so the option is really applied)', () => {
    const a = run({ scale: true }).weights;
    const b = run({ scale: false }).weights;
    expect(Math.abs(a[0][0] - b[0][0])).toBeGreaterThan(0.05);
  });

  it('gives rows that sum to 1 and exactly zero weight to masked (future) keys', () => {
    const w = run({ causal: true }).weights;
    for (let i = 0; i < 3; i++) {
      expect(w[i].reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
      for (let j = i + 1; j < 3; j++) expect(w[i][j]).toBe(0);
    }
    expect(w[0][0]).toBe(1); // the first query can only see itself
  });

  it('handles batched [B, T, d] inputs like the per-example reference', () => {
    const q2 = q.map((r) => r.map((x) => -x));
    const got = tf.tidy(() => {
      const r = scaledDotProductAttention(tf.tensor3d([q, q2]), tf.tensor3d([k, k]), tf.tensor3d([v, v]), {
        causal: true,
      });
      return r.weights.arraySync() as number[][][];
    });
    expectClose(got[0], attention(q, k, v, { causal: true }).weights);
    expectClose(got[1], attention(q2, k, v, { causal: true }).weights);
  });

  it('builds the additive causal mask', () => {
    const m = causalMask(2, 3);
    expect(m.arraySync()).toEqual([
      [0, -1e9, -1e9],
      [0, 0, -1e9],
    ]);
    m.dispose();
  });

  it('leaves only its two outputs allocated, and rejects a bad temperature', () => {
    const inputs = [tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v)] as const;
    const before = tf.memory().numTensors;
    const r = scaledDotProductAttention(...inputs, { causal: true });
    expect(tf.memory().numTensors).toBe(before + 2);
    r.output.dispose();
    r.weights.dispose();
    expect(() => scaledDotProductAttention(...inputs, { temperature: 0 })).toThrow(RangeError);
    expect(tf.memory().numTensors).toBe(before);
    inputs.forEach((t) => t.dispose());
  });
});
