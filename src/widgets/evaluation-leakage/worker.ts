/** The leakage lab's Worker: its studies (studies.ts), trained off the page's main thread. */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import type { Command, WorkerEvent } from './protocol';
import { LeakageStudies } from './studies';

const studies = new LeakageStudies();

serveModelWorker<Command, WorkerEvent>({
  handle: (cmd, ctx) => studies.handle(cmd, ctx),
});
