/**
 * From the two splits' logits to what the lab shows: the temperature fitted on validation and the test
 * split's reports before and after it, at the reader's binning and seed (src/math/evaluation-calibration.ts).
 * Plain numbers; the view memoises it (about 10 ms for 2,000 digits and 200 bootstrap draws).
 */
import { temperatureStudy, type TemperatureStudy } from '../../math/evaluation-calibration';
import { DIGIT_CLASSES } from '../../math/zoo';
import type { ScoredSplit } from '../evaluation-shared/study-server';
import { RESAMPLES, type CalibrationParams } from './params';

export function labStudy(
  validation: ScoredSplit,
  test: ScoredSplit,
  v: Pick<CalibrationParams, 'bins' | 'binning' | 'seed'>,
): TemperatureStudy {
  return temperatureStudy(validation, test, DIGIT_CLASSES, {
    bins: v.bins,
    binning: v.binning,
    resamples: RESAMPLES,
    seed: v.seed,
  });
}
