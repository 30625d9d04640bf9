/**
 * Page-side owner of the backdoor lab's Worker: the zoo's controller base with the lab's run (its own
 * lane: a new run replaces an older one) and stamp (its own lane). No DOM: tests drive it through a fake port.
 */
import type { ControllerOptions, RuntimeState, WorkerPort } from '../../lib/runtime/worker-controller';
import type { DigitRequest } from '../zoo-shared/protocol';
import { ZooController } from '../zoo-shared/zoo-controller';
import { INITIAL_ZOO_STATE, type ZooState } from '../zoo-shared/zoo-state';
import {
  RUN_LANE,
  STAMP_LANE,
  type BackdoorProgress,
  type BackdoorRequest,
  type BackdoorResult,
  type Command,
  type StampResult,
  type WorkerEvent,
} from './protocol';

export interface BackdoorState extends ZooState {
  progress: BackdoorProgress | null;
  /** The last finished run's result (it stays while a newer run trains, labelled as the older one's). */
  result: BackdoorResult | null;
  stamp: StampResult | null;
}

export const INITIAL_STATE: BackdoorState = { ...INITIAL_ZOO_STATE, progress: null, result: null, stamp: null };

export class BackdoorController extends ZooController<Command, WorkerEvent, BackdoorState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeBackdoorWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Poisons, retrains and checks (an older run stops); returns the run. */
  run(request: BackdoorRequest): number {
    const run = this.startRun({ type: 'backdoor-run', request }, RUN_LANE);
    this.update({
      progress: {
        phase: 'loading',
        request,
        step: 0,
        totalSteps: request.steps,
        stepsPerSecond: 0,
        poisoned: 0,
        loading: null,
      },
      stamp: null,
      error: null,
    });
    return run;
  }

  /** One digit through the backdoored model, without and with the trigger. */
  stampDigit(digit: DigitRequest): number {
    return this.startRun({ type: 'backdoor-stamp', digit }, STAMP_LANE);
  }

  protected receiveOwn(event: Exclude<WorkerEvent, { type: `zoo-${string}` }>): void {
    if (event.type === 'backdoor-progress') this.update({ progress: event.progress });
    else if (event.type === 'backdoor-result') {
      const progress = this.state.progress && { ...this.state.progress, phase: 'done' as const };
      this.update({ result: event.result, progress });
    } else if (event.type === 'backdoor-stamped') this.update({ stamp: event.result });
  }

  /** Ready once the worker is up (a run starts on request). */
  protected isLoading(s: BackdoorState & RuntimeState): boolean {
    return s.backend === null;
  }

  protected isRunning(s: BackdoorState & RuntimeState): boolean {
    const p = s.progress;
    return p !== null && (p.phase === 'loading' || p.phase === 'running' || p.phase === 'checking');
  }
}

function makeBackdoorWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'security-backdoor' });
}
