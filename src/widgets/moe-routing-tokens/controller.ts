/**
 * Page-side owner of routing tokens' Worker: commands out, snapshots folded into one state. Each
 * `configure` is a new run (a new model). No DOM.
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
import type { TokenEvaluation, TokenProbe } from '../../ml/moe-transformer';
import type { Command, TokensRunConfig, WorkerEvent } from './protocol';

export interface TokensState extends TrainingViewState {
  loss: StepPoint[];
  evalLoss: StepPoint[];
  accuracy: StepPoint[];
  evaluation: TokenEvaluation | null;
  probe: TokenProbe | null;
  numParameters: number;
  activeParameters: number;
  capacity: number;
}

export const INITIAL_STATE: TokensState = {
  run: null,
  progress: IDLE_PROGRESS,
  loss: [],
  evalLoss: [],
  accuracy: [],
  evaluation: null,
  probe: null,
  numParameters: 0,
  activeParameters: 0,
  capacity: 0,
};

export class RoutingTokensController extends SnapshotTrainingController<Command, WorkerEvent, TokensState> {
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

  protected fold(base: TokensState, event: WorkerEvent): Partial<TokensState> {
    return {
      loss: appendCurve(base.loss, event.newLoss),
      evalLoss: appendCurve(base.evalLoss, event.newEvalLoss),
      accuracy: appendCurve(base.accuracy, event.newAccuracy),
      evaluation: event.evaluation ?? base.evaluation,
      probe: event.probe ?? base.probe,
      numParameters: event.numParameters,
      activeParameters: event.activeParameters,
      capacity: event.capacity,
    };
  }
}

function makeTokensWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'moe-routing-tokens' });
}
