/**
 * The latency lab's Worker: tfjs loads here, lazily, on the page's backend. One command, measure
 * (lab.ts); a newer one stops an older one between models.
 */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { isAbortError } from '../zoo-shared/assets';
import { ZooKit } from '../zoo-shared/kit';
import { runLatency } from './lab';
import type { Command, WorkerEvent } from './protocol';

const zoo = new ZooKit();

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx) {
    if (cmd.type !== 'measure') return;
    const assets = zoo.attach(ctx);
    const run = ctx.begin(cmd.run);
    try {
      const rows = await runLatency(assets, cmd.request, {
        signal: run.signal,
        progress: (step, done, total) => run.post({ type: 'latency-progress', step, done, total }),
        row: (row) => run.post({ type: 'latency-row', row }),
      });
      if (rows) run.post({ type: 'latency-done', rows });
    } catch (err) {
      // A newer request stopped this one while it loaded: nothing to report.
      if (!isAbortError(err)) throw err;
    }
  },
});
