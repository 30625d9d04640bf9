/** The calibration lab's Worker: the zoo's shared commands (it scores a model on a split). */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { ZooKit } from '../zoo-shared/kit';
import type { Command, WorkerEvent } from './protocol';

const zoo = new ZooKit();

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx) {
    await zoo.handle(cmd, ctx);
  },
});
