/**
 * Threshold-free scores of a detector, and the uncertainty of an accuracy, in plain numbers.
 *
 * AUROC (area under the ROC curve) = P(s⁺ > s⁻) + ½ P(s⁺ = s⁻) for a random positive and a random
 *   negative: the Mann–Whitney U statistic divided by n⁺ n⁻ (Hanley & McNeil 1982), computed from ranks
 *   with ties given their mean rank.
 * Average precision (area under the precision–recall curve, step-wise) = Σ_k (R_k - R_{k-1}) P_k over
 *   the thresholds at each distinct score, from the highest down (ties enter together).
 * Wilson's interval for a proportion (Wilson 1927): centre (p̂ + z²/2n) / (1 + z²/n), half-width
 *   z √(p̂(1-p̂)/n + z²/4n²) / (1 + z²/n).
 */

/** AUROC of scores where positives should score higher. NaN without both kinds. */
export function auroc(positive: ArrayLike<number>, negative: ArrayLike<number>): number {
  const np = positive.length;
  const nn = negative.length;
  if (np === 0 || nn === 0) return NaN;
  const all = [
    ...Array.from(positive, (s) => ({ s, pos: true })),
    ...Array.from(negative, (s) => ({ s, pos: false })),
  ].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].s === all[i].s) j++;
    const mean = (i + 1 + j) / 2; // ranks i+1 … j
    for (let t = i; t < j; t++) if (all[t].pos) rankSum += mean;
    i = j;
  }
  return (rankSum - (np * (np + 1)) / 2) / (np * nn);
}

/** Average precision of scores where positives should score higher. NaN without positives. */
export function averagePrecision(positive: ArrayLike<number>, negative: ArrayLike<number>): number {
  const np = positive.length;
  if (np === 0) return NaN;
  const all = [...Array.from(positive, (s) => ({ s, pos: 1 })), ...Array.from(negative, (s) => ({ s, pos: 0 }))].sort(
    (a, b) => b.s - a.s,
  );
  let tp = 0;
  let ap = 0;
  let lastRecall = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].s === all[i].s) {
      tp += all[j].pos;
      j++;
    }
    const recall = tp / np;
    ap += (recall - lastRecall) * (tp / j);
    lastRecall = recall;
    i = j;
  }
  return ap;
}

/** Wilson's score interval for k successes in n trials at the normal quantile z (1.96: 95%). */
export function wilsonInterval(k: number, n: number, z = 1.96): { lo: number; hi: number } {
  if (!(Number.isInteger(n) && n > 0 && Number.isInteger(k) && k >= 0 && k <= n))
    throw new RangeError(`need 0 ≤ k ≤ n, n ≥ 1 whole numbers, got k = ${k}, n = ${n}`);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Test examples needed to tell accuracy p from p + gain with a two-sided test at level α (z_α/2) and the
 * given power (z_β), two models scored on independent test sets of n each (normal approximation):
 * n = (z_α/2 + z_β)² (p(1-p) + q(1-q)) / gain², q = p + gain. Scoring both on the same examples (a paired
 * test) needs fewer; this is the textbook upper end.
 */
export function examplesForGain(p: number, gain: number, zAlpha = 1.96, zBeta = 0.8416): number {
  const q = p + gain;
  if (!(p > 0 && p < 1 && q > 0 && q < 1 && gain !== 0)) throw new RangeError(`need 0 < p, p + gain < 1, gain ≠ 0`);
  return Math.ceil(((zAlpha + zBeta) ** 2 * (p * (1 - p) + q * (1 - q))) / (gain * gain));
}
