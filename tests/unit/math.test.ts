import { describe, expect, it } from 'vitest';
import { attention } from '../../src/math/attention';
import { cosineSimilarityMatrix, sinusoidalEncoding } from '../../src/math/positional';
import { deriveSeed, mulberry32, randNormal } from '../../src/math/random';
import { entropy, softmax } from '../../src/math/softmax';

describe('softmax', () => {
  it('matches the closed form on a hand example', () => {
    // exp(0), exp(1), exp(2) over their sum 1 + e + e².
    const z = 1 + Math.E + Math.E ** 2;
    const p = softmax([0, 1, 2]);
    expect(p[0]).toBeCloseTo(1 / z, 12);
    expect(p[1]).toBeCloseTo(Math.E / z, 12);
    expect(p[2]).toBeCloseTo(Math.E ** 2 / z, 12);
  });
  it('does not overflow on large scores and gives masked entries zero weight', () => {
    const p = softmax([1000, 1001, -Infinity]);
    expect(p[2]).toBe(0);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    expect(p[1] / p[0]).toBeCloseTo(Math.E, 9);
  });
  it('sharpens as temperature falls', () => {
    expect(entropy(softmax([1, 2, 3], 0.1))).toBeLessThan(entropy(softmax([1, 2, 3], 1)));
    expect(entropy(softmax([1, 2, 3], 100))).toBeCloseTo(Math.log(3), 3);
  });
  it('rejects a non-positive temperature', () => {
    expect(() => softmax([1, 2], 0)).toThrow(RangeError);
  });
});

describe('scaled dot-product attention (plain numbers)', () => {
  // Hand-computed: q = [1, 0], keys [1, 0] and [0, 1], d = 2, so scaled scores are 1/√2 and 0.
  const q = [[1, 0]];
  const k = [
    [1, 0],
    [0, 1],
  ];
  const v = [
    [10, 0],
    [0, 10],
  ];
  it('scores, weights and output match the hand computation', () => {
    const { scores, weights, output } = attention(q, k, v);
    expect(scores[0][0]).toBeCloseTo(1 / Math.SQRT2, 12);
    expect(scores[0][1]).toBe(0);
    const w0 = Math.exp(1 / Math.SQRT2) / (Math.exp(1 / Math.SQRT2) + 1);
    expect(weights[0][0]).toBeCloseTo(w0, 12);
    expect(output[0][0]).toBeCloseTo(10 * w0, 10);
    expect(output[0][1]).toBeCloseTo(10 * (1 - w0), 10);
  });
  it('without scaling, the raw dot product is the score', () => {
    expect(attention(q, k, v, { scale: false }).scores[0][0]).toBe(1);
  });
  it('the causal mask hides future keys', () => {
    const x = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const { weights } = attention(x, x, x, { causal: true });
    expect(weights[0]).toEqual([1, 0, 0]);
    expect(weights[1][2]).toBe(0);
    for (const row of weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('sinusoidal positional encoding', () => {
  it('matches the formula at hand-checked entries', () => {
    const pe = sinusoidalEncoding(4, 4);
    expect(pe[0]).toEqual([0, 1, 0, 1]);
    expect(pe[1][0]).toBeCloseTo(Math.sin(1), 12);
    expect(pe[1][1]).toBeCloseTo(Math.cos(1), 12);
    expect(pe[3][2]).toBeCloseTo(Math.sin(3 / 100), 12); // 10000^(2/4) = 100
    expect(pe[3][3]).toBeCloseTo(Math.cos(3 / 100), 12);
  });
  it('similarity depends only on the offset between positions', () => {
    const sim = cosineSimilarityMatrix(sinusoidalEncoding(20, 16));
    expect(sim[2][5]).toBeCloseTo(sim[10][13], 10);
    expect(sim[7][7]).toBeCloseTo(1, 12);
  });
});

describe('seeded randomness', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
  });
  it('gives standard normals with mean ≈ 0 and variance ≈ 1', () => {
    const rng = mulberry32(7);
    const n = 20000;
    const xs = Array.from({ length: n }, () => randNormal(rng));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
  it('derived seeds differ per stream', () => {
    expect(deriveSeed(1, 0)).not.toBe(deriveSeed(1, 1));
    expect(deriveSeed(1, 0)).toBe(deriveSeed(1, 0));
  });
});
