/**
 * The explorer's Worker: the zoo's shared commands (evaluate, classify, train) and nothing else. tfjs
 * loads here, lazily, when the widget nears the viewport (the runtime's server owns that).
 */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { ZooKit } from '../zoo-shared/kit';
import type { Command, WorkerEvent } from './protocol';

const zoo = new ZooKit();

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx) {
    await zoo.handle(cmd, ctx);
  },
});
