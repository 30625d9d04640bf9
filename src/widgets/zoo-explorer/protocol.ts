/**
 * Messages between the explorer's page code (controller.ts) and its Worker (worker.ts): exactly the
 * zoo's shared commands and events (src/widgets/zoo-shared/protocol.ts), served by ZooKit. The
 * explorer adds none of its own: what it does is what any chapter can do with the zoo.
 */
import type { ZooCommand, ZooEvent } from '../zoo-shared/protocol';

export type Command = ZooCommand;
export type WorkerEvent = ZooEvent;
