/**
 * The quantization lab's Worker: tfjs loads here, lazily, when the widget nears the viewport. One
 * command, quantize (lab.ts); a newer one stops an older one between test batches.
 */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { isAbortError } from '../zoo-shared/assets';
import { ZooKit } from '../zoo-shared/kit';
import { runQuantization } from './lab';
import type { Command, WorkerEvent } from './protocol';

const zoo = new ZooKit();

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx) {
    if (cmd.type !== 'quantize') return;
    const assets = zoo.attach(ctx);
    const run = ctx.begin(cmd.run);
    try {
      const result = await runQuantization(assets, cmd.request, {
        signal: run.signal,
        progress: (step, done, total) => run.post({ type: 'quantize-progress', step, done, total }),
        row: (row) => run.post({ type: 'sweep-row', request: cmd.request, row }),
      });
      if (result) run.post({ type: 'quantized', result });
    } catch (err) {
      // A newer request stopped this one while it loaded: nothing to report.
      if (!isAbortError(err)) throw err;
    }
  },
});
