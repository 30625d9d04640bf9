/**
 * Matrix scaling (src/math/evaluation-matrix-scaling.ts) on seeded logits: the analytic gradient against
 * central finite differences, the fit's NLL at or below the identity's and temperature scaling's on the
 * fitting rows, determinism, the one-parameter case W = I / T being temperature scaling, vector scaling
 * staying diagonal, and a fit that changes the argmax (and accuracy) where a temperature cannot.
 */
import { describe, expect, it } from 'vitest';
import { argmaxRows, negativeLogLikelihood } from '../../src/math/calibration';
import { fitTemperature } from '../../src/math/evaluation-calibration';
import {
  affineNll,
  applyAffine,
  fitMatrixScaling,
  fitScalings,
  identityMap,
  scalingStudy,
} from '../../src/math/evaluation-matrix-scaling';
import { mulberry32, randNormal } from '../../src/math/random';

const K = 10;

/**
 * N rows of K logits from a seeded "model": right 95% of the time, logits scaled by `scale` (overconfident
 * when large), and a systematic confusion: half the true 3s are read as 8s, with the 3 a close second.
 */
function confusedLogits(n: number, seed: number, scale = 2.5) {
  const rng = mulberry32(seed);
  const logits = new Float32Array(n * K);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const y = i % K;
    labels[i] = y;
    let top = rng() < 0.95 ? y : Math.floor(rng() * K);
    const confused = y === 3 && rng() < 0.5;
    if (confused) top = 8;
    for (let k = 0; k < K; k++)
      logits[i * K + k] = scale * (0.5 * randNormal(rng) + (k === top ? 2.5 : 0) + (confused && k === 3 ? 2 : 0));
  }
  return { logits, labels };
}

const accuracy = (logits: ArrayLike<number>, labels: ArrayLike<number>) => {
  const p = argmaxRows(logits, K);
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (p[i] === labels[i]) right++;
  return right / labels.length;
};

describe('matrix scaling', () => {
  it('the analytic gradient matches central finite differences', () => {
    const { logits, labels } = confusedLogits(60, 3);
    const rng = mulberry32(9);
    const theta = Float64Array.from(
      { length: K * K + K },
      (_, i) => (i < K * K && i % (K + 1) === 0 ? 1 : 0) + 0.3 * randNormal(rng),
    );
    const grad = new Float64Array(theta.length);
    affineNll(logits, labels, K, theta, grad);
    const h = 1e-5;
    for (let i = 0; i < theta.length; i++) {
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[i] += h;
      down[i] -= h;
      const numeric = (affineNll(logits, labels, K, up) - affineNll(logits, labels, K, down)) / (2 * h);
      expect(Math.abs(grad[i] - numeric)).toBeLessThan(1e-7 + 1e-5 * Math.abs(numeric));
    }
  });

  it('starts at the model as trained: W = I, b = 0 gives the T = 1 NLL, and zero iterations leave it there', () => {
    const { logits, labels } = confusedLogits(200, 4);
    const id = identityMap(K);
    const theta = new Float64Array(K * K + K);
    theta.set(id.w);
    expect(affineNll(logits, labels, K, theta)).toBeCloseTo(negativeLogLikelihood(logits, labels, K, 1), 10);
    const none = fitMatrixScaling(logits, labels, K, { maxIterations: 0 });
    expect(Array.from(none.w)).toEqual(Array.from(id.w));
    expect(none.nllAfter).toBe(none.nllBefore);
    expect(none.stop).toBe('iterations');
  });

  it('W = I / T is temperature scaling: the NLLs agree and the fitted T is stationary along the ray t·I', () => {
    const { logits, labels } = confusedLogits(500, 5, 4);
    const T = fitTemperature(logits, labels, K);
    const theta = new Float64Array(K * K + K);
    for (let i = 0; i < K; i++) theta[i * K + i] = 1 / T;
    const grad = new Float64Array(theta.length);
    const nll = affineNll(logits, labels, K, theta, grad);
    expect(nll).toBeCloseTo(negativeLogLikelihood(logits, labels, K, T), 10);
    // dL/dt along W = t·I is trace(∂L/∂W): zero at t = 1/T, the temperature fit's optimum.
    let trace = 0;
    for (let i = 0; i < K; i++) trace += grad[i * K + i];
    expect(Math.abs(trace)).toBeLessThan(1e-4);
    // Away from 1/T the slope is not zero, with the sign that points back to it.
    for (let i = 0; i < K; i++) theta[i * K + i] = 1.5 / T;
    affineNll(logits, labels, K, theta, grad);
    let slope = 0;
    for (let i = 0; i < K; i++) slope += grad[i * K + i];
    expect(slope).toBeGreaterThan(1e-3);
  });

  it('fits below the identity and below temperature scaling on the fitting rows, deterministically', () => {
    const fit = confusedLogits(1000, 6, 4);
    const T = fitTemperature(fit.logits, fit.labels, K);
    const m = fitMatrixScaling(fit.logits, fit.labels, K);
    expect(m.parameters).toBe(110);
    expect(m.nllBefore).toBeCloseTo(negativeLogLikelihood(fit.logits, fit.labels, K, 1), 10);
    expect(m.nllAfter).toBeLessThan(m.nllBefore);
    expect(m.nllAfter).toBeLessThanOrEqual(negativeLogLikelihood(fit.logits, fit.labels, K, T));
    expect(['gradient', 'loss']).toContain(m.stop); // 1,000 noisy rows are not separable: a real minimum
    // Vector scaling sits between: a diagonal W contains t·I, and is contained in the full matrix.
    const v = fitMatrixScaling(fit.logits, fit.labels, K, { form: 'vector' });
    expect(v.parameters).toBe(20);
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) if (i !== j) expect(v.w[i * K + j]).toBe(0);
    expect(v.nllAfter).toBeLessThanOrEqual(negativeLogLikelihood(fit.logits, fit.labels, K, T) + 1e-9);
    expect(m.nllAfter).toBeLessThanOrEqual(v.nllAfter + 1e-9);
    // The same rows give the same map, bit for bit.
    const again = fitMatrixScaling(fit.logits, fit.labels, K);
    expect(Array.from(again.w)).toEqual(Array.from(m.w));
    expect(Array.from(again.b)).toEqual(Array.from(m.b));
    expect(again.iterations).toBe(m.iterations);
  });

  it('can change the argmax: it learns the 3-read-as-8 confusion, which no temperature can undo', () => {
    const fit = confusedLogits(1000, 7);
    const test = confusedLogits(2000, 8);
    const m = fitMatrixScaling(fit.logits, fit.labels, K);
    const before = accuracy(test.logits, test.labels);
    const scaled = applyAffine(test.logits, m);
    expect(accuracy(scaled, test.labels)).toBeGreaterThan(before + 0.01);
    // A temperature keeps every row's argmax, so its accuracy is the model's.
    const T = fitTemperature(fit.logits, fit.labels, K);
    expect(
      accuracy(
        Float32Array.from(test.logits, (z) => z / T),
        test.labels,
      ),
    ).toBe(before);
  });

  it('overfits a few rows: fitting NLL near 0, test NLL above temperature scaling’s; the study puts it side by side', () => {
    const validation = confusedLogits(1000, 10, 4);
    const test = confusedLogits(2000, 11, 4);
    const o = { bins: 15, binning: 'width', resamples: 0, seed: 1 } as const;
    const few = scalingStudy(fitScalings(validation, K, 20), validation, test, K, o);
    expect(few.fitCount).toBe(20);
    expect(few.matrix.fit.nllAfter).toBeLessThan(0.01);
    expect(few.matrix.fit.nllAfter).toBeLessThan(few.validationNll.after);
    expect(few.matrix.after.nll).toBeGreaterThan(few.after.nll);
    const all = scalingStudy(fitScalings(validation, K, 1000), validation, test, K, o);
    expect(all.matrix.after.nll).toBeLessThan(few.matrix.after.nll);
    // The temperature's part of the study fits on the fitting rows only.
    expect(all.temperature).toBe(fitTemperature(validation.logits, validation.labels, K));
    expect(few.temperature).toBe(
      fitTemperature(validation.logits.subarray(0, 200), validation.labels.subarray(0, 20), K),
    );
    expect(few.after.accuracy).toBe(few.before.accuracy);
  });

  it('refuses impossible inputs with the bound in the message', () => {
    const { logits, labels } = confusedLogits(20, 1);
    expect(() => fitMatrixScaling(logits, labels, K, { maxIterations: -1 })).toThrow(
      /maxIterations must be 0 … 100000/,
    );
    expect(() => fitMatrixScaling(logits.subarray(0, 15), labels, K)).toThrow(/15 numbers for 20 rows of 10/);
    expect(() => fitScalings({ logits, labels }, K, 21)).toThrow(/fitting rows must be an integer from 1 to 20/);
    expect(() => affineNll(logits, labels, K, new Float64Array(3))).toThrow(/K² \+ K = 110/);
  });
});
