/**
 * Messages between the calibration lab's page code and its Worker. The page asks for a study (a model
 * and the reader's binning and seed); the worker scores the model on the validation and test splits
 * once per model (the zoo's evaluation, cached; a model trained here is trained first, trained.ts), fits the temperature on validation and computes the
 * test split's reports before and after (src/math/evaluation-calibration.ts), so no calibration math
 * runs on the page's main thread.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { Binning, TemperatureStudy } from '../../math/evaluation-calibration';
import type { ZooModelName } from '../../math/zoo';
import type { ModelSource } from './params';

export interface StudyRequest {
  /** A shipped zoo model, or the MLP trained here for `epochs` epochs (0 for a shipped one). */
  source: ModelSource;
  model: ZooModelName;
  epochs: number;
  bins: number;
  binning: Binning;
  seed: number;
}

export type Command = { type: 'calibration-study'; request: StudyRequest } & InRun;

export type WorkerEvent =
  /** Training the model of a "trained here" request (before its scoring): steps done of the run's. */
  | ({ type: 'calibration-training'; request: StudyRequest; step: number; totalSteps: number; epoch: number } & InRun)
  /** Scoring the splits (the first study of a model): digits done of the split's total. */
  | ({
      type: 'calibration-scoring';
      request: StudyRequest;
      split: 'validation' | 'test';
      done: number;
      total: number;
    } & InRun)
  | ({
      type: 'calibration-study';
      request: StudyRequest;
      study: TemperatureStudy;
      computeMs: number;
      /** How the model trained here was trained (null for a shipped one). */
      training: TrainingInfo | null;
    } & InRun);

export interface TrainingInfo {
  epochs: number;
  steps: number;
  /** Milliseconds in training steps, and steps per second, on the worker's backend. */
  trainMs: number;
  stepsPerSecond: number;
  /** Mean cross-entropy of the last epoch's training batches. */
  finalTrainLoss: number;
}
