/**
 * Page-side owner of the explorer's Worker: the zoo's controller base (src/widgets/zoo-shared/
 * zoo-controller.ts: evaluate, classify, train, and Train / Pause / Step) with the explorer's readiness
 * rule. No DOM: tests drive it through a fake port.
 */
import type { ControllerOptions, RuntimeState, WorkerPort } from '../../lib/runtime/worker-controller';
import { ZooController } from '../zoo-shared/zoo-controller';
import { INITIAL_ZOO_STATE, type ZooState } from '../zoo-shared/zoo-state';
import type { Command, WorkerEvent } from './protocol';

export type ExplorerState = ZooState;

export const INITIAL_STATE: ExplorerState = INITIAL_ZOO_STATE;

export class ExplorerController extends ZooController<Command, WorkerEvent, ExplorerState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeExplorerWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Loading until the first answer for the reader's digit: the model (and the test digits) are in. */
  protected isLoading(s: ExplorerState & RuntimeState): boolean {
    return s.classified.result === null;
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeExplorerWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'zoo-explorer' });
}
