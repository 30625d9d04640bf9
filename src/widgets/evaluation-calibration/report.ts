/**
 * From the two splits' logits to what the lab shows: a temperature and a matrix fitted on the first
 * `fit` validation digits, and the test split's reports as trained and after each map, at the reader's
 * binning and seed (src/math/evaluation-calibration.ts, src/math/evaluation-matrix-scaling.ts). Plain
 * numbers. The fits depend only on the model and the fitting digits, so the worker passes the ones it
 * keeps (`fitsFor`); the reports take about 10 ms each for 2,000 digits and 200 bootstrap draws.
 */
import { fitScalings, scalingStudy, type ScalingFits, type ScalingStudy } from '../../math/evaluation-matrix-scaling';
import { DIGIT_CLASSES } from '../../math/zoo';
import type { ScoredSplit } from '../evaluation-shared/study-server';
import { RESAMPLES, type CalibrationParams } from './params';

export function labStudy(
  validation: ScoredSplit,
  test: ScoredSplit,
  v: Pick<CalibrationParams, 'bins' | 'binning' | 'seed' | 'fit'>,
  fitsFor: (fit: number) => ScalingFits = (fit) => fitScalings(validation, DIGIT_CLASSES, fit),
): ScalingStudy {
  return scalingStudy(fitsFor(v.fit), validation, test, DIGIT_CLASSES, {
    bins: v.bins,
    binning: v.binning,
    resamples: RESAMPLES,
    seed: v.seed,
  });
}

/** A cache of fits per scored model (a WeakMap: a model the worker forgets takes its fits with it). */
export function fitCache() {
  const fits = new WeakMap<ScoredSplit, Map<number, ScalingFits>>();
  return (validation: ScoredSplit) => (fit: number) => {
    let byCount = fits.get(validation);
    if (!byCount) fits.set(validation, (byCount = new Map()));
    let f = byCount.get(fit);
    if (!f) byCount.set(fit, (f = fitScalings(validation, DIGIT_CLASSES, fit)));
    return f;
  };
}
