/**
 * Page-side owner of routing tokens' Worker: commands out, snapshots folded into one state. Each
 * `configure` is a new run (a new model). No DOM.
 */
import { appendCurve } from '../../lib/runtime/curve';
import type { StepPoint } from '../../lib/runtime/protocol';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import { TrainingController, type ControllerOptions, type WorkerPort } from '../../lib/runtime/worker-controller';
import type { TokenEvaluation, TokenProbe } from '../../ml/moe-transformer';
import type { Command, TokensRunConfig, WorkerEvent } from './protocol';

export interface TokensState {
  run: number | null;
  progress: RunnerState;
  loss: StepPoint[];
  evalLoss: StepPoint[];
  accuracy: StepPoint[];
  evaluation: TokenEvaluation | null;
  probe: TokenProbe | null;
  numParameters: number;
  activeParameters: number;
  capacity: number;
}

export const INITIAL_PROGRESS: RunnerState = { phase: 'idle', step: 0, totalSteps: 0, stepsPerSecond: 0, busyMs: 0 };

export const INITIAL_STATE: TokensState = {
  run: null,
  progress: INITIAL_PROGRESS,
  loss: [],
  evalLoss: [],
  accuracy: [],
  evaluation: null,
  probe: null,
  numParameters: 0,
  activeParameters: 0,
  capacity: 0,
};

export class RoutingTokensController extends TrainingController<Command, WorkerEvent, TokensState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeTokensWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  configure(config: TokensRunConfig, probe: number[]): void {
    this.startRun({ type: 'configure', config, probe });
  }

  setProbe(probe: number[]): void {
    this.send({ type: 'probe', probe });
  }

  protected isLoading(s: TokensState): boolean {
    return s.probe === null || s.evaluation === null;
  }

  protected isRunning(s: TokensState): boolean {
    return s.progress.phase === 'running';
  }

  protected receive(event: WorkerEvent): void {
    const base = event.run === this.state.run ? this.state : { ...INITIAL_STATE, run: event.run };
    this.update({
      ...base,
      progress: event.progress,
      loss: appendCurve(base.loss, event.newLoss),
      evalLoss: appendCurve(base.evalLoss, event.newEvalLoss),
      accuracy: appendCurve(base.accuracy, event.newAccuracy),
      evaluation: event.evaluation ?? base.evaluation,
      probe: event.probe ?? base.probe,
      numParameters: event.numParameters,
      activeParameters: event.activeParameters,
      capacity: event.capacity,
      error: null,
    });
  }
}

function makeTokensWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'moe-routing-tokens' });
}
