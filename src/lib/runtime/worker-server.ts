/**
 * The worker half of the runtime. A widget's worker.ts calls `serveModelWorker` with its commands;
 * the server owns what every model worker needs and no widget should write again:
 *
 * - `init`: loads tfjs lazily (the first backend in the page's order that starts) and says which;
 * - the current run: `begin(run)` stops whatever was computing (its AbortSignal fires) and returns the
 *   new run's signal and a `post` that tags events with the run's number; `abort` stops it;
 * - the current session (model, optimiser, data): `replaceSession` disposes the old one first, and drops
 *   a new one whose construction (a weights download) was overtaken by a newer request;
 * - errors: a handler that throws becomes an `error` event (with its run), never a dead worker;
 * - memory: tf.memory() is reported after every command, so leaks show on the page and in tests.
 */
import type { BackendName } from '../backend-choice';
import { loadTf, type Tf } from '../tf-runtime';
import { errorMessage, type RuntimeCommand, type RuntimeEvent, type Typed } from './protocol';

type Post<E> = (event: E, transfer?: Transferable[]) => void;

export interface ActiveRun<E> {
  readonly id: number;
  /** Aborted when another run begins, on `abort`, and when the session is replaced. */
  readonly signal: AbortSignal;
  /** Posts an event of this run (the run number is added). */
  post(event: DistributiveOmit<E, 'run'>, transfer?: Transferable[]): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface Disposable {
  dispose(): void;
}

export interface ServerContext<E, S extends Disposable> {
  readonly tf: Tf;
  readonly backend: BackendName;
  /** The site's base URL (ends with /), for fetching weights and data. */
  readonly baseUrl: string;
  /** The current session, if any. */
  readonly session: S | null;
  /** Stops the current run and starts run `id`. */
  begin(id: number): ActiveRun<E>;
  /** The run in progress (not yet aborted), if any. */
  readonly run: ActiveRun<E> | null;
  /** Stops the current run, if any. */
  abort(): void;
  /**
   * Replaces the session: stops the current run, disposes the old session, then builds the new one.
   * Resolves to null (and disposes what was built) when a newer replaceSession started meanwhile.
   */
  replaceSession(make: () => S | Promise<S>): Promise<S | null>;
  /** Posts an event that belongs to no run. */
  post: Post<E>;
}

export interface ModelWorker<C extends Typed, E, S extends Disposable> {
  /** After tfjs has loaded (e.g. fetch weights). */
  init?(ctx: ServerContext<E, S>): void | Promise<void>;
  /** One of the widget's own commands. May be async; runs of long work should `begin` a run. */
  handle(command: C, ctx: ServerContext<E, S>): unknown;
}

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/**
 * Serves a model widget in this Worker. `scope` is injectable for tests (default: the worker's global).
 * Commands are handled in arrival order; an async handler may still be running when the next command
 * arrives (that is how Pause reaches a training run: between its slices).
 */
export function serveModelWorker<C extends Typed, E extends Typed, S extends Disposable = Disposable>(
  worker: ModelWorker<C, E | RuntimeEvent, S>,
  scope: WorkerScope = self as unknown as WorkerScope,
): void {
  type Ev = E | RuntimeEvent;
  const postRaw = (event: Ev, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
  let ctx: Context<Ev, S> | null = null;
  let ready: Promise<Context<Ev, S>> | null = null;

  const reportMemory = () => {
    if (!ctx) return;
    const m = ctx.tf.memory();
    postRaw({ type: 'memory', numTensors: m.numTensors, numBytes: m.numBytes });
  };
  const fail = (err: unknown, run?: number) =>
    postRaw(
      run === undefined
        ? { type: 'error', message: errorMessage(err) }
        : { type: 'error', message: errorMessage(err), run },
    );

  scope.onmessage = (e: MessageEvent<C | RuntimeCommand>) => {
    const command = e.data;
    const tagged = (command as unknown as Partial<{ run: unknown }>).run;
    const run = typeof tagged === 'number' ? tagged : undefined;
    const work = async () => {
      if (command.type === 'init') {
        const init = command as Extract<RuntimeCommand, { type: 'init' }>;
        ready ??= (async () => {
          const loaded = await loadTf(init.backends);
          ctx = new Context<Ev, S>(loaded.tf, loaded.backend, init.baseUrl.replace(/\/?$/, '/'), postRaw);
          postRaw({ type: 'backend', backend: loaded.backend, fallbacks: loaded.fallbacks });
          await worker.init?.(ctx);
          return ctx;
        })();
        await ready;
        return;
      }
      if (!ready) throw new Error('The worker got a command before it was started.');
      const c = await ready;
      if (command.type === 'abort') c.abort();
      else await worker.handle(command as C, c);
    };
    work()
      .catch((err: unknown) => fail(err, run))
      .finally(reportMemory);
  };
}

class Context<E, S extends Disposable> implements ServerContext<E, S> {
  session: S | null = null;
  run: ActiveRun<E> | null = null;
  private current: AbortController | null = null;
  private sessions = 0;

  constructor(
    readonly tf: Tf,
    readonly backend: BackendName,
    readonly baseUrl: string,
    readonly post: Post<E>,
  ) {}

  begin(id: number): ActiveRun<E> {
    this.abort();
    const controller = new AbortController();
    this.current = controller;
    const post = this.post;
    const run: ActiveRun<E> = {
      id,
      signal: controller.signal,
      post: (event, transfer) => post({ ...event, run: id } as E, transfer),
    };
    this.run = run;
    controller.signal.addEventListener('abort', () => {
      if (this.run === run) this.run = null;
    });
    return run;
  }

  abort(): void {
    this.current?.abort();
    this.current = null;
    this.run = null;
  }

  async replaceSession(make: () => S | Promise<S>): Promise<S | null> {
    const mine = ++this.sessions;
    this.abort();
    this.session?.dispose();
    this.session = null;
    const made = await make();
    if (mine !== this.sessions) {
      made.dispose();
      return null;
    }
    this.session = made;
    return made;
  }
}
