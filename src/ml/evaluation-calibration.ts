/**
 * The calibration lab's measurement in Node (its seeded script and the lesson's claims test): each zoo
 * model scores the validation and test splits with the code a Worker runs (src/ml/zoo/evaluation.ts),
 * then src/math/evaluation-calibration.ts fits a temperature on validation and reports the test split
 * before and after, and src/math/evaluation-matrix-scaling.ts fits a matrix beside it, on all the
 * validation digits and on the first 20 … 1,000 of them (the sweep). Plain data out; every model is
 * disposed.
 */
import type { DigitSplit } from '../math/digit-split';
import { BINNINGS, ece, type CalibrationOptions, type CalibrationReport } from '../math/evaluation-calibration';
import { softmaxRows } from '../math/calibration';
import { fitScalings, scalingStudy, type ScalingStudy, type StopReason } from '../math/evaluation-matrix-scaling';
import { DIGIT_CLASSES, type ZooModelEntry, type ZooModelName } from '../math/zoo';
import { evaluateSplit } from './zoo/evaluation';
import { zooModelFromWeights } from './zoo/models';

/** Where the script writes its output (relative to the repository root). */
export const STATIC_RUN_FILE = 'src/widgets/evaluation-calibration/static-run.json';

/** The lab's default settings, which the static figure shows (and the seeded bootstrap uses). */
export const STATIC_OPTIONS: CalibrationOptions = { bins: 15, binning: 'width', resamples: 200, seed: 1 };
/** Bin counts of the binning-dependence table. */
export const BIN_COUNTS = [5, 10, 15, 30] as const;

/** Fitting sizes of the temperature-against-matrix sweep (the first N validation digits). */
export const FIT_SIZES = [20, 50, 100, 200, 500, 1000] as const;

export type ReportSummary = Pick<CalibrationReport, 'accuracy' | 'meanConfidence' | 'ece' | 'ece15' | 'nll' | 'brier'>;

/** Both maps fitted on the first `fit` validation digits, and the test split after each. */
export interface SweepRow {
  fit: number;
  temperature: number;
  /** NLL of the fitting digits as trained, at the fitted T, after the matrix. */
  fitNll: { before: number; temperature: number; matrix: number };
  iterations: number;
  stop: StopReason;
  temperatureTest: ReportSummary;
  /** The matrix's test report in full (the static figure draws its diagram). */
  matrixTest: CalibrationReport;
}

export interface ModelCalibration extends ScalingStudy {
  name: ZooModelName;
  title: string;
  accuracy: number;
  /** Test ECE before (T = 1) and after temperature scaling, for each binning and bin count. */
  eceTable: { binning: (typeof BINNINGS)[number]; bins: number; before: number; after: number }[];
  /** Temperature against matrix scaling for each fitting size (FIT_SIZES; the last is all the digits). */
  sweep: SweepRow[];
}

/**
 * A calibration committed before the matrix was added (the runs trained here,
 * public/data/evaluation/calibration-trained.json): temperature scaling on all the validation digits.
 */
export type TemperatureCalibration = Omit<ModelCalibration, 'fitCount' | 'matrix' | 'sweep'>;

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
  const sweep = FIT_SIZES.filter((n) => n <= validation.labels.length).map((n) => {
    const st = scalingStudy(fitScalings(validation, DIGIT_CLASSES, n), validation, test, DIGIT_CLASSES, options);
    return { study: st, row: sweepRow(st) };
  });
  const study =
    sweep.at(-1)?.study.fitCount === validation.labels.length
      ? sweep.at(-1)!.study
      : scalingStudy(
          fitScalings(validation, DIGIT_CLASSES, validation.labels.length),
          validation,
          test,
          DIGIT_CLASSES,
          options,
        );
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
  return {
    name: entry.name,
    title: entry.title,
    accuracy: study.before.accuracy,
    ...study,
    eceTable,
    sweep: sweep.map((x) => x.row),
  };
}

const summary = (r: CalibrationReport): ReportSummary => ({
  accuracy: r.accuracy,
  meanConfidence: r.meanConfidence,
  ece: r.ece,
  ece15: r.ece15,
  nll: r.nll,
  brier: r.brier,
});

function sweepRow(st: ScalingStudy): SweepRow {
  return {
    fit: st.fitCount,
    temperature: st.temperature,
    fitNll: { before: st.validationNll.before, temperature: st.validationNll.after, matrix: st.matrix.fit.nllAfter },
    iterations: st.matrix.fit.iterations,
    stop: st.matrix.fit.stop,
    temperatureTest: summary(st.after),
    matrixTest: st.matrix.after,
  };
}
