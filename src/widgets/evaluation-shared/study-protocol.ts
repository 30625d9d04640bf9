/**
 * Messages of the evaluation chapter's "study" widgets (the leaderboard and metrics labs): the page asks
 * for a study at the reader's settings; the worker scores the requested zoo model on the validation and
 * test digits once per model (cached) and computes the study from those real logits in plain math, off
 * the page's main thread. R is the widget's request (it names the model), S its study (plain data).
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { ZooModelName } from '../../math/zoo';

export interface ModelRequest {
  model: ZooModelName;
}

export type StudyCommand<R extends ModelRequest> = { type: 'eval-study'; request: R } & InRun;

export type StudyEvent<R extends ModelRequest, S> =
  /** Scoring a split (the first study of a model): digits done of the split's total. */
  | ({ type: 'eval-scoring'; request: R; split: 'validation' | 'test'; done: number; total: number } & InRun)
  | ({ type: 'eval-study'; request: R; study: S; computeMs: number } & InRun);
