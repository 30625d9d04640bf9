/**
 * Page side: the zoo's events (protocol.ts) folded into plain state a view draws, in one pure function,
 * so any chapter's controller takes them in one line of its receive():
 *
 *   protected receive(event: WorkerEvent) {
 *     if (isZooEvent(event)) return this.update(foldZooEvent(this.state, event));
 *     ...the chapter's own events
 *   }
 *
 * and starts a job in two (a run on the zoo's lane, then the view's "started" state):
 *
 *   const run = this.startRun({ type: 'zoo-evaluate', request }, ZOO_LANES.evaluation);
 *   this.update(evaluationStarted(run, request));
 *
 * (ZooController in zoo-controller.ts does exactly that, for a controller that extends it.) Stale runs
 * never arrive here (WorkerController drops them); an event of a newer run starts its view afresh.
 */
import { appendCurve } from '../../lib/runtime/curve';
import type { StepPoint } from '../../lib/runtime/protocol';
import { IDLE_PROGRESS, type RunnerPhase, type RunnerState } from '../../lib/runtime/sliced-runner';
import type {
  ClassifyResult,
  DigitRequest,
  EvaluateRequest,
  EvaluationResult,
  LoadingInfo,
  TrainRequest,
  ZooEvent,
  ZooModelRef,
} from './protocol';

export interface EvaluationView {
  run: number | null;
  phase: 'idle' | 'loading' | RunnerPhase;
  request: EvaluateRequest | null;
  done: number;
  total: number;
  correct: number;
  computeMs: number;
  loading: LoadingInfo | null;
  result: EvaluationResult | null;
}

export interface ClassifyView {
  run: number | null;
  /** True from the request until its answer. */
  pending: boolean;
  model: ZooModelRef | null;
  result: ClassifyResult | null;
}

export interface TrainingView {
  run: number | null;
  phase: 'idle' | 'loading' | RunnerPhase;
  request: TrainRequest | null;
  progress: RunnerState;
  loading: LoadingInfo | null;
  loss: StepPoint[];
  batchAccuracy: StepPoint[];
  validation: StepPoint[];
  validationNll: StepPoint[];
  epoch: number;
  learningRate: number;
  evalMs: number;
  numParameters: number;
}

/** The zoo's part of a chapter widget's state (spread it into the widget's INITIAL state). */
export interface ZooState {
  evaluation: EvaluationView;
  classified: ClassifyView;
  training: TrainingView;
}

export const INITIAL_EVALUATION: EvaluationView = {
  run: null,
  phase: 'idle',
  request: null,
  done: 0,
  total: 0,
  correct: 0,
  computeMs: 0,
  loading: null,
  result: null,
};

export const INITIAL_CLASSIFY: ClassifyView = { run: null, pending: false, model: null, result: null };

export const INITIAL_TRAINING: TrainingView = {
  run: null,
  phase: 'idle',
  request: null,
  progress: IDLE_PROGRESS,
  loading: null,
  loss: [],
  batchAccuracy: [],
  validation: [],
  validationNll: [],
  epoch: 0,
  learningRate: 0,
  evalMs: 0,
  numParameters: 0,
};

export const INITIAL_ZOO_STATE: ZooState = {
  evaluation: INITIAL_EVALUATION,
  classified: INITIAL_CLASSIFY,
  training: INITIAL_TRAINING,
};

export function evaluationStarted(run: number, request: EvaluateRequest): Pick<ZooState, 'evaluation'> {
  return { evaluation: { ...INITIAL_EVALUATION, run, phase: 'loading', request } };
}

/** A classification keeps showing the previous answer until the new one arrives (no flicker). */
export function classifyStarted(state: ZooState, run: number, model: ZooModelRef): Pick<ZooState, 'classified'> {
  return { classified: { ...state.classified, run, pending: true, model } };
}

export function trainingStarted(run: number, request: TrainRequest): Pick<ZooState, 'training'> {
  return {
    training: {
      ...INITIAL_TRAINING,
      run,
      phase: 'loading',
      request,
      progress: { ...IDLE_PROGRESS, totalSteps: request.steps },
    },
  };
}

/** The state after one of the zoo's events: only the part the event is about changes. */
export function foldZooEvent(state: ZooState, event: ZooEvent): ZooState {
  switch (event.type) {
    case 'zoo-evaluation': {
      const base = event.run === state.evaluation.run ? state.evaluation : { ...INITIAL_EVALUATION, run: event.run };
      // A late progress event never undoes the result.
      if (base.phase === 'done') return state;
      const p = event.progress;
      const evaluation: EvaluationView = {
        ...base,
        // The result event says done; until it arrives the last batch's progress is still "running".
        phase: p.phase === 'done' ? 'running' : p.phase,
        request: p.request,
        done: p.done,
        total: p.total,
        correct: p.correct,
        computeMs: p.computeMs,
        loading: p.loading,
      };
      return { ...state, evaluation };
    }
    case 'zoo-evaluated': {
      const r = event.result;
      return {
        ...state,
        evaluation: {
          run: event.run,
          phase: 'done',
          request: r.request,
          done: r.count,
          total: r.count,
          correct: r.correct,
          computeMs: r.computeMs,
          loading: null,
          result: r,
        },
      };
    }
    case 'zoo-classified': {
      // Only the newest request's answer ends the wait; an older one still shows meanwhile.
      const pending = state.classified.pending && event.run !== state.classified.run;
      return { ...state, classified: { ...state.classified, pending, result: event.result } };
    }
    case 'zoo-training-loading': {
      const base =
        event.run === state.training.run ? state.training : trainingStarted(event.run, event.request).training;
      return { ...state, training: { ...base, phase: 'loading', loading: event.loading } };
    }
    case 'zoo-training': {
      const r = event.report;
      const fresh = event.run !== state.training.run || state.training.phase === 'loading';
      const base = fresh ? { ...trainingStarted(event.run, r.request).training } : state.training;
      return {
        ...state,
        training: {
          ...base,
          phase: r.progress.phase,
          request: r.request,
          progress: r.progress,
          loading: null,
          loss: appendCurve(base.loss, r.newLoss),
          batchAccuracy: appendCurve(base.batchAccuracy, r.newBatchAccuracy),
          validation: appendCurve(base.validation, r.newValidation),
          validationNll: appendCurve(base.validationNll, r.newValidationNll),
          epoch: r.epoch,
          learningRate: r.learningRate,
          evalMs: r.evalMs,
          numParameters: r.numParameters,
        },
      };
    }
  }
}

/** True while an evaluation loads or scores, or a model trains: the widget's data-status is running. */
export function zooRunning(s: ZooState): boolean {
  return (
    s.evaluation.phase === 'loading' ||
    s.evaluation.phase === 'running' ||
    s.training.phase === 'running' ||
    s.training.phase === 'loading'
  );
}

/** A test digit or pixels as the classify command's payload (pixels copied: the copy is transferred). */
export function digitRequest(
  digit: { kind: 'test'; index: number } | { kind: 'pixels'; pixels: ArrayLike<number> },
): DigitRequest {
  return digit.kind === 'test' ? digit : { kind: 'pixels', pixels: Float32Array.from(digit.pixels) };
}
