/**
 * Page-side owner of the lab's Worker: the zoo's controller base with the lab's attack (its own lane:
 * a new attack replaces an older one, whose answer is dropped). No DOM: tests drive it through a fake port.
 */
import type { ControllerOptions, RuntimeState, WorkerPort } from '../../lib/runtime/worker-controller';
import { ZooController } from '../zoo-shared/zoo-controller';
import { INITIAL_ZOO_STATE, type ZooState } from '../zoo-shared/zoo-state';
import { ATTACK_LANE, type AttackRequest, type AttackResult, type Command, type WorkerEvent } from './protocol';

export interface AttackLabState extends ZooState {
  /** True from a request until its answer. */
  pending: boolean;
  attack: AttackResult | null;
}

export const INITIAL_STATE: AttackLabState = { ...INITIAL_ZOO_STATE, pending: false, attack: null };

export class AttackLabController extends ZooController<Command, WorkerEvent, AttackLabState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeAttackWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Attacks one digit (the previous result shows until the new one arrives); returns the run. */
  attack(request: AttackRequest): number {
    const run = this.startRun({ type: 'attack', request }, ATTACK_LANE);
    this.update({ pending: true, error: null });
    return run;
  }

  protected receiveOwn(event: Exclude<WorkerEvent, { type: `zoo-${string}` }>): void {
    if (event.type === 'attacked') this.update({ pending: false, attack: event.result });
  }

  /** Loading until the first attack's answer: the models and the test digits are in. */
  protected isLoading(s: AttackLabState & RuntimeState): boolean {
    return s.attack === null;
  }

  protected isRunning(s: AttackLabState & RuntimeState): boolean {
    return s.pending && s.attack !== null;
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeAttackWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'security-attack-lab' });
}
