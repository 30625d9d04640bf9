/**
 * Page-side owner of dense versus sparse's Worker: commands out, snapshots folded into one state. Each
 * `configure` is a new run (two new models). No DOM.
 */
import { IDLE_PROGRESS } from '../../lib/runtime/sliced-runner';
import {
  SnapshotTrainingController,
  type ControllerOptions,
  type TrainingViewState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { DenseSparseCounts } from '../../ml/moe-dense-sparse';
import type { Command, CostPoint, DsRunConfig, WorkerEvent } from './protocol';

export interface DsState extends TrainingViewState {
  points: CostPoint[];
  counts: DenseSparseCounts | null;
  msPerStep: { dense: number; moe: number };
  moeCv: number;
  moeDropped: number;
}

export const INITIAL_STATE: DsState = {
  run: null,
  progress: IDLE_PROGRESS,
  points: [],
  counts: null,
  msPerStep: { dense: 0, moe: 0 },
  moeCv: 0,
  moeDropped: 0,
};

export class DenseSparseController extends SnapshotTrainingController<Command, WorkerEvent, DsState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeDsWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  configure(config: DsRunConfig): void {
    this.startRun({ type: 'configure', config });
  }

  protected isLoading(s: DsState): boolean {
    return s.counts === null;
  }

  protected fold(base: DsState, event: WorkerEvent): Partial<DsState> {
    return {
      points: event.newPoints.length ? base.points.concat(event.newPoints) : base.points,
      counts: event.counts,
      msPerStep: event.msPerStep,
      moeCv: event.moeCv,
      moeDropped: event.moeDropped,
    };
  }
}

function makeDsWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'moe-dense-sparse' });
}
