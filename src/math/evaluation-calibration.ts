/**
 * Calibration of a K-class classifier from its logits, beyond src/math/calibration.ts: reliability bins
 * of equal width or equal mass, ECE under either, the Brier score, temperature scaling fitted by
 * minimising NLL, and a bootstrap band for each bin's accuracy. Plain numbers; rows are flat (N rows of
 * K numbers). Sums run in float64.
 *
 * Confidence of a row: its top probability c_n = max_k p_n[k]; prediction: its argmax (first on a tie).
 * ECE = Σ_m (|B_m| / N) · |acc(B_m) - conf(B_m)| (Guo et al. 2017, eq. 3).
 *   equal-width bins: B_m holds confidences in ((m-1)/M, m/M] (as src/math/calibration.ts);
 *   equal-mass bins: rows sorted by confidence and cut into M runs of ⌊N/M⌋ or ⌈N/M⌉ rows (the first
 *   N mod M runs get one more), so every bin has nearly the same count (Nixon et al. 2019's "adaptive").
 * Brier = (1/N) Σ_n Σ_k (p_n[k] - 1[k = y_n])² (Brier 1950; ranges 0 … 2).
 * Temperature scaling: p = softmax(z / T), T > 0 the single parameter, fitted to minimise NLL on held-out
 *   data (Guo et al. 2017, §4.2). Dividing every logit of a row by the same T keeps its argmax, so
 *   accuracy does not change.
 */
import { argmaxRows, negativeLogLikelihood, softmaxRows, type ReliabilityBin } from './calibration';
import { mulberry32, randInt } from './random';

export const BINNINGS = ['width', 'mass'] as const;
export type Binning = (typeof BINNINGS)[number];

/** Each row's top probability and whether its argmax equals the label. */
export function confidences(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
): { confidence: Float64Array; correct: Uint8Array } {
  const n = labels.length;
  if (probabilities.length !== n * k) throw new RangeError(`${probabilities.length} numbers for ${n} rows of ${k}`);
  const pred = argmaxRows(probabilities, k);
  const confidence = new Float64Array(n);
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    confidence[i] = probabilities[i * k + pred[i]];
    correct[i] = pred[i] === labels[i] ? 1 : 0;
  }
  return { confidence, correct };
}

/** Which bin each row falls in (0 … M-1) under the binning, and each bin's (lo, hi] edges. */
export function assignBins(
  confidence: ArrayLike<number>,
  bins: number,
  binning: Binning,
): { bin: Uint16Array; lo: number[]; hi: number[] } {
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= 1000))
    throw new RangeError(`bins must be 1 … 1000, got ${bins}`);
  const n = confidence.length;
  const bin = new Uint16Array(n);
  if (binning === 'width') {
    for (let i = 0; i < n; i++) bin[i] = Math.min(bins - 1, Math.max(0, Math.ceil(confidence[i] * bins) - 1));
    const lo = Array.from({ length: bins }, (_, m) => m / bins);
    return { bin, lo, hi: lo.map((l) => l + 1 / bins) };
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => confidence[a] - confidence[b] || a - b);
  const base = Math.floor(n / bins);
  const extra = n % bins;
  const lo: number[] = [];
  const hi: number[] = [];
  let at = 0;
  for (let m = 0; m < bins; m++) {
    const size = base + (m < extra ? 1 : 0);
    for (let j = 0; j < size; j++) bin[order[at + j]] = m;
    lo.push(m === 0 ? 0 : hi[m - 1]);
    hi.push(size > 0 ? confidence[order[at + size - 1]] : lo[m]);
    at += size;
  }
  return { bin, lo, hi };
}

/** Reliability bins (count, accuracy, mean confidence) from per-row confidence and correctness. */
export function binsFrom(
  confidence: ArrayLike<number>,
  correct: ArrayLike<number>,
  bins: number,
  binning: Binning,
): ReliabilityBin[] {
  const { bin, lo, hi } = assignBins(confidence, bins, binning);
  const count = new Array<number>(bins).fill(0);
  const right = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  for (let i = 0; i < confidence.length; i++) {
    count[bin[i]]++;
    right[bin[i]] += correct[i];
    conf[bin[i]] += confidence[i];
  }
  return count.map((c, m) => ({
    lo: lo[m],
    hi: hi[m],
    count: c,
    accuracy: c > 0 ? right[m] / c : NaN,
    confidence: c > 0 ? conf[m] / c : NaN,
  }));
}

/** ECE of a reliability table: the count-weighted mean gap |accuracy - confidence|. */
export function eceOfBins(table: readonly ReliabilityBin[]): number {
  const n = table.reduce((s, b) => s + b.count, 0);
  if (n === 0) return NaN;
  return table.reduce((s, b) => (b.count > 0 ? s + (b.count / n) * Math.abs(b.accuracy - b.confidence) : s), 0);
}

/** ECE with M bins of equal width or equal mass. */
export function ece(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  bins = 15,
  binning: Binning = 'width',
): number {
  const { confidence, correct } = confidences(probabilities, labels, k);
  return eceOfBins(binsFrom(confidence, correct, bins, binning));
}

/** Mean Brier score over rows: Σ_k (p_k - onehot_k)², so 0 for certain and right, 2 for certain and wrong. */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  if (probabilities.length !== n * k) throw new RangeError(`${probabilities.length} numbers for ${n} rows of ${k}`);
  if (n === 0) return NaN;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const d = probabilities[i * k + j] - (j === labels[i] ? 1 : 0);
      total += d * d;
    }
  }
  return total / n;
}

/** Search range of the temperature: 0.05 … 20 (a digit model's fitted T lies well inside). */
export const TEMPERATURE_RANGE = [0.05, 20] as const;

/**
 * The temperature that minimises NLL of softmax(z / T) on (logits, labels): golden-section search on
 * ln T over TEMPERATURE_RANGE (NLL is convex in 1/T, so unimodal in ln T), to a relative 1e-6.
 */
export function fitTemperature(logits: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const f = (u: number) => negativeLogLikelihood(logits, labels, k, Math.exp(u));
  let a = Math.log(TEMPERATURE_RANGE[0]);
  let b = Math.log(TEMPERATURE_RANGE[1]);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > 1e-6) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}

/**
 * A percentile bootstrap band for each bin's accuracy: `resamples` draws of the N rows with replacement
 * (seeded), each binned afresh with the same edges as the full data's bins (width: fixed edges; mass:
 * the original rows' bin), and the 2.5th and 97.5th percentiles of each bin's accuracy over the draws
 * in which the bin is not empty (NaN when it is empty in all).
 */
export function binAccuracyBands(
  confidence: ArrayLike<number>,
  correct: ArrayLike<number>,
  bins: number,
  binning: Binning,
  resamples: number,
  seed: number,
  level = 0.95,
): { lo: number; hi: number }[] {
  if (!(Number.isInteger(resamples) && resamples >= 10 && resamples <= 5000))
    throw new RangeError(`resamples must be 10 … 5000, got ${resamples}`);
  const n = confidence.length;
  const { bin } = assignBins(confidence, bins, binning);
  const rng = mulberry32(seed);
  const samples: number[][] = Array.from({ length: bins }, () => []);
  const count = new Float64Array(bins);
  const right = new Float64Array(bins);
  for (let r = 0; r < resamples; r++) {
    count.fill(0);
    right.fill(0);
    for (let j = 0; j < n; j++) {
      const i = randInt(rng, n);
      count[bin[i]]++;
      right[bin[i]] += correct[i];
    }
    for (let m = 0; m < bins; m++) if (count[m] > 0) samples[m].push(right[m] / count[m]);
  }
  const tail = (1 - level) / 2;
  return samples.map((s) => {
    if (s.length === 0) return { lo: NaN, hi: NaN };
    s.sort((x, y) => x - y);
    return { lo: quantileSorted(s, tail), hi: quantileSorted(s, 1 - tail) };
  });
}

/** Linear-interpolated quantile of sorted numbers (type 7, as R's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Everything the calibration lab reports for one set of logits at one temperature. */
export interface CalibrationReport {
  temperature: number;
  count: number;
  accuracy: number;
  ece: number;
  /** ECE with Guo et al.'s 15 equal-width bins, whatever the chosen binning (the lesson's headline). */
  ece15: number;
  nll: number;
  brier: number;
  meanConfidence: number;
  bins: (ReliabilityBin & { bandLo: number; bandHi: number })[];
  /** Counts of the confidences in 20 equal-width bins of [0, 1] (the histogram under the diagram). */
  histogram: number[];
}

export interface CalibrationOptions {
  bins: number;
  binning: Binning;
  /** Bootstrap draws for the bands (0: no bands) and their seed. */
  resamples: number;
  seed: number;
}

export function calibrationReport(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  temperature: number,
  o: CalibrationOptions,
): CalibrationReport {
  const p = softmaxRows(logits, k, temperature);
  const { confidence, correct } = confidences(p, labels, k);
  const table = binsFrom(confidence, correct, o.bins, o.binning);
  const bands = o.resamples > 0 ? binAccuracyBands(confidence, correct, o.bins, o.binning, o.resamples, o.seed) : null;
  const n = labels.length;
  let right = 0;
  let conf = 0;
  const histogram = new Array<number>(20).fill(0);
  for (let i = 0; i < n; i++) {
    right += correct[i];
    conf += confidence[i];
    histogram[Math.min(19, Math.max(0, Math.ceil(confidence[i] * 20) - 1))]++;
  }
  return {
    temperature,
    count: n,
    accuracy: right / n,
    ece: eceOfBins(table),
    ece15: eceOfBins(binsFrom(confidence, correct, 15, 'width')),
    nll: negativeLogLikelihood(logits, labels, k, temperature),
    brier: brierScore(p, labels, k),
    meanConfidence: conf / n,
    bins: table.map((b, m) => ({ ...b, bandLo: bands ? bands[m].lo : NaN, bandHi: bands ? bands[m].hi : NaN })),
    histogram,
  };
}

/** Temperature scaling as the lab runs it: T fitted on validation logits, then the test split scored at T = 1 and at T. */
export interface TemperatureStudy {
  temperature: number;
  validationNll: { before: number; after: number };
  before: CalibrationReport;
  after: CalibrationReport;
}

export function temperatureStudy(
  validation: { logits: ArrayLike<number>; labels: ArrayLike<number> },
  test: { logits: ArrayLike<number>; labels: ArrayLike<number> },
  k: number,
  o: CalibrationOptions,
): TemperatureStudy {
  return temperatureStudyAt(fitTemperature(validation.logits, validation.labels, k), validation, test, k, o);
}

/** The same study at a temperature already fitted on `validation` (the matrix-scaling lab fits both maps first). */
export function temperatureStudyAt(
  temperature: number,
  validation: { logits: ArrayLike<number>; labels: ArrayLike<number> },
  test: { logits: ArrayLike<number>; labels: ArrayLike<number> },
  k: number,
  o: CalibrationOptions,
): TemperatureStudy {
  return {
    temperature,
    validationNll: {
      before: negativeLogLikelihood(validation.logits, validation.labels, k, 1),
      after: negativeLogLikelihood(validation.logits, validation.labels, k, temperature),
    },
    before: calibrationReport(test.logits, test.labels, k, 1, o),
    after: calibrationReport(test.logits, test.labels, k, temperature, o),
  };
}
