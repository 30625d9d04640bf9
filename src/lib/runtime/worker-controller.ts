/**
 * The page half of the runtime: the base of every model widget's controller. It owns the Worker (made
 * by a factory, because the `new Worker(new URL('./worker.ts', import.meta.url))` line must stay in the
 * widget's own file for Vite to bundle it), the init handshake, the backend and its fallbacks, errors,
 * the worker's tensor count, run numbering with stale-event dropping (see protocol.ts), and the
 * subscription the view listens to. A widget's controller adds its commands and folds its events into
 * its state in `receive`. No DOM: unit tests drive it through a fake port.
 */
import type { BackendName } from '../backend-choice';
import type { InRun, RuntimeEvent, Typed } from './protocol';
import type { RunnerState } from './sliced-runner';
import { deriveStatus, type WidgetStatus } from './status';

/** What the controller needs of a Worker (a fake in tests). */
export interface WorkerPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  terminate(): void;
}

/** The runtime's part of every model widget's state. */
export interface RuntimeState {
  /** Set once tfjs runs in the worker. */
  backend: BackendName | null;
  /** Backends tried first that failed, with why (shown to the reader). */
  fallbacks: string[];
  error: string | null;
  /** tf.memory().numTensors in the worker after its last command. */
  numTensors: number;
}

export const INITIAL_RUNTIME: RuntimeState = { backend: null, fallbacks: [], error: null, numTensors: 0 };

export interface ControllerOptions {
  backends: BackendName[];
  /** The site's base URL, for the worker's fetches. */
  baseUrl: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const MAIN_LANE = 'main';

export abstract class WorkerController<C extends Typed, E extends Typed, S extends object> {
  private readonly port: WorkerPort;
  private readonly listeners = new Set<(state: S & RuntimeState) => void>();
  private current: S & RuntimeState;
  private latestRun = 0;
  /** The newest run of the main lane, and of each other lane (see startRun). */
  private latestMain = 0;
  private readonly latestInLane = new Map<string, number>();
  private readonly laneOf = new Map<number, string>();
  private disposed = false;

  protected constructor(makeWorker: () => WorkerPort, options: ControllerOptions, initial: S) {
    this.current = { ...initial, ...INITIAL_RUNTIME };
    this.port = makeWorker();
    this.port.onmessage = (e: MessageEvent<E | RuntimeEvent>) => this.dispatch(e.data);
    this.port.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      this.fail(e.message || 'The worker failed to start.');
    };
    this.port.onmessageerror = () => this.fail('A message from the worker was unreadable.');
    this.port.postMessage({ type: 'init', backends: options.backends, baseUrl: options.baseUrl });
  }

  get state(): Readonly<S & RuntimeState> {
    return this.current;
  }

  /** The contract's status for the widget's root. */
  get status(): WidgetStatus {
    const s = this.current;
    return deriveStatus({
      error: s.error,
      started: s.backend !== null,
      loading: this.isLoading(s),
      running: this.isRunning(s),
    });
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: S & RuntimeState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends the worker and everything it holds (model, tensors, backend memory). */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.port.terminate();
  }

  /** Stops the worker's current run where it is. */
  protected abort(): void {
    this.send({ type: 'abort' } as unknown as C);
  }

  /** True while the widget cannot answer yet (weights, a model being built). */
  protected abstract isLoading(state: S & RuntimeState): boolean;
  /** True while long work runs. */
  protected abstract isRunning(state: S & RuntimeState): boolean;
  /** Folds one of the widget's own events (never a stale one) into the state. */
  protected abstract receive(event: E): void;

  protected send(command: C, transfer: Transferable[] = []): void {
    if (!this.disposed) this.port.postMessage(command, transfer);
  }

  /**
   * Starts a new run and returns its number (one counter per controller). A run of the main lane (a new
   * model) makes every earlier run stale; a run of another lane (say 'sampling', a job on the current
   * model) makes only that lane's earlier runs stale, so the model's own events (its training) go on.
   */
  protected startRun(command: DistributiveOmit<C, 'run'>, lane = MAIN_LANE): number {
    const run = ++this.latestRun;
    if (lane === MAIN_LANE) {
      this.latestMain = run;
      this.laneOf.clear();
      this.latestInLane.clear();
    } else {
      this.latestInLane.set(lane, run);
      this.laneOf.set(run, lane);
    }
    this.send({ ...command, run } as unknown as C);
    return run;
  }

  /** True for an event of a run that a newer run replaced. */
  private isStale(run: number): boolean {
    if (run < this.latestMain) return true;
    const lane = this.laneOf.get(run);
    return lane !== undefined && run < (this.latestInLane.get(lane) ?? 0);
  }

  protected update(patch: Partial<S & RuntimeState>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }

  /** Replaces the widget's part of the state (a new model: nothing measured on the old one stays). */
  protected reset(widgetState: S, patch: Partial<S> = {}): void {
    const { backend, fallbacks, numTensors } = this.current;
    this.current = { ...widgetState, ...patch, backend, fallbacks, numTensors, error: null };
    for (const listener of this.listeners) listener(this.current);
  }

  private dispatch(event: E | RuntimeEvent): void {
    if (this.disposed) return;
    const run = (event as Partial<{ run: unknown }>).run;
    if (typeof run === 'number' && this.isStale(run)) return;
    switch (event.type) {
      case 'backend': {
        const e = event as Extract<RuntimeEvent, { type: 'backend' }>;
        this.update({ backend: e.backend, fallbacks: e.fallbacks } as Partial<S & RuntimeState>);
        return;
      }
      case 'memory':
        this.update({ numTensors: (event as Extract<RuntimeEvent, { type: 'memory' }>).numTensors } as Partial<
          S & RuntimeState
        >);
        return;
      case 'error':
        this.fail((event as Extract<RuntimeEvent, { type: 'error' }>).message);
        return;
      default:
        this.receive(event as E);
    }
  }

  /** An error the widget shows; widgets may extend what else it clears (override and call super). */
  protected fail(message: string): void {
    this.update({ error: message } as Partial<S & RuntimeState>);
  }
}

/**
 * A controller whose worker trains a model step by step: Train / Resume sends `play`, Pause stops the
 * current run (the runtime's abort), Step sends `step`. The worker answers with its SlicedRunner.
 */
export abstract class TrainingController<C extends Typed, E extends Typed, S extends object> extends WorkerController<
  C | { type: 'play' } | { type: 'step' },
  E,
  S
> {
  play(): void {
    this.send({ type: 'play' });
  }

  pause(): void {
    this.abort();
  }

  step(): void {
    this.send({ type: 'step' });
  }
}

/** The part of a trained widget's state every snapshot sets: which model is on show, and its progress. */
export interface TrainingViewState {
  /** The model on show: null until the first snapshot of the newest configure arrives. */
  run: number | null;
  progress: RunnerState;
}

/** A snapshot event: progress of the run it belongs to, plus what the widget's `fold` reads. */
type SnapshotEvent = Typed & InRun & { progress: RunnerState };

/**
 * A training controller whose worker posts snapshots (see training-run.ts): each is folded into the
 * state, and the first snapshot of a newer run starts from the initial state, because a new run is a
 * new model and nothing measured on the old one may stay on show. Running means the runner runs.
 */
export abstract class SnapshotTrainingController<
  C extends Typed,
  E extends SnapshotEvent,
  S extends TrainingViewState,
> extends TrainingController<C, E, S> {
  protected constructor(
    makeWorker: () => WorkerPort,
    options: ControllerOptions,
    private readonly initial: S,
  ) {
    super(makeWorker, options, initial);
  }

  protected isRunning(s: S): boolean {
    return s.progress.phase === 'running';
  }

  protected receive(event: E): void {
    const base: S = event.run === this.state.run ? this.state : { ...this.initial, run: event.run };
    const next = { ...base, ...this.fold(base, event), progress: event.progress, error: null };
    this.update(next as Partial<S & RuntimeState>);
  }

  /** What this snapshot changes, given the state of its run so far (`base`). */
  protected abstract fold(base: Readonly<S>, event: E): Partial<S>;
}
