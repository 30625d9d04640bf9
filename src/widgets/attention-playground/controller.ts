/**
 * Page-side owner of the playground's Worker, on the runtime's controller base: commands out, the
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
import type { ProbeResult } from '../../ml/training-session';
import type { Command, RunConfig, WorkerEvent } from './protocol';

export interface PlaygroundState extends TrainingViewState {
  loss: StepPoint[];
  accuracy: StepPoint[];
  evalLoss: StepPoint[];
  probe: ProbeResult | null;
  numParameters: number;
  /** First held-out evaluation at or above 95% token accuracy. */
  stepsTo95: number | null;
}

export const INITIAL_STATE: PlaygroundState = {
  run: null,
  progress: IDLE_PROGRESS,
  loss: [],
  accuracy: [],
  evalLoss: [],
  probe: null,
  numParameters: 0,
  stepsTo95: null,
};

/** The accuracy the lesson and the bench measure time to. */
export const TARGET_ACCURACY = 0.95;

export class PlaygroundController extends SnapshotTrainingController<Command, WorkerEvent, PlaygroundState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makePlaygroundWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** A fresh model for this config; the curves restart. */
  configure(config: RunConfig, probe: number[]): void {
    this.startRun({ type: 'configure', config, probe });
  }

  setProbe(probe: number[]): void {
    this.send({ type: 'probe', probe });
  }

  protected isLoading(s: PlaygroundState): boolean {
    return s.probe === null;
  }

  protected fold(base: PlaygroundState, event: WorkerEvent): Partial<PlaygroundState> {
    const accuracy = appendCurve(base.accuracy, event.newAccuracy);
    return {
      loss: appendCurve(base.loss, event.newLoss),
      accuracy,
      evalLoss: appendCurve(base.evalLoss, event.newEvalLoss),
      probe: event.probe ?? base.probe,
      numParameters: event.numParameters,
      stepsTo95: base.stepsTo95 ?? accuracy.find((p) => p.value >= TARGET_ACCURACY)?.step ?? null,
    };
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makePlaygroundWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'attention-playground' });
}
