/**
 * Page-side base of the evaluation chapter's study widgets: one study request per change of settings (a
 * newer one replaces an older; an identical one is not sent again), the training (for a model trained in
 * the worker) and scoring progress of a model's first study, and the newest study in the state; Pause,
 * Resume, Step and Reset of a model being trained in the worker. A widget's controller.ts only adds the
 * Worker line.
 * No DOM: tests drive it through a fake port.
 */
import {
  WorkerController,
  type ControllerOptions,
  type RuntimeState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { ModelRequest, StudyCommand, StudyEvent, TrainingProgress } from './study-protocol';
import type { GateAction } from './training-gate';

export interface StudyState<R extends ModelRequest, S> {
  /** The newest request, and the study on show with the request it answers (null until one arrives). */
  request: R | null;
  study: S | null;
  shown: R | null;
  scoring: { split: 'validation' | 'test'; done: number; total: number } | null;
  /** Training progress of a model trained in the worker (before its scoring). */
  training: TrainingProgress | null;
  computeMs: number | null;
  /** After a reset of the training: the step budget it had, until Train (a new study) starts it again. */
  trainingReset: { totalSteps: number } | null;
}

export function initialStudyState<R extends ModelRequest, S>(): StudyState<R, S> {
  return {
    request: null,
    study: null,
    shown: null,
    scoring: null,
    training: null,
    computeMs: null,
    trainingReset: null,
  };
}

/** Requests are flat records of numbers, strings and booleans: equal when every field is. */
export function sameRequest<R extends ModelRequest>(a: R | null, b: R | null): boolean {
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof R)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export class StudyController<R extends ModelRequest, S> extends WorkerController<
  StudyCommand<R>,
  StudyEvent<R, S>,
  StudyState<R, S>
> {
  constructor(makeWorker: () => WorkerPort, options: ControllerOptions) {
    super(makeWorker, options, initialStudyState<R, S>());
  }

  /** Asks for the study at these settings (nothing is sent if it is the newest request already). */
  study(request: R): void {
    if (sameRequest(this.state.request, request)) return;
    this.startRun({ type: 'eval-study', request });
    this.update({ request, error: null, training: null, trainingReset: null } as Partial<
      StudyState<R, S> & RuntimeState
    >);
  }

  /** Pause, Resume or Step (one optimiser step) the model being trained in the worker. */
  train(action: GateAction): void {
    this.send({ type: 'eval-train', action });
  }

  /**
   * Stops the training (its model is freed) and forgets the models trained here; nothing is on show
   * until Train asks for the study again. `totalSteps` is the budget the progress bar shows meanwhile.
   */
  resetTraining(totalSteps: number): void {
    this.startRun({ type: 'eval-train-reset' });
    this.update({ ...initialStudyState<R, S>(), error: null, trainingReset: { totalSteps } } as Partial<
      StudyState<R, S> & RuntimeState
    >);
  }

  protected receive(event: StudyEvent<R, S>): void {
    switch (event.type) {
      case 'eval-training':
        this.update({
          training: {
            step: event.step,
            totalSteps: event.totalSteps,
            epoch: event.epoch,
            phase: event.phase,
            stepsPerSecond: event.stepsPerSecond,
          },
        });
        break;
      case 'eval-scoring':
        this.update({ scoring: { split: event.split, done: event.done, total: event.total }, training: null });
        break;
      case 'eval-study':
        this.update({
          study: event.study,
          shown: event.request,
          scoring: null,
          training: null,
          computeMs: event.computeMs,
        } as Partial<StudyState<R, S> & RuntimeState>);
        break;
    }
  }

  /** Loading until the first study is in (a reset training waits for the reader instead). */
  protected isLoading(s: StudyState<R, S> & RuntimeState): boolean {
    return s.study === null && s.trainingReset === null;
  }

  /** Running while the newest request has no study yet (and its training is not paused). */
  protected isRunning(s: StudyState<R, S> & RuntimeState): boolean {
    return !!s.request && !sameRequest(s.shown, s.request) && s.training?.phase !== 'paused';
  }
}
