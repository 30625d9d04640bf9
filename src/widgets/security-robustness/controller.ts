/**
 * Page-side owner of the robustness curve's Worker: the zoo's controller base with the curve (its own
 * lane: a new curve replaces an older one). No DOM: tests drive it through a fake port.
 */
import type { ControllerOptions, RuntimeState, WorkerPort } from '../../lib/runtime/worker-controller';
import { ZooController } from '../zoo-shared/zoo-controller';
import { INITIAL_ZOO_STATE, type ZooState } from '../zoo-shared/zoo-state';
import { CURVE_LANE, type Command, type CurveProgress, type CurveRequest, type WorkerEvent } from './protocol';

export interface RobustnessState extends ZooState {
  curve: CurveProgress | null;
}

export const INITIAL_STATE: RobustnessState = { ...INITIAL_ZOO_STATE, curve: null };

export class RobustnessController extends ZooController<Command, WorkerEvent, RobustnessState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeCurveWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Computes a curve (an older one stops); returns the run. */
  compute(request: CurveRequest): number {
    const run = this.startRun({ type: 'curve', request }, CURVE_LANE);
    this.update({
      curve: { phase: 'loading', request, done: 0, total: 0, points: [], computeMs: 0, loading: null },
      error: null,
    });
    return run;
  }

  protected receiveOwn(event: Exclude<WorkerEvent, { type: `zoo-${string}` }>): void {
    if (event.type === 'curve-progress') this.update({ curve: event.progress });
  }

  /** Ready once the worker is up (the curve is computed on request). */
  protected isLoading(s: RobustnessState & RuntimeState): boolean {
    return s.backend === null;
  }

  protected isRunning(s: RobustnessState & RuntimeState): boolean {
    return s.curve !== null && (s.curve.phase === 'loading' || s.curve.phase === 'running');
  }
}

function makeCurveWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'security-robustness' });
}
