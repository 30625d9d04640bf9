/**
 * From a model's scored test digits to the metrics lab's study (the worker runs it; the seeded script
 * and the claims test run the same function): the detector's scores are the softmax probability of the
 * positive digit; src/math/evaluation-binary.ts gives the metrics, curves, intervals and slices.
 */
import { softmaxRows } from '../../math/calibration';
import {
  bootstrapIntervals,
  countsAt,
  curves,
  inkTerciles,
  metricsFromCounts,
  prevalenceSample,
  sortScores,
  thinCurve,
  weightedAreas,
  wilson,
  type BinaryMetrics,
  type CurvePoint,
  type Interval,
} from '../../math/evaluation-binary';
import { deriveSeed } from '../../math/random';
import { DIGIT_CLASSES, DIGIT_PIXELS } from '../../math/zoo';
import { RESAMPLES, type MetricsParams } from './params';

export const SLICE_NAMES = ['thinnest third', 'middle third', 'thickest third'] as const;

export interface SliceRow {
  name: (typeof SLICE_NAMES)[number];
  metrics: BinaryMetrics;
  recall: Interval;
  fpr: Interval;
}

export interface MetricsStudy {
  digit: number;
  count: number;
  positives: number;
  metrics: BinaryMetrics;
  intervals: Record<'accuracy' | 'recall' | 'precision' | 'balancedAccuracy' | 'f1' | 'auroc' | 'ap', Interval>;
  auroc: number;
  ap: number;
  /** ROC and PR curve points (at most 300). */
  curve: CurvePoint[];
  /** The metrics in each third of every class by ink (the digit's stroke weight relative to its class). */
  slices: SliceRow[];
  /** How often each other digit is called positive (false-positive rate by digit). */
  negatives: { digit: number; n: number; fp: number; fpr: number }[];
}

export interface ScoredTest {
  logits: ArrayLike<number>;
  labels: ArrayLike<number>;
  images: ArrayLike<number>;
}

export function labMetrics(test: ScoredTest, v: Omit<MetricsParams, 'model'>): MetricsStudy {
  const probs = softmaxRows(test.logits, DIGIT_CLASSES, 1);
  const rows = prevalenceSample(
    Uint8Array.from(test.labels, (y) => (y === v.digit ? 1 : 0)),
    v.prevalence,
    v.seed,
  );
  const labels = Uint8Array.from(rows, (i) => test.labels[i]);
  const scores = Float64Array.from(rows, (i) => probs[i * DIGIT_CLASSES + v.digit]);
  const positive = Uint8Array.from(labels, (y) => (y === v.digit ? 1 : 0));
  const terciles = inkTerciles(test.images, test.labels, DIGIT_PIXELS);
  const third = Uint8Array.from(rows, (i) => terciles[i]);
  const metrics = metricsFromCounts(countsAt(scores, positive, v.threshold));
  const sorted = sortScores(scores, positive);
  const { auroc, ap } = weightedAreas(sorted);
  const boot = bootstrapIntervals(
    rows.length,
    (w) => {
      const m = metricsFromCounts(countsAt(scores, positive, v.threshold, w));
      const a = weightedAreas(sorted, w);
      return { balancedAccuracy: m.balancedAccuracy, f1: m.f1, auroc: a.auroc, ap: a.ap };
    },
    RESAMPLES,
    deriveSeed(v.seed, 8),
  );
  const slices = SLICE_NAMES.map((name, s) => {
    const w = Uint8Array.from(third, (t) => (t === s ? 1 : 0));
    const m = metricsFromCounts(countsAt(scores, positive, v.threshold, w));
    return { name, metrics: m, recall: wilson(m.tp, m.tp + m.fn), fpr: wilson(m.fp, m.fp + m.tn) };
  });
  const negatives = Array.from({ length: DIGIT_CLASSES }, (_, d) => d)
    .filter((d) => d !== v.digit)
    .map((d) => {
      let n = 0;
      let fp = 0;
      for (let i = 0; i < labels.length; i++)
        if (labels[i] === d) {
          n++;
          if (scores[i] >= v.threshold) fp++;
        }
      return { digit: d, n, fp, fpr: n > 0 ? fp / n : NaN };
    });
  return {
    digit: v.digit,
    count: rows.length,
    positives: metrics.tp + metrics.fn,
    metrics,
    intervals: {
      accuracy: wilson(metrics.tp + metrics.tn, metrics.n),
      recall: wilson(metrics.tp, metrics.tp + metrics.fn),
      precision: wilson(metrics.tp, metrics.tp + metrics.fp),
      ...boot,
    },
    auroc,
    ap,
    curve: thinCurve(curves(sorted)),
    slices,
    negatives,
  };
}
