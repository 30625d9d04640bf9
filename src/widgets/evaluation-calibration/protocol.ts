/**
 * Messages between the calibration lab's page code and its Worker. The page asks for a study (a model
 * and the reader's binning and seed); the worker scores the model on the validation and test splits
 * once per model (the zoo's evaluation, cached), fits the temperature on validation and computes the
 * test split's reports before and after (src/math/evaluation-calibration.ts), so no calibration math
 * runs on the page's main thread.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { Binning, TemperatureStudy } from '../../math/evaluation-calibration';
import type { ZooModelName } from '../../math/zoo';

export interface StudyRequest {
  model: ZooModelName;
  bins: number;
  binning: Binning;
  seed: number;
}

export type Command = { type: 'calibration-study'; request: StudyRequest } & InRun;

export type WorkerEvent =
  /** Scoring the splits (the first study of a model): digits done of the split's total. */
  | ({
      type: 'calibration-scoring';
      request: StudyRequest;
      split: 'validation' | 'test';
      done: number;
      total: number;
    } & InRun)
  | ({ type: 'calibration-study'; request: StudyRequest; study: TemperatureStudy; computeMs: number } & InRun);
