/** The calibration lab's Worker: its studies (studies.ts), computed off the page's main thread. */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import type { Command, WorkerEvent } from './protocol';
import { calibrationServer } from './studies';

const studies = calibrationServer();

serveModelWorker<Command, WorkerEvent>({
  handle: (cmd, ctx) => studies.handle(cmd, ctx),
});
