/**
 * Page-side owner of the leakage lab's Worker: one study per press of Train (a newer one replaces an
 * older; Stop cancels it), each protocol's scores folded in as they arrive. No DOM: tests drive it through a fake port.
 */
import {
  WorkerController,
  type ControllerOptions,
  type RuntimeState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { LeakProtocolId, LeakResult, LeakSettings } from '../../ml/evaluation-leakage';
import type { Command, WorkerEvent } from './protocol';

export interface LeakageState {
  settings: LeakSettings | null;
  results: Partial<Record<LeakProtocolId, LeakResult>>;
  progress: { done: number; total: number; protocol: LeakProtocolId; stepsPerSecond: number } | null;
  done: boolean;
  computeMs: number | null;
}

export const INITIAL_STATE: LeakageState = {
  settings: null,
  results: {},
  progress: null,
  done: false,
  computeMs: null,
};

export const sameSettings = (a: LeakSettings | null, b: LeakSettings) =>
  !!a &&
  a.model === b.model &&
  a.sources === b.sources &&
  a.copies === b.copies &&
  a.steps === b.steps &&
  a.seed === b.seed;

export class LeakageController extends WorkerController<Command, WorkerEvent, LeakageState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeLeakageWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Trains every protocol at these settings (nothing is sent if they are the newest already). */
  study(settings: LeakSettings): void {
    if (sameSettings(this.state.settings, settings)) return;
    this.startRun({ type: 'leak-study', settings });
    this.update({ settings, results: {}, progress: null, done: false, computeMs: null, error: null });
  }

  /** Stops the study in progress (its finished protocols stay on show). */
  stop(): void {
    if (!this.state.settings || this.state.done) return;
    this.abort();
    this.update({ settings: null, progress: null });
  }

  /** Forgets the results (the settings changed: they no longer describe what the controls say). */
  clear(): void {
    if (this.state.settings && !this.state.done) this.abort();
    this.update({ settings: null, results: {}, progress: null, done: false, computeMs: null });
  }

  protected receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'leak-progress':
        this.update({
          progress: {
            done: event.done,
            total: event.total,
            protocol: event.protocol,
            stepsPerSecond: event.stepsPerSecond,
          },
        });
        break;
      case 'leak-result':
        this.update({ results: { ...this.state.results, [event.id]: event.result } });
        break;
      case 'leak-done':
        this.update({ done: true, progress: null, computeMs: event.computeMs });
        break;
    }
  }

  /** Loading only until the worker has started (the runtime's part): then running until every protocol is in. */
  protected isLoading(): boolean {
    return false;
  }

  /** Running from Train until every protocol is in (or Stop). */
  protected isRunning(s: LeakageState & RuntimeState): boolean {
    return !!s.settings && !s.done;
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeLeakageWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'evaluation-leakage' });
}
