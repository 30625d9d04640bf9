/**
 * One class against the rest, on a classifier's real scores: the metrics at a threshold, the ROC and
 * precision–recall curves with their areas, intervals for each metric from the test-set size, a sample
 * at a chosen prevalence, and slices. Plain numbers, no tfjs.
 *
 * At threshold t a digit is called positive when its score s ≥ t. With TP, FP, TN, FN the counts:
 *   accuracy = (TP + TN)/n, recall (TPR) = TP/(TP + FN), FPR = FP/(FP + TN), precision = TP/(TP + FP),
 *   F1 = 2 TP/(2 TP + FP + FN), balanced accuracy = (TPR + TNR)/2.
 * AUROC and average precision are src/math/evaluation-metrics.ts's definitions (ties enter together),
 * computed here on scores sorted once, with a weight per example, so that a bootstrap resample (each
 * example drawn w_i times) costs one pass.
 * Intervals: Wilson's for the proportions (accuracy, recall, precision); a percentile bootstrap (Efron &
 * Tibshirani 1993, §13.3) for balanced accuracy, F1, AUROC and average precision.
 */
import { quantileSorted } from './evaluation-calibration';
import { wilsonInterval } from './evaluation-metrics';
import { deriveSeed, mulberry32, randInt, shuffled } from './random';

export interface Interval {
  lo: number;
  hi: number;
}

export interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface BinaryMetrics extends Counts {
  n: number;
  accuracy: number;
  balancedAccuracy: number;
  precision: number;
  recall: number;
  fpr: number;
  f1: number;
}

/** NaN for 0/0. */
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

export function countsAt(
  scores: ArrayLike<number>,
  positive: ArrayLike<number>,
  threshold: number,
  weights?: ArrayLike<number>,
): Counts {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const w = weights ? weights[i] : 1;
    if (w === 0) continue;
    const called = scores[i] >= threshold;
    if (positive[i]) {
      if (called) c.tp += w;
      else c.fn += w;
    } else if (called) c.fp += w;
    else c.tn += w;
  }
  return c;
}

export function metricsFromCounts(c: Counts): BinaryMetrics {
  const n = c.tp + c.fp + c.tn + c.fn;
  const recall = ratio(c.tp, c.tp + c.fn);
  const tnr = ratio(c.tn, c.tn + c.fp);
  return {
    ...c,
    n,
    accuracy: ratio(c.tp + c.tn, n),
    balancedAccuracy: (recall + tnr) / 2,
    precision: ratio(c.tp, c.tp + c.fp),
    recall,
    fpr: ratio(c.fp, c.fp + c.tn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
}

/** Scores sorted from the highest down, with the positive flags in the same order. */
export interface SortedScores {
  scores: Float64Array;
  positive: Uint8Array;
  /** Original index of each sorted entry. */
  index: Int32Array;
}

export function sortScores(scores: ArrayLike<number>, positive: ArrayLike<number>): SortedScores {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  return {
    scores: Float64Array.from(order, (i) => scores[i]),
    positive: Uint8Array.from(order, (i) => (positive[i] ? 1 : 0)),
    index: Int32Array.from(order),
  };
}

/**
 * AUROC and average precision of weighted examples in one pass over the sorted scores: for each group
 * of tied scores, AUROC adds (positives in it) × (negatives below it + ½ negatives in it); AP adds
 * (recall step) × (precision after the group).
 */
export function weightedAreas(s: SortedScores, weights?: ArrayLike<number>): { auroc: number; ap: number } {
  const n = s.scores.length;
  let P = 0;
  let N = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[s.index[i]] : 1;
    if (s.positive[i]) P += w;
    else N += w;
  }
  if (P === 0) return { auroc: NaN, ap: NaN };
  let tp = 0;
  let fp = 0;
  let pairs = 0;
  let ap = 0;
  for (let i = 0; i < n; ) {
    let gp = 0;
    let gn = 0;
    let j = i;
    while (j < n && s.scores[j] === s.scores[i]) {
      const w = weights ? weights[s.index[j]] : 1;
      if (s.positive[j]) gp += w;
      else gn += w;
      j++;
    }
    // Negatives not yet passed lie below this group, except its own.
    pairs += gp * (N - fp - gn + gn / 2);
    tp += gp;
    fp += gn;
    if (gp > 0) ap += (gp / P) * (tp / (tp + fp));
    i = j;
  }
  return { auroc: N > 0 ? pairs / (P * N) : NaN, ap };
}

export interface CurvePoint {
  threshold: number;
  fpr: number;
  recall: number;
  precision: number;
}

/** The ROC and PR curves: one point per distinct score (from the highest down), plus the start. */
export function curves(s: SortedScores): CurvePoint[] {
  const n = s.scores.length;
  let P = 0;
  for (let i = 0; i < n; i++) P += s.positive[i];
  const N = n - P;
  const out: CurvePoint[] = [{ threshold: Infinity, fpr: 0, recall: 0, precision: 1 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && s.scores[j] === s.scores[i]) {
      if (s.positive[j]) tp++;
      else fp++;
      j++;
    }
    out.push({ threshold: s.scores[i], fpr: ratio(fp, N), recall: ratio(tp, P), precision: tp / (tp + fp) });
    i = j;
  }
  return out;
}

/** At most `max` points of a curve (ROC, PR or any), keeping the first and last and dropping evenly between. */
export function thinCurve<T>(points: readonly T[], max = 300): T[] {
  if (points.length <= max || max < 2) return points.slice();
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]);
}

/**
 * Percentile bootstrap intervals of several statistics at once: `resamples` draws of the n examples
 * with replacement (seeded), each given to `stats` as multiplicities; the 2.5th and 97.5th percentiles
 * (for level 0.95) of each statistic over the draws where it is defined.
 */
export function bootstrapIntervals<K extends string>(
  n: number,
  stats: (weights: Uint32Array) => Record<K, number>,
  resamples: number,
  seed: number,
  level = 0.95,
): Record<K, Interval> {
  if (!(Number.isInteger(resamples) && resamples >= 10 && resamples <= 5000))
    throw new RangeError(`resamples must be 10 … 5000, got ${resamples}`);
  const rng = mulberry32(seed);
  const w = new Uint32Array(n);
  const draws = new Map<K, number[]>();
  for (let r = 0; r < resamples; r++) {
    w.fill(0);
    for (let j = 0; j < n; j++) w[randInt(rng, n)]++;
    for (const [k, v] of Object.entries(stats(w)) as [K, number][]) {
      if (!draws.has(k)) draws.set(k, []);
      if (Number.isFinite(v)) draws.get(k)!.push(v);
    }
  }
  const tail = (1 - level) / 2;
  const out = {} as Record<K, Interval>;
  for (const [k, xs] of draws) {
    xs.sort((a, b) => a - b);
    out[k] = { lo: quantileSorted(xs, tail), hi: quantileSorted(xs, 1 - tail) };
  }
  return out;
}

/** Wilson's 95% interval for k of n, NaN-safe (n = 0 gives NaNs). */
export function wilson(k: number, n: number): Interval {
  return n > 0 ? wilsonInterval(k, n) : { lo: NaN, hi: NaN };
}

/**
 * Indices of a sample at `prevalence` (share of positives): every positive and a seeded subsample of
 * the negatives when the prevalence asked is above the data's, else every negative and a subsample of
 * the positives. At least one of each is kept.
 */
export function prevalenceSample(positive: ArrayLike<number>, prevalence: number, seed: number): number[] {
  if (!(prevalence > 0 && prevalence < 1)) throw new RangeError(`prevalence must be in (0, 1), got ${prevalence}`);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < positive.length; i++) (positive[i] ? pos : neg).push(i);
  const rng = mulberry32(deriveSeed(seed, 7));
  let keepPos = pos.length;
  let keepNeg = neg.length;
  if (prevalence > pos.length / positive.length) keepNeg = Math.round((pos.length * (1 - prevalence)) / prevalence);
  else keepPos = Math.round((neg.length * prevalence) / (1 - prevalence));
  keepPos = Math.max(1, Math.min(pos.length, keepPos));
  keepNeg = Math.max(1, Math.min(neg.length, keepNeg));
  const chosen = [...shuffled(rng, pos).slice(0, keepPos), ...shuffled(rng, neg).slice(0, keepNeg)];
  return chosen.sort((a, b) => a - b);
}

/** Each example's third (0 thin, 1 middle, 2 thick) by total ink among the examples of its own class. */
export function inkTerciles(images: ArrayLike<number>, labels: ArrayLike<number>, pixels: number): Uint8Array {
  const n = labels.length;
  const ink = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < pixels; j++) s += images[i * pixels + j];
    ink[i] = s;
  }
  const out = new Uint8Array(n);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!byClass.has(labels[i])) byClass.set(labels[i], []);
    byClass.get(labels[i])!.push(i);
  }
  for (const idx of byClass.values()) {
    idx.sort((a, b) => ink[a] - ink[b] || a - b);
    idx.forEach((i, k) => (out[i] = Math.floor((3 * k) / idx.length)));
  }
  return out;
}
