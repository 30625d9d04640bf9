/**
 * Page-side owner of the quantization lab's Worker: sends quantize requests (a newer one replaces an
 * older one) and folds the worker's events into plain state. No DOM: tests drive it through a fake port.
 */
import {
  WorkerController,
  type ControllerOptions,
  type RuntimeState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { Command, QuantizeRequest, QuantizeResult, SweepRow, WorkerEvent } from './protocol';

export interface QuantLabState {
  request: QuantizeRequest | null;
  phase: 'idle' | 'running' | 'done';
  progress: { step: string; done: number; total: number };
  /** The sweep's rows of the request on show, by bits (high to low as they arrive). */
  rows: SweepRow[];
  result: QuantizeResult | null;
}

export const INITIAL_STATE: QuantLabState = {
  request: null,
  phase: 'idle',
  progress: { step: '', done: 0, total: 1 },
  rows: [],
  result: null,
};

export class QuantLabController extends WorkerController<Command, WorkerEvent, QuantLabState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeQuantLabWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Quantizes and scores under a new request; the rows and result of the old one go. */
  quantize(request: QuantizeRequest): number {
    const run = this.startRun({ type: 'quantize', request });
    this.update({ request, phase: 'running', progress: { step: 'loading', done: 0, total: 1 }, rows: [], error: null });
    return run;
  }

  protected receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'quantize-progress':
        this.update({ progress: { step: event.step, done: event.done, total: event.total } });
        return;
      case 'sweep-row':
        this.update({ rows: [...this.state.rows.filter((r) => r.bits !== event.row.bits), event.row] });
        return;
      case 'quantized':
        this.update({ phase: 'done', result: event.result });
        return;
    }
  }

  /** Loading until the first result is in (tfjs, the model and the test digits loaded, the first run scored). */
  protected isLoading(s: QuantLabState & RuntimeState): boolean {
    return s.result === null && s.error === null;
  }

  protected isRunning(s: QuantLabState & RuntimeState): boolean {
    return s.phase === 'running';
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeQuantLabWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'quantization-lab' });
}
