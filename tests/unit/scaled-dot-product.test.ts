import { describe, expect, it } from 'vitest';
import { decodeParams, defaultValues, encodeParams } from '../../src/lib/params';
import { attention } from '../../src/math/attention';
import { mulberry32 } from '../../src/math/random';
import { entropy, softmax } from '../../src/math/softmax';
import {
  cachedSaturationCurve,
  chiSquare,
  computeScaledDotProduct,
  CURVE_DS,
  percent,
  saturationCurve,
  softmaxPeak,
} from '../../src/widgets/scaled-dot-product/compute';
import { params, type ScaledDotProductParams } from '../../src/widgets/scaled-dot-product/params';

const defaults = defaultValues(params);
const at = (over: Partial<ScaledDotProductParams>) => computeScaledDotProduct({ ...defaults, ...over });

describe('scaled dot-product compute', () => {
  it('matches the src/math attention reference', () => {
    for (const scale of [true, false]) {
      for (const causal of [true, false]) {
        const v = at({ d: 32, tokens: 7, scale, causal, temperature: 0.7 });
        const ref = attention(v.queries, v.keys, v.keys, { scale, causal, temperature: 0.7 });
        expect(v.scores).toEqual(ref.scores);
        expect(v.weights).toEqual(ref.weights);
      }
    }
  });

  it('scores are dot products, divided by √d when scaling is on', () => {
    const v = at({ d: 16, scale: true });
    const raw = v.queries[2].reduce((s, q, c) => s + q * v.keys[4][c], 0);
    expect(v.scores[2][4]).toBeCloseTo(raw / 4, 12);
    expect(at({ d: 16, scale: false }).scores[2][4]).toBeCloseTo(raw, 12);
  });

  it('every row of weights sums to 1', () => {
    for (const causal of [false, true]) {
      const v = at({ d: 64, tokens: 16, causal, scale: false });
      for (const row of v.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('under the causal mask, query 0 sees only key 0 and later keys get weight exactly 0', () => {
    const v = at({ tokens: 6, causal: true });
    expect(v.weights[0]).toEqual([1, 0, 0, 0, 0, 0]);
    expect(v.weights[3].slice(4)).toEqual([0, 0]);
    expect(v.mask[3]).toEqual([false, false, false, false, true, true]);
    const q0 = at({ tokens: 6, causal: true, query: 0 });
    expect(q0.maxWeight).toBe(1);
    expect(q0.entropy).toBe(0);
    expect(q0.uniformEntropy).toBe(0);
  });

  it('temperature toward 0 approaches one-hot, and high temperature approaches uniform', () => {
    const maxes = [1, 0.3, 0.1, 0.01].map((temperature) => at({ temperature }).maxWeight);
    for (let i = 1; i < maxes.length; i++) expect(maxes[i]).toBeGreaterThan(maxes[i - 1]);
    expect(maxes[3]).toBeGreaterThan(0.99);
    const hot = at({ temperature: 1000 });
    expect(hot.entropy).toBeCloseTo(hot.uniformEntropy, 3);
  });

  it('clamps the query to the last token and reports its row', () => {
    const v = at({ tokens: 4, query: 15 });
    expect(v.query).toBe(3);
    expect(v.queryWeights).toBe(v.weights[3]);
    expect(v.queryScores).toBe(v.scores[3]);
    expect(v.maxWeight).toBe(Math.max(...v.weights[3]));
    expect(v.weights[3][v.topKey]).toBe(v.maxWeight);
    expect(v.entropy).toBeCloseTo(entropy(v.weights[3]), 12);
    expect(v.uniformEntropy).toBeCloseTo(Math.log(4), 12);
  });

  it('raising d extends the same vectors instead of drawing new ones', () => {
    const small = at({ d: 8 });
    const large = at({ d: 64 });
    expect(large.queries[1].slice(0, 8)).toEqual(small.queries[1]);
    expect(large.keys[5].slice(0, 8)).toEqual(small.keys[5]);
    expect(at({ seed: 2 }).queries[0]).not.toEqual(small.queries[0]);
  });

  it('is deterministic for a seed', () => {
    expect(at({ seed: 42, d: 100 })).toEqual(at({ seed: 42, d: 100 }));
  });

  it('score spread follows √d unscaled and 1 scaled (variance of q·k is d)', () => {
    const raw = at({ d: 256, tokens: 16, scale: false });
    expect(raw.expectedStd).toBe(16);
    expect(raw.scoreStd).toBeGreaterThan(12);
    expect(raw.scoreStd).toBeLessThan(20);
    const scaled = at({ d: 256, tokens: 16, scale: true });
    expect(scaled.scoreStd).toBeCloseTo(raw.scoreStd / 16, 12);
  });

  it('writes a numeric summary', () => {
    const v = at({ d: 64, scale: false, query: 3 });
    expect(v.summary).toMatch(
      /^d = 64, unscaled: query 3 puts [<>]?\d+(\.\d)?% of its weight on key \d+ \(entropy \d\.\d\d nats; uniform would be 1\.79\)\.$/,
    );
    expect(at({ causal: true, temperature: 0.5, query: 2 }).summary).toContain(
      'd = 16, scaled by 1/√d, τ = 0.5, causal: query 2',
    );
    expect(percent(0.9974)).toBe('99.7%');
    expect(percent(0.42)).toBe('42%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.99997)).toBe('>99.9%');
    expect(percent(0.0004)).toBe('<0.1%');
  });
});

describe('saturation curve', () => {
  const curve = saturationCurve({ seed: 1, tokens: 16, temperature: 1 });
  const byD = (d: number) => curve.find((p) => p.d === d)!;

  it('covers d = 1 .. 512 with weights between uniform and one-hot', () => {
    expect(curve.map((p) => p.d)).toEqual(CURVE_DS);
    for (const p of curve) {
      for (const s of [p.scaled, p.unscaled]) {
        expect(s.maxWeight).toBeGreaterThanOrEqual(1 / 16);
        expect(s.maxWeight).toBeLessThanOrEqual(1);
        expect(s.entropy).toBeGreaterThanOrEqual(0);
        expect(s.entropy).toBeLessThanOrEqual(Math.log(16) + 1e-12);
      }
    }
  });

  it('at d = 1 scaling changes nothing', () => {
    expect(byD(1).scaled).toEqual(byD(1).unscaled);
  });

  it('unscaled saturates toward one-hot as d grows; scaled stays roughly flat', () => {
    expect(byD(512).unscaled.maxWeight).toBeGreaterThan(0.85);
    expect(byD(512).unscaled.maxWeight).toBeGreaterThan(byD(512).scaled.maxWeight + 0.5);
    expect(byD(512).unscaled.entropy).toBeLessThan(0.5);
    for (let g = 1; g < curve.length; g++) {
      expect(curve[g].unscaled.maxWeight).toBeGreaterThan(curve[g - 1].unscaled.maxWeight - 0.03);
    }
    const scaled = curve.map((p) => p.scaled.maxWeight);
    expect(Math.max(...scaled) - Math.min(...scaled)).toBeLessThan(0.1);
    // With unit-variance scores, 16 keys: the top key takes roughly a quarter, far from one-hot.
    for (const s of scaled) {
      expect(s).toBeGreaterThan(0.15);
      expect(s).toBeLessThan(0.35);
    }
  });

  it('agrees with brute force: drawing every entry and running src/math attention', () => {
    // The compute module's shortcut (a score given q is N(0, ‖q‖²)) must give the same expectation.
    const tokens = 8;
    const d = 64;
    const draws = 600;
    const rng = mulberry32(123);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    let maxSum = 0;
    let hSum = 0;
    for (let n = 0; n < draws; n++) {
      const q = [Array.from({ length: d }, normal)];
      const k = Array.from({ length: tokens }, () => Array.from({ length: d }, normal));
      const w = attention(q, k, k, { scale: false }).weights[0];
      maxSum += Math.max(...w);
      hSum += entropy(w);
    }
    const fast = saturationCurve({ seed: 9, tokens, temperature: 1, ds: [d], draws })[0].unscaled;
    // Max weights vary by ~0.2 between draws: two means of 600 differ by ~0.012 at one standard error.
    expect(Math.abs(fast.maxWeight - maxSum / draws)).toBeLessThan(0.05);
    expect(Math.abs(fast.entropy - hSum / draws)).toBeLessThan(0.12);
  });

  it('is deterministic and memoised per (seed, tokens, temperature)', () => {
    expect(saturationCurve({ seed: 1, tokens: 16, temperature: 1 })).toEqual(curve);
    const a = cachedSaturationCurve(5, 6, 1);
    expect(cachedSaturationCurve(5, 6, 1)).toBe(a);
    expect(cachedSaturationCurve(5, 6, 0.5)).not.toBe(a);
    expect(at({ seed: 5, tokens: 6, d: 300 }).curve).toBe(a);
  });

  it('softmaxPeak matches softmax and entropy from src/math', () => {
    const scores = [3.2, -1, 0.5, 40, 39.5];
    for (const k of [1, 0.25, 1 / Math.sqrt(512), 10]) {
      const p = softmax(scores.map((s) => s * k));
      const peak = softmaxPeak(scores, k);
      expect(peak.maxWeight).toBeCloseTo(Math.max(...p), 12);
      expect(peak.entropy).toBeCloseTo(entropy(p), 12);
    }
  });

  it('chiSquare has mean m and variance 2m', () => {
    const rng = mulberry32(7);
    for (const m of [1, 2, 7, 64]) {
      const xs = Array.from({ length: 4000 }, () => chiSquare(rng, m));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
      // Standard error of the mean is √(2m/4000); allow about four of them.
      expect(Math.abs(mean - m)).toBeLessThan(4 * Math.sqrt((2 * m) / 4000));
      expect(variance / (2 * m)).toBeGreaterThan(0.8);
      expect(variance / (2 * m)).toBeLessThan(1.2);
    }
  });
});

describe('scaled dot-product params from a URL', () => {
  const decode = (query: string) => decodeParams(params, new URLSearchParams(query), 'sdp');

  it('corrects hostile values and says so', () => {
    const { values, notices } = decode('sdp.d=1e9&sdp.tokens=abc&sdp.temperature=-1&sdp.scale=maybe&sdp.seed=1.5');
    expect(values.d).toBe(512);
    expect(values.tokens).toBe(6);
    expect(values.temperature).toBe(0.1);
    expect(values.scale).toBe(true);
    expect(values.seed).toBe(2);
    expect(notices).toHaveLength(5);
    expect(notices.join(' ')).toMatch(/above the maximum/);
    expect(notices.join(' ')).toMatch(/not a number/);
    expect(notices.join(' ')).toMatch(/below the minimum/);
    expect(notices.join(' ')).toMatch(/not on\/off/);
    expect(() => computeScaledDotProduct(values)).not.toThrow();
  });

  it('rejects non-numbers, infinities and hex, and ignores unknown keys', () => {
    for (const raw of ['abc', 'Infinity', '0x10', '', '1,5', 'NaN']) {
      const { values, notices } = decode(`sdp.d=${encodeURIComponent(raw)}&sdp.evil=1&other.d=3`);
      expect(values.d).toBe(16);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/not a number/);
    }
  });

  it('round-trips through the URL, omitting defaults', () => {
    const values = { ...defaults, d: 64, causal: true, scale: false, temperature: 0.25 };
    const search = encodeParams(params, values, new URLSearchParams('pe.probe=3'), 'sdp');
    expect(search.get('sdp.d')).toBe('64');
    expect(search.get('sdp.scale')).toBe('0');
    expect(search.get('sdp.tokens')).toBeNull();
    expect(search.get('pe.probe')).toBe('3');
    expect(decodeParams(params, search, 'sdp')).toEqual({ values, notices: [] });
  });

  it('a query past the end of a short sequence is shown as the last token', () => {
    const { values } = decode('sdp.tokens=3&sdp.query=15');
    expect(values.query).toBe(15);
    expect(computeScaledDotProduct(values).query).toBe(2);
  });
});
