/**
 * The pruning lab's Worker: tfjs loads here, lazily, when the widget nears the viewport. Two commands,
 * prune and ticket (lab.ts); a newer one stops an older one between batches or training steps.
 */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { isAbortError } from '../zoo-shared/assets';
import { ZooKit } from '../zoo-shared/kit';
import { runPruning, runTicket } from './lab';
import type { Command, WorkerEvent } from './protocol';

const zoo = new ZooKit();

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx) {
    if (cmd.type !== 'prune' && cmd.type !== 'ticket') return;
    const assets = zoo.attach(ctx);
    const run = ctx.begin(cmd.run);
    const progress = (step: string, done: number, total: number) =>
      run.post({ type: 'prune-progress', step, done, total });
    try {
      if (cmd.type === 'prune') {
        const result = await runPruning(assets, cmd.request, {
          signal: run.signal,
          progress,
          row: (row) => run.post({ type: 'prune-row', request: cmd.request, row }),
        });
        if (result) run.post({ type: 'pruned', result });
      } else {
        const rows = await runTicket(assets, cmd.request, {
          signal: run.signal,
          progress,
          ticketRow: (row) => run.post({ type: 'ticket-row', request: cmd.request, row }),
        });
        if (rows) run.post({ type: 'ticket-done', request: cmd.request, rows });
      }
    } catch (err) {
      // A newer request stopped this one while it loaded: nothing to report.
      if (!isAbortError(err)) throw err;
    }
  },
});
