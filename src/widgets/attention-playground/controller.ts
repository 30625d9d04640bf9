/**
 * Page-side owner of the playground's Worker, on the runtime's controller base: commands out, the
 * worker's snapshots folded into one state for the view. Each `configure` is a new run (a new model):
 * the base drops every snapshot of older models. No DOM.
 */
import { appendCurve } from '../../lib/runtime/curve';
import type { StepPoint } from '../../lib/runtime/protocol';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import { TrainingController, type ControllerOptions, type WorkerPort } from '../../lib/runtime/worker-controller';
import type { ProbeResult } from '../../ml/training-session';
import type { Command, RunConfig, WorkerEvent } from './protocol';

export interface PlaygroundState {
  /** The model on show: null until the first snapshot of the newest configure arrives. */
  run: number | null;
  progress: RunnerState;
  loss: StepPoint[];
  accuracy: StepPoint[];
  evalLoss: StepPoint[];
  probe: ProbeResult | null;
  numParameters: number;
  /** First held-out evaluation at or above 95% token accuracy. */
  stepsTo95: number | null;
}

export const INITIAL_PROGRESS: RunnerState = { phase: 'idle', step: 0, totalSteps: 0, stepsPerSecond: 0, busyMs: 0 };

export const INITIAL_STATE: PlaygroundState = {
  run: null,
  progress: INITIAL_PROGRESS,
  loss: [],
  accuracy: [],
  evalLoss: [],
  probe: null,
  numParameters: 0,
  stepsTo95: null,
};

/** The accuracy the lesson and the bench measure time to. */
export const TARGET_ACCURACY = 0.95;

export class PlaygroundController extends TrainingController<Command, WorkerEvent, PlaygroundState> {
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

  protected isRunning(s: PlaygroundState): boolean {
    return s.progress.phase === 'running';
  }

  protected receive(event: WorkerEvent): void {
    // The first snapshot of a newer run is a new model: nothing measured on the old one stays.
    const base = event.run === this.state.run ? this.state : { ...INITIAL_STATE, run: event.run };
    const accuracy = appendCurve(base.accuracy, event.newAccuracy);
    this.update({
      ...base,
      progress: event.progress,
      loss: appendCurve(base.loss, event.newLoss),
      accuracy,
      evalLoss: appendCurve(base.evalLoss, event.newEvalLoss),
      probe: event.probe ?? base.probe,
      numParameters: event.numParameters,
      stepsTo95: base.stepsTo95 ?? accuracy.find((p) => p.value >= TARGET_ACCURACY)?.step ?? null,
      error: null,
    });
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makePlaygroundWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'attention-playground' });
}
