/**
 * The calibration lab's measurement in Node (its seeded script and the lesson's claims test): each zoo
 * model scores the validation and test splits with the code a Worker runs (src/ml/zoo/evaluation.ts),
 * then src/math/evaluation-calibration.ts fits a temperature on validation and reports the test split
 * before and after. Plain data out; every model is disposed.
 */
import type { DigitSplit } from '../math/digit-split';
import {
  BINNINGS,
  ece,
  temperatureStudy,
  type CalibrationOptions,
  type TemperatureStudy,
} from '../math/evaluation-calibration';
import { softmaxRows } from '../math/calibration';
import { DIGIT_CLASSES, type ZooModelEntry, type ZooModelName } from '../math/zoo';
import { evaluateSplit } from './zoo/evaluation';
import { zooModelFromWeights } from './zoo/models';

/** Where the script writes its output (relative to the repository root). */
export const STATIC_RUN_FILE = 'src/widgets/evaluation-calibration/static-run.json';

/** The lab's default settings, which the static figure shows (and the seeded bootstrap uses). */
export const STATIC_OPTIONS: CalibrationOptions = { bins: 15, binning: 'width', resamples: 200, seed: 1 };
/** Bin counts of the binning-dependence table. */
export const BIN_COUNTS = [5, 10, 15, 30] as const;

export interface ModelCalibration extends TemperatureStudy {
  name: ZooModelName;
  title: string;
  accuracy: number;
  /** Test ECE before (T = 1) and after temperature scaling, for each binning and bin count. */
  eceTable: { binning: (typeof BINNINGS)[number]; bins: number; before: number; after: number }[];
}

export interface CalibrationRun {
  options: CalibrationOptions;
  validationCount: number;
  testCount: number;
  models: ModelCalibration[];
}

export function measureModel(
  entry: ZooModelEntry,
  weights: readonly ArrayLike<number>[],
  validation: DigitSplit,
  test: DigitSplit,
  options: CalibrationOptions = STATIC_OPTIONS,
): ModelCalibration {
  const model = zooModelFromWeights(entry, weights);
  try {
    const v = evaluateSplit(model, validation).logits;
    const t = evaluateSplit(model, test).logits;
    return calibrationFromLogits(
      entry,
      { logits: v, labels: validation.labels },
      { logits: t, labels: test.labels },
      options,
    );
  } finally {
    model.dispose();
  }
}

/** The same from logits already computed (validation for the fit, test for the reports). */
export function calibrationFromLogits(
  entry: Pick<ZooModelEntry, 'name' | 'title'>,
  validation: { logits: Float32Array; labels: Uint8Array },
  test: { logits: Float32Array; labels: Uint8Array },
  options: CalibrationOptions = STATIC_OPTIONS,
): ModelCalibration {
  const study = temperatureStudy(validation, test, DIGIT_CLASSES, options);
  const pBefore = softmaxRows(test.logits, DIGIT_CLASSES, 1);
  const pAfter = softmaxRows(test.logits, DIGIT_CLASSES, study.temperature);
  const eceTable = BINNINGS.flatMap((binning) =>
    BIN_COUNTS.map((bins) => ({
      binning,
      bins,
      before: ece(pBefore, test.labels, DIGIT_CLASSES, bins, binning),
      after: ece(pAfter, test.labels, DIGIT_CLASSES, bins, binning),
    })),
  );
  return { name: entry.name, title: entry.title, accuracy: study.before.accuracy, ...study, eceTable };
}
