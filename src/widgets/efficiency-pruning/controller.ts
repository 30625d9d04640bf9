/**
 * Page-side owner of the pruning lab's Worker: sends prune and ticket requests (a newer one replaces an
 * older one) and folds the worker's events into plain state. No DOM: tests drive it through a fake port.
 */
import {
  WorkerController,
  type ControllerOptions,
  type RuntimeState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { TicketRow } from '../../ml/efficiency-pruning';
import type { Command, PruneRequest, PruneResult, PruneSweepRow, TicketRequest, WorkerEvent } from './protocol';

export interface PruneLabState {
  job: 'prune' | 'ticket' | null;
  phase: 'idle' | 'running' | 'done';
  progress: { step: string; done: number; total: number };
  /** The prune job's sweep (no fine-tuning), by sparsity, and its result. */
  rows: PruneSweepRow[];
  result: PruneResult | null;
  /** The ticket job's rows as they are measured, and whether all are in. */
  ticket: TicketRow[];
  ticketRequest: TicketRequest | null;
  ticketDone: boolean;
}

export const INITIAL_STATE: PruneLabState = {
  job: null,
  phase: 'idle',
  progress: { step: '', done: 0, total: 1 },
  rows: [],
  result: null,
  ticket: [],
  ticketRequest: null,
  ticketDone: false,
};

export class PruneLabController extends WorkerController<Command, WorkerEvent, PruneLabState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makePruneLabWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  prune(request: PruneRequest): number {
    const run = this.startRun({ type: 'prune', request });
    this.update({
      job: 'prune',
      phase: 'running',
      progress: { step: 'loading', done: 0, total: 1 },
      rows: [],
      error: null,
    });
    return run;
  }

  ticket(request: TicketRequest): number {
    const run = this.startRun({ type: 'ticket', request });
    this.update({
      job: 'ticket',
      phase: 'running',
      progress: { step: 'loading', done: 0, total: 1 },
      ticket: [],
      ticketRequest: request,
      ticketDone: false,
      error: null,
    });
    return run;
  }

  protected receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'prune-progress':
        this.update({ progress: { step: event.step, done: event.done, total: event.total } });
        return;
      case 'prune-row':
        this.update({
          rows: [...this.state.rows.filter((r) => r.sparsity !== event.row.sparsity), event.row].sort(
            (a, b) => a.sparsity - b.sparsity,
          ),
        });
        return;
      case 'pruned':
        this.update({ phase: 'done', result: event.result });
        return;
      case 'ticket-row':
        this.update({ ticket: [...this.state.ticket, event.row] });
        return;
      case 'ticket-done':
        this.update({ phase: 'done', ticket: event.rows, ticketDone: true });
        return;
    }
  }

  /** Loading until the first result of either job is in. */
  protected isLoading(s: PruneLabState & RuntimeState): boolean {
    return s.result === null && !s.ticketDone && s.ticket.length === 0 && s.error === null;
  }

  protected isRunning(s: PruneLabState & RuntimeState): boolean {
    return s.phase === 'running';
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makePruneLabWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'efficiency-pruning' });
}
