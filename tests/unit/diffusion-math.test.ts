import { describe, expect, it } from 'vitest';
import {
  DATASET_LIMITS,
  makeDataset,
  makeFromPoints,
  makeMoons,
  makeRings,
  makeSwissRoll,
  pointStats,
  sampleBatch,
  validateDrawnPoints,
} from '../../src/math/datasets2d';
import {
  cosineSchedule,
  ddimStepCoefficients,
  ddimTimesteps,
  ddpmStepCoefficients,
  forwardSample,
  linearSchedule,
  makeSchedule,
  noisePoints,
  posteriorCoefficients,
  predictX0,
  standardNormalPoints,
} from '../../src/math/diffusion';
import { mulberry32 } from '../../src/math/random';
import { noiseBaseline, slicedWasserstein, wasserstein1d } from '../../src/math/sample-quality';

const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);

describe('noise schedules', () => {
  it('linear: Ho et al. 2020 values at T = 1000 (β_1 = 1e-4, β_T = 0.02, linear between)', () => {
    const s = linearSchedule(1000);
    for (const arr of [s.betas, s.alphas, s.alphaBars, s.snr]) expect(arr).toHaveLength(1001);
    expect(s.betas[0]).toBe(0);
    expect(s.alphaBars[0]).toBe(1);
    close(s.betas[1], 1e-4, 1e-15);
    close(s.betas[1000], 0.02, 1e-15);
    close(s.betas[500], 1e-4 + (0.0199 * 499) / 999, 1e-15);
    // ᾱ_2 = (1 - β_1)(1 - β_2) by hand.
    close(s.alphaBars[2], (1 - 1e-4) * (1 - (1e-4 + 0.0199 / 999)), 1e-15);
    // Σ β ≈ 10.05, so ᾱ_T ≈ exp(-Σβ - Σβ²/2) ≈ 4e-5: the signal is almost gone.
    expect(s.alphaBars[1000]).toBeGreaterThan(1e-5);
    expect(s.alphaBars[1000]).toBeLessThan(1e-4);
  });

  it('linear: scaled for T (β × 1000/T), and clipped at 0.999 when T is small', () => {
    const s = linearSchedule(100);
    close(s.betas[1], 1e-3, 1e-15);
    close(s.betas[100], 0.2, 1e-14);
    const s10 = linearSchedule(10);
    // β_t = 100 (1e-4 + 0.0199 (t - 1) / 9): 0.01, 0.23111…, 0.45222…, then ≥ 1 and clipped.
    close(s10.betas[1], 0.01, 1e-15);
    close(s10.betas[2], 0.2311111111111111, 1e-14);
    expect(s10.betas[10]).toBe(0.999);
    expect(Math.max(...s10.betas)).toBe(0.999);
  });

  it('cosine: ᾱ_t = f(t)/f(0), f(t) = cos²((t/T + 0.008)/1.008 · π/2), and ᾱ_T ≈ 0', () => {
    const s = cosineSchedule(100);
    // By hand: cos²(0.508/1.008 · π/2) / cos²(0.008/1.008 · π/2) = 0.4938436.
    close(s.alphaBars[50], 0.4938435904406, 1e-12);
    close(s.alphaBars[1], 0.9993687184016583, 1e-12);
    const f = (t: number) => Math.cos(((t / 100 + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    for (const t of [1, 10, 25, 75, 90, 98]) close(s.alphaBars[t], f(t) / f(0), 1e-12);
    expect(s.betas[100]).toBe(0.999); // the clip
    expect(Math.max(...s.betas)).toBeLessThanOrEqual(0.999);
    expect(s.alphaBars[100]).toBeLessThan(1e-4);
    expect(cosineSchedule(1000).alphaBars[1000]).toBeLessThan(1e-6);
  });

  it('ᾱ is strictly decreasing, β in (0, 0.999], SNR = ᾱ / (1 - ᾱ), for both kinds and several T', () => {
    for (const kind of ['linear', 'cosine'] as const) {
      for (const T of [10, 50, 333, 1000]) {
        const s = makeSchedule(kind, T);
        expect(s.kind).toBe(kind);
        expect(s.T).toBe(T);
        expect(s.snr[0]).toBe(Infinity);
        for (let t = 1; t <= T; t++) {
          expect(s.alphaBars[t]).toBeLessThan(s.alphaBars[t - 1]);
          expect(s.betas[t]).toBeGreaterThan(0);
          expect(s.betas[t]).toBeLessThanOrEqual(0.999);
          close(s.alphas[t], 1 - s.betas[t], 1e-15);
          close(s.alphaBars[t], s.alphaBars[t - 1] * s.alphas[t], 1e-15);
          close(s.snr[t], s.alphaBars[t] / (1 - s.alphaBars[t]), 1e-9 * s.snr[t]);
        }
      }
    }
  });

  it('rejects a bad T or kind', () => {
    expect(() => linearSchedule(9)).toThrow(/T must be an integer from 10 to 1000/);
    expect(() => cosineSchedule(1001)).toThrow(/T must be/);
    expect(() => linearSchedule(50.5)).toThrow(/T must be/);
    expect(() => makeSchedule('quadratic' as never, 100)).toThrow(/schedule must be one of linear, cosine/);
  });
});

describe('forward process q(x_t | x_0)', () => {
  it('matches the closed form: mean sqrt(ᾱ_t) x_0, variance 1 - ᾱ_t (seeded, n = 20000)', () => {
    const s = linearSchedule(1000);
    const n = 20000;
    const x0 = [1.5, -0.7];
    for (const t of [1, 100, 400, 1000]) {
      const { xt, noise } = forwardSample(
        s,
        t,
        Array.from({ length: n }, () => x0),
        mulberry32(t),
      );
      expect(xt).toHaveLength(n);
      expect(noise).toHaveLength(n);
      const { mean, variance } = pointStats(xt);
      const ab = s.alphaBars[t];
      // Standard error of the mean sqrt(v/n); of the variance ≈ v sqrt(2/n). Allow 4 of each.
      for (const d of [0, 1]) {
        close(mean[d], Math.sqrt(ab) * x0[d], 4 * Math.sqrt((1 - ab) / n));
        close(variance[d], 1 - ab, 4 * (1 - ab) * Math.sqrt(2 / n));
      }
    }
  });

  it('returns the noise it used: x_t = sqrt(ᾱ) x_0 + sqrt(1 - ᾱ) ε exactly, and t = 0 is the data', () => {
    const s = cosineSchedule(50);
    const x0: [number, number][] = [
      [0.3, -1.2],
      [2, 0.5],
    ];
    const { xt, noise } = forwardSample(s, 20, x0, mulberry32(4));
    const ab = s.alphaBars[20];
    xt.forEach((p, i) =>
      p.forEach((v, d) => close(v, Math.sqrt(ab) * x0[i][d] + Math.sqrt(1 - ab) * noise[i][d], 1e-12)),
    );
    expect(noisePoints(s, 20, x0, noise)).toEqual(xt);
    expect(noisePoints(s, 0, x0, noise)).toEqual(x0);
    // and predictX0 inverts it given the true noise
    close(predictX0(s, 20, xt[1][0], noise[1][0]), 2, 1e-12);
    expect(() => noisePoints(s, 51, x0, noise)).toThrow(/t must be an integer from 0 to 50/);
    expect(() => noisePoints(s, 5, x0, noise.slice(1))).toThrow(/one noise vector per point/);
  });
});

describe('reverse-process coefficients', () => {
  it('DDPM posterior on a hand case: linear T = 10, t = 2', () => {
    // β_1 = 0.01, β_2 = 0.231111…, ᾱ_1 = 0.99, ᾱ_2 = 0.99 · 0.768889 = 0.7612.
    // x0Coef = sqrt(0.99) · 0.231111 / 0.2388,  xtCoef = sqrt(0.768889) · 0.01 / 0.2388,
    // β̃_2 = 0.01 / 0.2388 · 0.231111.
    const c = posteriorCoefficients(linearSchedule(10), 2);
    close(c.x0Coef, 0.9629508045699657, 1e-12);
    close(c.xtCoef, 0.036719560128324745, 1e-12);
    close(c.variance, 0.009678019728270997, 1e-12);
  });

  it('posterior is exact at t = 1 and consistent with q(x_{t-1} | x_0) at every t', () => {
    for (const s of [linearSchedule(1000), cosineSchedule(100)]) {
      const first = posteriorCoefficients(s, 1);
      close(first.x0Coef, 1, 1e-12);
      expect(first.xtCoef).toBe(0);
      expect(first.variance).toBe(0);
      for (const t of [2, 7, Math.floor(s.T / 2), s.T - 1, s.T]) {
        const { x0Coef, xtCoef, variance } = posteriorCoefficients(s, t);
        // Averaging the posterior over x_t ~ q(x_t | x_0) must give q(x_{t-1} | x_0):
        // mean x0Coef + xtCoef sqrt(ᾱ_t) = sqrt(ᾱ_{t-1}), variance β̃_t + xtCoef² (1 - ᾱ_t) = 1 - ᾱ_{t-1}.
        close(x0Coef + xtCoef * Math.sqrt(s.alphaBars[t]), Math.sqrt(s.alphaBars[t - 1]), 1e-9);
        close(variance + xtCoef ** 2 * (1 - s.alphaBars[t]), 1 - s.alphaBars[t - 1], 1e-9);
      }
    }
    expect(() => posteriorCoefficients(linearSchedule(10), 0)).toThrow(/t must be an integer from 1 to 10/);
  });

  it('DDPM step with the true noise lands on the posterior mean (Algorithm 2 = eq. 7)', () => {
    const s = linearSchedule(100);
    const x0 = 0.8;
    const eps = -1.3;
    for (const t of [1, 2, 50, 100]) {
      const xt = Math.sqrt(s.alphaBars[t]) * x0 + Math.sqrt(1 - s.alphaBars[t]) * eps;
      const step = ddpmStepCoefficients(s, t);
      const post = posteriorCoefficients(s, t);
      close(step.xtCoef * xt + step.epsCoef * eps, post.x0Coef * x0 + post.xtCoef * xt, 1e-9);
      close(step.sigma, t === 1 ? 0 : Math.sqrt(post.variance), 1e-12);
      close(ddpmStepCoefficients(s, t, 'beta').sigma, t === 1 ? 0 : Math.sqrt(s.betas[t]), 1e-12);
    }
  });

  it('DDIM: η = 0 maps (x_0, ε) to x_prev = sqrt(ᾱ_prev) x_0 + sqrt(1 - ᾱ_prev) ε; η = 1, one step, is DDPM', () => {
    const s = cosineSchedule(200);
    const x0 = -0.4;
    const eps = 0.9;
    for (const [t, tPrev] of [
      [200, 180],
      [60, 30],
      [5, 0],
    ]) {
      const xt = Math.sqrt(s.alphaBars[t]) * x0 + Math.sqrt(1 - s.alphaBars[t]) * eps;
      const c = ddimStepCoefficients(s, t, tPrev, 0);
      expect(c.sigma).toBe(0);
      const expected = Math.sqrt(s.alphaBars[tPrev]) * x0 + Math.sqrt(1 - s.alphaBars[tPrev]) * eps;
      close(c.xtCoef * xt + c.epsCoef * eps, expected, 1e-9);
    }
    for (const t of [2, 100, 199]) {
      close(ddimStepCoefficients(s, t, t - 1, 1).sigma ** 2, posteriorCoefficients(s, t).variance, 1e-12);
    }
    expect(() => ddimStepCoefficients(s, 10, 10)).toThrow(/tPrev/);
    expect(() => ddimStepCoefficients(s, 10, 5, 1.5)).toThrow(/eta/);
  });

  it('DDIM timesteps: S evenly spaced steps of 1 … T, ending at T', () => {
    expect(ddimTimesteps(1000, 50)).toEqual(Array.from({ length: 50 }, (_, i) => 20 * (i + 1)));
    expect(ddimTimesteps(10, 3)).toEqual([3, 7, 10]);
    expect(ddimTimesteps(10, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ddimTimesteps(1000, 1)).toEqual([1000]);
    const odd = ddimTimesteps(997, 61);
    expect(odd).toHaveLength(61);
    expect(odd.at(-1)).toBe(997);
    for (let i = 1; i < odd.length; i++) expect(odd[i]).toBeGreaterThan(odd[i - 1]);
    expect(() => ddimTimesteps(100, 0)).toThrow(/S must be an integer from 1 to 100/);
    expect(() => ddimTimesteps(100, 101)).toThrow(/S must be/);
  });
});

describe('sliced Wasserstein distance', () => {
  it('1D Wasserstein matches closed cases (equal and unequal sizes, p = 1 and 2)', () => {
    expect(wasserstein1d([0, 1], [0, 3])).toBeCloseTo(1, 12); // sorted pairs (0,0), (1,3)
    expect(wasserstein1d([1, 0], [3, 0])).toBeCloseTo(1, 12); // order does not matter
    expect(wasserstein1d([0], [0, 1])).toBeCloseTo(0.5, 12); // half the mass moves 1
    expect(wasserstein1d([0], [0, 1], 2)).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(wasserstein1d([0, 1, 2], [5, 6, 7])).toBeCloseTo(5, 12); // a shift by 5
    // Quantile matching with sizes 2 and 3: u in [0,1/3): |0-0|, [1/3,1/2): |0-1|, [1/2,2/3): |3-1|, [2/3,1): |3-2|.
    expect(wasserstein1d([0, 3], [0, 1, 2])).toBeCloseTo(1 / 6 + 2 / 6 + 1 / 3, 12);
  });

  const a = standardNormalPoints(400, mulberry32(11));
  const b = makeMoons(300, mulberry32(12)).points;

  it('is 0 for identical sets (in any order) and symmetric', () => {
    expect(slicedWasserstein(a, a)).toBe(0);
    expect(slicedWasserstein(a, a.slice().reverse())).toBe(0);
    expect(slicedWasserstein(a, b, { seed: 3 })).toBeCloseTo(slicedWasserstein(b, a, { seed: 3 }), 12);
    expect(slicedWasserstein(a, b, { seed: 3, p: 2 })).toBeCloseTo(slicedWasserstein(b, a, { seed: 3, p: 2 }), 12);
  });

  it('grows with a shift, by the closed form 2|δ|/π (p = 1) and |δ|/√2 (p = 2)', () => {
    for (const [dx, dy] of [
      [0.5, 0],
      [1, 1],
      [-2, 0.3],
    ]) {
      const shifted = b.map(([x, y]) => [x + dx, y + dy]);
      const d = Math.hypot(dx, dy);
      // Stratified directions: the 64-direction mean of |cos| is within 0.5% of its integral.
      close(slicedWasserstein(b, shifted), (2 * d) / Math.PI, 0.005 * d);
      close(slicedWasserstein(b, shifted, { p: 2 }), d / Math.SQRT2, 0.005 * d);
    }
    const near = slicedWasserstein(
      b,
      b.map(([x, y]) => [x + 0.2, y]),
    );
    const far = slicedWasserstein(
      b,
      b.map(([x, y]) => [x + 0.8, y]),
    );
    expect(far).toBeGreaterThan(near);
  });

  it('is deterministic for a seed, and a noise baseline is far above two samples of the same data', () => {
    expect(slicedWasserstein(a, b, { seed: 5 })).toBe(slicedWasserstein(a, b, { seed: 5 }));
    const data = makeDataset({ name: 'moons' }, 1000, 1).points;
    const other = makeDataset({ name: 'moons' }, 1000, 2).points;
    const base = noiseBaseline(data, { seed: 3 });
    expect(noiseBaseline(data, { seed: 3 })).toBe(base);
    const same = slicedWasserstein(data, other, { seed: 3 });
    expect(same).toBeLessThan(0.25 * base);
    // Noise compared with noise scores near 0 (sampling error only).
    expect(noiseBaseline(standardNormalPoints(1000, mulberry32(8)), { seed: 3 })).toBeLessThan(0.25 * base);
  });

  it('rejects empty or non-finite sets and bad options', () => {
    expect(() => slicedWasserstein([], a)).toThrow(/no points/);
    expect(() => slicedWasserstein([[NaN, 0]], a)).toThrow(/non-finite/);
    expect(() => slicedWasserstein(a, a, { projections: 0 })).toThrow(/projections/);
    expect(() => slicedWasserstein(a, a, { p: 3 as never })).toThrow(/p must be 1 or 2/);
  });
});

describe('2D data sets', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    for (const name of ['moons', 'swissRoll', 'rings'] as const) {
      expect(makeDataset({ name }, 200, 7)).toEqual(makeDataset({ name }, 200, 7));
      expect(makeDataset({ name }, 200, 7).points).not.toEqual(makeDataset({ name }, 200, 8).points);
    }
  });

  it('are centred with about unit variance per coordinate', () => {
    for (const spec of [
      { name: 'moons' },
      { name: 'swissRoll' },
      { name: 'rings' },
      { name: 'rings', rings: 3 },
    ] as const) {
      const { mean, variance } = pointStats(makeDataset(spec, 20000, 1).points);
      close(mean[0], 0, 0.05);
      close(mean[1], 0, 0.05);
      close((variance[0] + variance[1]) / 2, 1, 0.05);
    }
  });

  it('moons has two balanced classes; rings 2 or 3 by radius; swiss roll is unlabelled', () => {
    const moons = makeMoons(1001, mulberry32(1));
    expect(moons.numClasses).toBe(2);
    expect(new Set(moons.labels)).toEqual(new Set([0, 1]));
    expect(moons.labels!.filter((c) => c === 0)).toHaveLength(501);
    // The upper moon (class 0) lies mostly above the lower one.
    const meanY = (c: number) => pointStats(moons.points.filter((_, i) => moons.labels![i] === c)).mean[1];
    expect(meanY(0)).toBeGreaterThan(meanY(1) + 0.5);

    const rings = makeRings(900, mulberry32(2), { rings: 3, noise: 0 });
    expect(rings.numClasses).toBe(3);
    const radius = (c: number) => Math.hypot(...rings.points[rings.labels!.indexOf(c)]);
    expect(radius(0)).toBeLessThan(radius(1));
    expect(radius(1)).toBeLessThan(radius(2));
    close(radius(1) / radius(0), 2, 1e-9);

    const roll = makeSwissRoll(100, mulberry32(3));
    expect(roll.labels).toBeNull();
    expect(roll.numClasses).toBe(0);
    expect(() => makeRings(10, mulberry32(1), { rings: 4 })).toThrow(/rings must be an integer from 2 to 3/);
  });

  it('rejects absurd counts and noise', () => {
    expect(() => makeDataset({ name: 'moons' }, 0, 1)).toThrow(/number of points must be an integer from 1/);
    expect(() => makeDataset({ name: 'moons' }, 1e9, 1)).toThrow(/number of points/);
    expect(() => makeDataset({ name: 'moons' }, 2.5, 1)).toThrow(/number of points/);
    expect(() => makeDataset({ name: 'moons', noise: -1 }, 10, 1)).toThrow(/noise must be from 0 to 1/);
    expect(() => makeDataset({ name: 'spiral' as never }, 10, 1)).toThrow(/data set must be one of/);
  });

  it('from drawn points: a jittered, normalised mixture around the drawing, with its transform', () => {
    const drawn = [
      [100, 200],
      [140, 200],
      [180, 260],
      [220, 200],
    ];
    const set = makeFromPoints(drawn, 4000, mulberry32(1), { jitter: 0.05 });
    expect(set.labels).toBeNull();
    expect(set.transform.centre).toEqual([160, 215]);
    const { mean, variance } = pointStats(set.points);
    close(mean[0], 0, 0.05);
    close((variance[0] + variance[1]) / 2, 1 + 0.05 ** 2, 0.1);
    // Every sample lies near the image of some drawn point.
    const images = drawn.map(([x, y]) => [(x - 160) * set.transform.scale, (y - 215) * set.transform.scale]);
    for (const p of set.points.slice(0, 200)) {
      expect(Math.min(...images.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])))).toBeLessThan(0.35);
    }
    expect(makeFromPoints(drawn, 50, mulberry32(9))).toEqual(makeFromPoints(drawn, 50, mulberry32(9)));
    // Labels ride along; a single point (no spread) is only centred.
    const labelled = makeFromPoints(drawn, 100, mulberry32(2), { labels: [0, 0, 1, 2] });
    expect(labelled.numClasses).toBe(3);
    expect(labelled.labels).toHaveLength(100);
    const single = makeFromPoints([[5, 5]], 10, mulberry32(3), { jitter: 0 });
    expect(single.points.every(([x, y]) => x === 0 && y === 0)).toBe(true);
  });

  it('validates drawn input with messages fit for the reader', () => {
    expect(() => validateDrawnPoints([])).toThrow('Draw at least one point first.');
    expect(() => makeFromPoints([], 10, mulberry32(1))).toThrow(/Draw at least one point/);
    expect(() =>
      validateDrawnPoints([
        [0, 0],
        [NaN, 1],
      ]),
    ).toThrow(/Drawn point 2 has no finite x and y/);
    expect(() => validateDrawnPoints([[0, Infinity]])).toThrow(/Drawn point 1/);
    expect(() => validateDrawnPoints([[0] as never])).toThrow(/Drawn point 1/);
    const many = Array.from({ length: DATASET_LIMITS.drawn.max + 1 }, (_, i) => [i, i]);
    expect(() => validateDrawnPoints(many)).toThrow(/Too many drawn points: 1001/);
    expect(() => validateDrawnPoints([[0, 0]], [0, 1])).toThrow(/one label per drawn point/);
    expect(() => validateDrawnPoints([[0, 0]], [11])).toThrow(/must be an integer from 0 to 9/);
    expect(() => makeFromPoints([[0, 0]], 0, mulberry32(1))).toThrow(/number of points/);
    expect(() => makeFromPoints([[0, 0]], 10, mulberry32(1), { jitter: 5 })).toThrow(/jitter/);
  });

  it('samples minibatches with their labels', () => {
    const data = makeDataset({ name: 'rings', rings: 3 }, 300, 1);
    const batch = sampleBatch(data, 64, mulberry32(5));
    expect(batch.points).toHaveLength(64);
    batch.points.forEach((p, i) => {
      const j = data.points.indexOf(p);
      expect(j).toBeGreaterThanOrEqual(0);
      expect(batch.labels![i]).toBe(data.labels![j]);
    });
    expect(sampleBatch(makeDataset({ name: 'swissRoll' }, 10, 1), 4, mulberry32(1)).labels).toBeNull();
    expect(() => sampleBatch(data, 0, mulberry32(1))).toThrow(/batch size/);
  });
});
