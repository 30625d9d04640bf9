/**
 * The ROC curve of a score that should rank positives above negatives: for every threshold t between
 * distinct scores, the true-positive rate P(s⁺ ≥ t) against the false-positive rate P(s⁻ ≥ t), from
 * (0, 0) (threshold above every score) to (1, 1); tied scores enter together, so a tie is a diagonal step.
 * The area under it (trapezoids) equals the rank AUROC of src/math/evaluation-metrics.ts.
 *
 * Also the share of a reference set a score exceeds (where a drawn digit's confidence falls among the
 * test digits'), and a curve thinned to at most n points for a chart.
 */

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
  const all = new Float64Array(np + nn);
  const pos = new Uint8Array(np + nn);
  const order = new Uint32Array(np + nn);
  for (let i = 0; i < np; i++) {
    all[i] = positive[i];
    pos[i] = 1;
  }
  for (let i = 0; i < nn; i++) all[np + i] = negative[i];
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => all[b] - all[a]);
  const out: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; ) {
    const t = all[order[i]];
    while (i < order.length && all[order[i]] === t) {
      if (pos[order[i]]) tp++;
      else fp++;
      i++;
    }
    out.push({ fpr: fp / nn, tpr: tp / np, threshold: t });
  }
  return out;
}

/** Area under a ROC curve by trapezoids. */
export function rocArea(curve: readonly RocPoint[]): number {
  let a = 0;
  for (let i = 1; i < curve.length; i++)
    a += ((curve[i].fpr - curve[i - 1].fpr) * (curve[i].tpr + curve[i - 1].tpr)) / 2;
  return a;
}

/** The ROC curve with at most `n` points (its ends kept; points dropped evenly between). */
export function thinCurve<T>(curve: readonly T[], n: number): T[] {
  if (curve.length <= n || n < 2) return curve.slice();
  const out: T[] = [];
  for (let j = 0; j < n; j++) out.push(curve[Math.round((j * (curve.length - 1)) / (n - 1))]);
  return out;
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
