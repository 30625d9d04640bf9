/**
 * Page-side owner of the router lab's Worker, on the runtime's controller base: commands out, the
 * worker's snapshots folded into one state for the view. Each `configure` is a new run (a new model):
 * the base drops every snapshot of older models. No DOM.
 */
import { appendCurve } from '../../lib/runtime/curve';
import type { StepPoint } from '../../lib/runtime/protocol';
import { IDLE_PROGRESS } from '../../lib/runtime/sliced-runner';
import {
  SnapshotTrainingController,
  type ControllerOptions,
  type TrainingViewState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { ExpertMap, LabEvaluation } from '../../ml/moe-router-lab';
import type { Command, LabRunConfig, WorkerEvent } from './protocol';

export interface LabState extends TrainingViewState {
  loss: StepPoint[];
  evalLoss: StepPoint[];
  accuracy: StepPoint[];
  cv: StepPoint[];
  dropped: StepPoint[];
  entropy: StepPoint[];
  evaluation: LabEvaluation | null;
  map: ExpertMap | null;
  numParameters: number;
  capacity: number;
}

export const INITIAL_STATE: LabState = {
  run: null,
  progress: IDLE_PROGRESS,
  loss: [],
  evalLoss: [],
  accuracy: [],
  cv: [],
  dropped: [],
  entropy: [],
  evaluation: null,
  map: null,
  numParameters: 0,
  capacity: 0,
};

export class RouterLabController extends SnapshotTrainingController<Command, WorkerEvent, LabState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeLabWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** A fresh model for this config; the curves restart. */
  configure(config: LabRunConfig): void {
    this.startRun({ type: 'configure', config });
  }

  protected isLoading(s: LabState): boolean {
    return s.evaluation === null;
  }

  protected fold(base: LabState, event: WorkerEvent): Partial<LabState> {
    return {
      loss: appendCurve(base.loss, event.newLoss),
      evalLoss: appendCurve(base.evalLoss, event.newEvalLoss),
      accuracy: appendCurve(base.accuracy, event.newAccuracy),
      cv: appendCurve(base.cv, event.newCv),
      dropped: appendCurve(base.dropped, event.newDropped),
      entropy: appendCurve(base.entropy, event.newEntropy),
      evaluation: event.evaluation ?? base.evaluation,
      map: event.map ?? base.map,
      numParameters: event.numParameters,
      capacity: event.capacity,
    };
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeLabWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'moe-router-lab' });
}
