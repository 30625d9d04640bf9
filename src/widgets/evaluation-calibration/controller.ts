/**
 * Page-side owner of the calibration lab's Worker: one study request per change of model, binning or
 * seed (a newer one replaces an older), and the newest study in the state. No DOM: tests drive it
 * through a fake port.
 */
import {
  WorkerController,
  type ControllerOptions,
  type RuntimeState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { TemperatureStudy } from '../../math/evaluation-calibration';
import { sameRequest as same } from '../evaluation-shared/study-controller';
import type { Command, StudyRequest, TrainingInfo, WorkerEvent } from './protocol';

export interface ScoredSplit {
  logits: Float32Array;
  labels: Uint8Array;
}

export interface CalibrationState {
  /** The newest request, and the study that answers it (null until it arrives). */
  request: StudyRequest | null;
  study: TemperatureStudy | null;
  /** The study on show may answer an older request while a newer one is computed. */
  shown: StudyRequest | null;
  scoring: { split: 'validation' | 'test'; done: number; total: number } | null;
  /** Training progress of a model trained here (before its scoring). */
  training: { step: number; totalSteps: number; epoch: number } | null;
  /** How the model on show was trained, if it was trained here. */
  trained: TrainingInfo | null;
  computeMs: number | null;
}

export const INITIAL_STATE: CalibrationState = {
  request: null,
  study: null,
  shown: null,
  scoring: null,
  training: null,
  trained: null,
  computeMs: null,
};

export class CalibrationController extends WorkerController<Command, WorkerEvent, CalibrationState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeCalibrationWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Asks for the study at these settings (nothing is sent if it is the newest request already). */
  study(request: StudyRequest): void {
    if (same(this.state.request, request)) return;
    this.startRun({ type: 'calibration-study', request });
    this.update({ request, error: null, training: null, scoring: null });
  }

  protected receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'calibration-training':
        this.update({ training: { step: event.step, totalSteps: event.totalSteps, epoch: event.epoch } });
        break;
      case 'calibration-scoring':
        this.update({ scoring: { split: event.split, done: event.done, total: event.total }, training: null });
        break;
      case 'calibration-study':
        this.update({
          study: event.study,
          shown: event.request,
          scoring: null,
          training: null,
          trained: event.training,
          computeMs: event.computeMs,
        });
        break;
    }
  }

  /** Loading until the first study is in. */
  protected isLoading(s: CalibrationState & RuntimeState): boolean {
    return s.study === null;
  }

  /** Running while the newest request has no study yet. */
  protected isRunning(s: CalibrationState & RuntimeState): boolean {
    return !!s.request && !same(s.shown, s.request);
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeCalibrationWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'evaluation-calibration' });
}
