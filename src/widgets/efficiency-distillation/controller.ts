/**
 * Page-side owner of the distillation lab's Worker: sends distill requests (a newer one replaces an
 * older one) and folds the worker's events into plain state. No DOM: tests drive it through a fake port.
 */
import {
  WorkerController,
  type ControllerOptions,
  type RuntimeState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { Command, DistillRequest, DistillResult, WorkerEvent } from './protocol';

export interface DistillLabState {
  request: DistillRequest | null;
  phase: 'idle' | 'running' | 'done';
  progress: { step: string; done: number; total: number };
  result: DistillResult | null;
}

export const INITIAL_STATE: DistillLabState = {
  request: null,
  phase: 'idle',
  progress: { step: '', done: 0, total: 1 },
  result: null,
};

export class DistillLabController extends WorkerController<Command, WorkerEvent, DistillLabState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeDistillWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  distill(request: DistillRequest): number {
    const run = this.startRun({ type: 'distill', request });
    this.update({ request, phase: 'running', progress: { step: 'loading', done: 0, total: 1 }, error: null });
    return run;
  }

  protected receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'distill-progress':
        this.update({ progress: { step: event.step, done: event.done, total: event.total } });
        return;
      case 'distilled':
        this.update({ phase: 'done', result: event.result });
        return;
    }
  }

  protected isLoading(s: DistillLabState & RuntimeState): boolean {
    return s.result === null && s.error === null;
  }

  protected isRunning(s: DistillLabState & RuntimeState): boolean {
    return s.phase === 'running';
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeDistillWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'efficiency-distillation' });
}
