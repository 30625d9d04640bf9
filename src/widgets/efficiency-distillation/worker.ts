/**
 * The distillation lab's Worker: tfjs loads here, lazily, when the widget nears the viewport. One
 * command, distill (lab.ts); a newer one stops an older one between training steps.
 */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { isAbortError } from '../zoo-shared/assets';
import { ZooKit } from '../zoo-shared/kit';
import { runDistillation } from './lab';
import type { Command, WorkerEvent } from './protocol';

const zoo = new ZooKit();

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx) {
    if (cmd.type !== 'distill') return;
    const assets = zoo.attach(ctx);
    const run = ctx.begin(cmd.run);
    try {
      const result = await runDistillation(assets, cmd.request, {
        signal: run.signal,
        progress: (step, done, total) => run.post({ type: 'distill-progress', step, done, total }),
      });
      if (result) run.post({ type: 'distilled', result });
    } catch (err) {
      // A newer request stopped this one while it loaded: nothing to report.
      if (!isAbortError(err)) throw err;
    }
  },
});
