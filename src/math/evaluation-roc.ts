/**
 * The ROC curve of a score that should rank positives above negatives: for every threshold t between
 * distinct scores, the true-positive rate P(s⁺ ≥ t) against the false-positive rate P(s⁻ ≥ t), from
 * (0, 0) (threshold above every score) to (1, 1); tied scores enter together, so a tie is a diagonal step.
 * The area under it (trapezoids) equals the rank AUROC of src/math/evaluation-metrics.ts.
 *
 * The curve is src/math/evaluation-binary.ts's (curves over sortScores), named as a detector's ROC;
 * thin it for a chart with that file's thinCurve. Also the share of a reference set a score exceeds
 * (where a drawn digit's confidence falls among the test digits').
 */
import { curves, sortScores } from './evaluation-binary';

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** The threshold: inputs scoring at or above it are called positive. */
  threshold: number;
}

export function rocCurve(positive: ArrayLike<number>, negative: ArrayLike<number>): RocPoint[] {
  const np = positive.length;
  const nn = negative.length;
  if (np === 0 || nn === 0) return [];
  const scores = new Float64Array(np + nn);
  const flags = new Uint8Array(np + nn);
  for (let i = 0; i < np; i++) {
    scores[i] = positive[i];
    flags[i] = 1;
  }
  for (let i = 0; i < nn; i++) scores[np + i] = negative[i];
  return curves(sortScores(scores, flags)).map((p) => ({ fpr: p.fpr, tpr: p.recall, threshold: p.threshold }));
}

/** Area under a ROC curve by trapezoids. */
export function rocArea(curve: readonly RocPoint[]): number {
  let a = 0;
  for (let i = 1; i < curve.length; i++)
    a += ((curve[i].fpr - curve[i - 1].fpr) * (curve[i].tpr + curve[i - 1].tpr)) / 2;
  return a;
}

/** Share of `reference` strictly below `x`, plus half the ties: x's mid-rank percentile in 0 … 1. */
export function shareBelow(reference: ArrayLike<number>, x: number): number {
  if (reference.length === 0) return NaN;
  let below = 0;
  let ties = 0;
  for (let i = 0; i < reference.length; i++) {
    if (reference[i] < x) below++;
    else if (reference[i] === x) ties++;
  }
  return (below + ties / 2) / reference.length;
}
