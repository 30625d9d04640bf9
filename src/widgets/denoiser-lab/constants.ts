/**
 * The denoiser lab's fixed settings that the page needs too. Kept apart from session.ts, which imports
 * tfjs: the page bundle and the build-time figure must not pull tfjs in.
 */

/**
 * The quick quality check while training: every 250 steps, 1000 points by DDIM with 20 steps (about as
 * much work as 10 training steps), compared with the held-out set. 1000 points, not fewer: two fresh
 * samples of the same set already differ by SW ≈ 0.03–0.05 at n = 1000 but 0.06–0.10 at n = 500, too
 * close to the threshold below (the noise baselines of these unit-variance sets are only 0.13–0.22).
 */
export const QUALITY_EVERY = 250;
export const QUALITY_CHECK = { n: 1000, steps: 20 } as const;

/**
 * "Good enough" line: samples that beat half the noise baseline, i.e. whose sliced Wasserstein distance
 * to the data is at most half that of the untouched starting noise. Coarse shape (two moons, one roll)
 * is then visible; the fine shape needs distances near the sampling error of a few hundredths.
 */
export const THRESHOLD_FRACTION = 0.5;

/** The learned direction field is drawn on a FIELD_SIZE × FIELD_SIZE grid over [-FIELD_EXTENT, FIELD_EXTENT]². */
export const FIELD_SIZE = 15;
export const FIELD_EXTENT = 2.5;
