/**
 * Worker side: batched evaluation of a zoo model over a split on a SlicedRunner, so a long evaluation
 * (a CNN under PGD takes minutes) shows progress, lets messages through between batches and stops when
 * its AbortSignal fires. One runner step is one batch of src/ml/zoo/evaluation.ts's evaluateBatches;
 * between batches nothing is allocated, so a cancelled evaluation leaves no tensor behind.
 *
 *   const result = await evaluateOnRunner(model, test, { signal: run.signal, onProgress: (p) => run.post(...) });
 *   if (result) run.post({ type: 'done', accuracy: result.accuracy });   // null: cancelled
 */
import { SlicedRunner, type RunnerPhase, type SlicedRunnerOptions } from '../../lib/runtime/sliced-runner';
import type { DigitSplit } from '../../math/digit-split';
import {
  evaluateBatches,
  type EvaluationOptions,
  type EvaluationProgress,
  type ZooEvaluation,
} from '../../ml/zoo/evaluation';
import type { ZooModel } from '../../ml/zoo/models';

/**
 * Digits per batch for a clean evaluation: 10 progress steps over the 2,000 test digits. Measured in
 * Node on wasm (one core, loaded machine): the CNN scored the 2,000 in 340-480 ms with batches of 50 to
 * 1,000 and no trend; softmax regression and the MLP in 26-97 ms, faster in larger batches (less
 * per-batch overhead), 37 and 86 ms at 200.
 */
export const EVALUATION_BATCH = 200;
/** Under attack each batch runs the whole PGD loop: smaller batches keep progress and Stop responsive. */
export const ATTACK_BATCH = 50;

export interface EvaluationRunProgress extends EvaluationProgress {
  /** running while batches remain; done or cancelled at the end. */
  phase: RunnerPhase;
  /** Milliseconds spent scoring so far (yields between batches excluded). */
  computeMs: number;
}

export interface TimedEvaluation extends ZooEvaluation {
  /** Milliseconds spent scoring (yields between batches excluded), and from start to end. */
  computeMs: number;
  wallMs: number;
  batches: number;
  batchSize: number;
}

export interface RunnerEvaluationOptions
  extends EvaluationOptions,
    Pick<SlicedRunnerOptions, 'reportEveryMs' | 'sliceMs' | 'now' | 'yieldToEventLoop'> {
  /** Aborting it stops the evaluation between batches (the promise then resolves to null). */
  signal?: AbortSignal;
  /** Throttled (reportEveryMs, default 100 ms), and always at the end. */
  onProgress?: (p: EvaluationRunProgress) => void;
}

/** Scores `model` on `split` batch by batch; resolves to the evaluation, or to null when cancelled. */
export async function evaluateOnRunner(
  model: ZooModel,
  split: DigitSplit,
  options: RunnerEvaluationOptions = {},
): Promise<TimedEvaluation | null> {
  const { signal, onProgress, reportEveryMs, sliceMs, now = () => performance.now(), yieldToEventLoop } = options;
  const start = options.start ?? 0;
  const count = options.count ?? split.count - start;
  const batchSize = options.batchSize ?? (options.attack ? ATTACK_BATCH : EVALUATION_BATCH);
  const batches = Math.max(1, Math.ceil(count / batchSize));
  const it = evaluateBatches(model, split, { ...options, start, count, batchSize });
  const began = now();
  let result: ZooEvaluation | null = null;
  let latest: EvaluationProgress = { done: 0, total: count, correct: 0 };
  const runner = new SlicedRunner({
    totalSteps: batches,
    step: () => {
      const r = it.next();
      if (r.done) {
        result = r.value;
        latest = { done: r.value.count, total: r.value.count, correct: r.value.correct };
      } else {
        latest = r.value;
      }
    },
    report: (s) => onProgress?.({ ...latest, phase: s.phase, computeMs: s.busyMs }),
    signal,
    now,
    ...(reportEveryMs !== undefined && { reportEveryMs }),
    ...(sliceMs !== undefined && { sliceMs }),
    ...(yieldToEventLoop && { yieldToEventLoop }),
  });
  try {
    await runner.play();
  } finally {
    // A cancelled or failed evaluation ends its generator (it holds no tensor between batches).
    if (!result) it.return(undefined as never);
  }
  const done = result as ZooEvaluation | null;
  if (!done || runner.state.phase !== 'done') return null;
  return { ...done, computeMs: runner.state.busyMs, wallMs: now() - began, batches, batchSize };
}
