/**
 * Messages between the calibration lab's page code and its Worker (evaluation-shared/study-protocol.ts).
 * The page asks for a study (a model and the reader's binning and seed); the worker scores the model on
 * the validation and test splits once per model (the zoo's evaluation, cached; a model trained here is
 * trained first, trained.ts), fits a temperature and a matrix on the first `fit` validation digits
 * (cached per model and size) and computes the test split's reports as trained and after each map
 * (src/math/evaluation-calibration.ts, src/math/evaluation-matrix-scaling.ts), so no calibration math
 * runs on the page's main thread.
 */
import type { Binning } from '../../math/evaluation-calibration';
import type { ScalingStudy } from '../../math/evaluation-matrix-scaling';
import type { ZooModelName } from '../../math/zoo';
import type { StudyCommand, StudyEvent, TrainingInfo } from '../evaluation-shared/study-protocol';
import type { ModelSource } from './params';

export type { TrainingInfo };

export interface StudyRequest {
  /** A shipped zoo model, or the MLP trained here for `epochs` epochs (0 for a shipped one). */
  source: ModelSource;
  model: ZooModelName;
  epochs: number;
  bins: number;
  binning: Binning;
  seed: number;
  /** Validation digits (the first N) that fit the temperature and the matrix. */
  fit: number;
}

export interface CalibrationStudy extends ScalingStudy {
  /** How the model was trained here (null for a shipped one). */
  training: TrainingInfo | null;
}

export type Command = StudyCommand<StudyRequest>;
export type WorkerEvent = StudyEvent<StudyRequest, CalibrationStudy>;
