/**
 * Scores of a K-class classifier from plain numbers: accuracy, per-class accuracy, confusion matrix,
 * negative log-likelihood and expected calibration error. Rows are flat: N rows of K numbers, row n at
 * [n·K, (n+1)·K). Labels are integers 0 … K-1. Sums run in float64.
 *
 * NLL (nats) = -(1/N) Σ_n ln p_n[y_n], with ln p = z/T - logsumexp(z/T) computed from the logits, so a
 *   confident mistake costs its true (large) value instead of ln(0) = -∞ (Guo et al. 2017 report it
 *   with ECE; temperature T = 1 is the model as trained).
 * ECE (Naeini et al. 2015; Guo et al. 2017, eq. 3) = Σ_m (|B_m| / N) · |acc(B_m) - conf(B_m)|, where
 *   confidence is the top probability max_k p_n[k], the prediction its argmax (the first on a tie), and
 *   B_m holds the rows whose confidence lies in ((m-1)/M, m/M], m = 1 … M (Guo et al.'s M = 15 equal-width
 *   bins; a confidence of exactly 0 goes to the first bin).
 */

function rowCount(values: ArrayLike<number>, k: number, labels?: ArrayLike<number>): number {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`need at least 2 classes, got ${k}`);
  const n = values.length / k;
  if (!Number.isInteger(n)) throw new RangeError(`${values.length} numbers are not whole rows of ${k}`);
  if (labels) {
    if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} rows`);
    for (let i = 0; i < n; i++) {
      const y = labels[i];
      if (!(Number.isInteger(y) && y >= 0 && y < k)) throw new RangeError(`label ${i} is ${y}, not 0 … ${k - 1}`);
    }
  }
  return n;
}

/** Index of each row's largest entry (the first of equal ones). */
export function argmaxRows(values: ArrayLike<number>, k: number): Uint8Array | Uint16Array {
  const n = rowCount(values, k);
  const out = k <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (values[i * k + j] > values[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Softmax of each row at temperature T (max subtracted first, so large logits do not overflow). */
export function softmaxRows(logits: ArrayLike<number>, k: number, temperature = 1): Float32Array {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  const n = rowCount(logits, k);
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[i * k + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp((logits[i * k + j] - max) / temperature);
    for (let j = 0; j < k; j++) out[i * k + j] = Math.exp((logits[i * k + j] - max) / temperature) / sum;
  }
  return out;
}

/** confusion[true class][predicted class] = count. */
export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, k: number): number[][] {
  if (labels.length !== predictions.length) {
    throw new RangeError(`${labels.length} labels but ${predictions.length} predictions`);
  }
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    const p = predictions[i];
    if (!(Number.isInteger(y) && y >= 0 && y < k && Number.isInteger(p) && p >= 0 && p < k)) {
      throw new RangeError(`row ${i}: label ${y} or prediction ${p} is not 0 … ${k - 1}`);
    }
    m[y][p]++;
  }
  return m;
}

/** Share of each true class predicted as itself (recall); NaN for a class with no rows. */
export function perClassAccuracy(confusion: readonly (readonly number[])[]): number[] {
  return confusion.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total > 0 ? row[c] / total : NaN;
  });
}

/** Share of all rows on the diagonal. */
export function accuracyFromConfusion(confusion: readonly (readonly number[])[]): number {
  let right = 0;
  let total = 0;
  confusion.forEach((row, c) => {
    right += row[c];
    for (const v of row) total += v;
  });
  return total > 0 ? right / total : NaN;
}

/** Mean negative log-likelihood (nats) of the labels under softmax(logits / T). */
export function negativeLogLikelihood(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  temperature = 1,
): number {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  const n = rowCount(logits, k, labels);
  if (n === 0) return NaN;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[i * k + j] / temperature);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[i * k + j] / temperature - max);
    total += max + Math.log(sum) - logits[i * k + labels[i]] / temperature;
  }
  return total / n;
}

export interface ReliabilityBin {
  /** The bin's confidence interval (lo, hi]. */
  lo: number;
  hi: number;
  count: number;
  /** Share of the bin's rows predicted right, and their mean confidence (NaN for an empty bin). */
  accuracy: number;
  confidence: number;
}

/** The reliability diagram's bins: M equal-width confidence bins, ((m-1)/M, m/M]. */
export function reliabilityBins(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  bins = 15,
): ReliabilityBin[] {
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= 1000))
    throw new RangeError(`bins must be 1 … 1000, got ${bins}`);
  const n = rowCount(probabilities, k, labels);
  const count = new Array<number>(bins).fill(0);
  const right = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probabilities[i * k + j] > probabilities[i * k + best]) best = j;
    const c = probabilities[i * k + best];
    const m = Math.min(bins - 1, Math.max(0, Math.ceil(c * bins) - 1));
    count[m]++;
    conf[m] += c;
    if (best === labels[i]) right[m]++;
  }
  return count.map((cnt, m) => ({
    lo: m / bins,
    hi: (m + 1) / bins,
    count: cnt,
    accuracy: cnt > 0 ? right[m] / cnt : NaN,
    confidence: cnt > 0 ? conf[m] / cnt : NaN,
  }));
}

/** Expected calibration error with M equal-width bins (Guo et al. 2017's M = 15 by default). */
export function expectedCalibrationError(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  bins = 15,
): number {
  const table = reliabilityBins(probabilities, labels, k, bins);
  const n = table.reduce((s, b) => s + b.count, 0);
  if (n === 0) return NaN;
  return table.reduce((s, b) => (b.count > 0 ? s + (b.count / n) * Math.abs(b.accuracy - b.confidence) : s), 0);
}
