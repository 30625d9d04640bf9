/**
 * Page-side owner of the latency lab's Worker: sends measure requests (a newer one replaces an older
 * one) and folds the rows into plain state. No DOM: tests drive it through a fake port.
 */
import {
  WorkerController,
  type ControllerOptions,
  type RuntimeState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { Command, LatencyRequest, VariantTiming, WorkerEvent } from './protocol';

export interface LatencyLabState {
  request: LatencyRequest | null;
  phase: 'idle' | 'running' | 'done';
  progress: { step: string; done: number; total: number };
  rows: VariantTiming[];
}

export const INITIAL_STATE: LatencyLabState = {
  request: null,
  phase: 'idle',
  progress: { step: '', done: 0, total: 1 },
  rows: [],
};

export class LatencyLabController extends WorkerController<Command, WorkerEvent, LatencyLabState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeLatencyWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  measure(request: LatencyRequest): number {
    const run = this.startRun({ type: 'measure', request });
    this.update({ request, phase: 'running', progress: { step: 'loading', done: 0, total: 1 }, rows: [], error: null });
    return run;
  }

  protected receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'latency-progress':
        this.update({ progress: { step: event.step, done: event.done, total: event.total } });
        return;
      case 'latency-row':
        this.update({ rows: [...this.state.rows.filter((r) => r.id !== event.row.id), event.row] });
        return;
      case 'latency-done':
        this.update({ phase: 'done', rows: event.rows });
        return;
    }
  }

  protected isLoading(s: LatencyLabState & RuntimeState): boolean {
    return s.rows.length === 0 && s.error === null;
  }

  protected isRunning(s: LatencyLabState & RuntimeState): boolean {
    return s.phase === 'running';
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeLatencyWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'efficiency-latency' });
}
