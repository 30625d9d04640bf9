/**
 * Messages of the evaluation chapter's "study" widgets (the calibration, leaderboard and metrics labs):
 * the page asks for a study at the reader's settings; the worker scores the requested zoo model (or one it
 * trains first, for a widget that offers that) on the validation and test digits once per model (cached)
 * and computes the study from those real logits in plain math, off the page's main thread. R is the
 * widget's request (it names the model), S its study (plain data).
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { RunnerPhase } from '../../lib/runtime/sliced-runner';
import type { GateAction } from './training-gate';
import type { ZooModelName } from '../../math/zoo';

export interface ModelRequest {
  model: ZooModelName;
}

export type StudyCommand<R extends ModelRequest> =
  | ({ type: 'eval-study'; request: R } & InRun)
  /** Pause, Resume or Step the model being trained (no run of its own: the training's run goes on). */
  | { type: 'eval-train'; action: GateAction }
  /** Stops the training, frees its model and forgets every model trained here (a run: the old one is over). */
  | ({ type: 'eval-train-reset' } & InRun);

/** How a model trained in the worker was trained (a study widget that trains puts it in its study). */
export interface TrainingInfo {
  epochs: number;
  steps: number;
  /** Milliseconds in training steps, and steps per second, on the worker's backend. */
  trainMs: number;
  stepsPerSecond: number;
  /** Mean cross-entropy of the last epoch's training batches. */
  finalTrainLoss: number;
}

export interface TrainingProgress {
  step: number;
  totalSteps: number;
  /** The epoch the next step's batch comes from (0-based). */
  epoch: number;
  /** The training runner's phase (running, or paused by the reader) and its speed. */
  phase: RunnerPhase;
  stepsPerSecond: number;
}

export type StudyEvent<R extends ModelRequest, S> =
  /** Training the requested model first (a model trained in the worker): steps done of the run's. */
  | ({ type: 'eval-training'; request: R } & TrainingProgress & InRun)
  /** Scoring a split (the first study of a model): digits done of the split's total. */
  | ({ type: 'eval-scoring'; request: R; split: 'validation' | 'test'; done: number; total: number } & InRun)
  | ({ type: 'eval-study'; request: R; study: S; computeMs: number } & InRun);
