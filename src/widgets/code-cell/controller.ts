/**
 * Page-side owner of a code cell's sandbox. The runtime's controller base (SandboxConnection below)
 * owns one Worker: init handshake, backend, errors, run numbers. A run that exceeds the cell's time
 * limit, or that the reader stops, can only be ended by terminating that Worker (a `while (true) {}`
 * never yields), so CellController keeps a connection it can throw away: it starts a timer with every
 * run, and on Stop or at the limit terminates the Worker and makes a new one (fresh tfjs, the same
 * bindings). It does the same when a run reports that the sandbox should be replaced (memory).
 * No DOM: tests/unit/code-cell-controller.test.ts drives it through fake ports and a fake clock.
 */
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import {
  INITIAL_RUNTIME,
  WorkerController,
  type ControllerOptions,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { WidgetStatus } from '../../lib/runtime/status';
import type { BindingSet } from './binding-docs';
import type { RunResult } from './output';
import type { Command, WorkerEvent } from './protocol';

export type CellPhase = 'starting' | 'ready' | 'running' | 'restarting';

export interface CellState {
  phase: CellPhase;
  /** The newest finished run's result (null before the first, and after Stop). */
  result: RunResult | null;
  /** Set when the newest run was ended by the page: by Stop, or at the time limit. */
  stopped: { reason: 'stop' | 'limit'; afterMs: number } | null;
  /** Runs finished (with output or stopped). */
  runs: number;
  /** From Run to its output arriving on the page, ms (tfjs already loaded). */
  lastRunMs: number | null;
  /** performance.now() when the current run started (for an elapsed-time display). */
  runStartedAt: number | null;
  /** Names the sandbox confirmed it binds. */
  names: string[];
  /** Why the sandbox was last replaced, shown once. */
  restartReason: string | null;
  /** Sandboxes made so far (1 at the start). */
  sandboxes: number;
}

export const INITIAL_CELL: CellState = {
  phase: 'starting',
  result: null,
  stopped: null,
  runs: 0,
  lastRunMs: null,
  runStartedAt: null,
  names: [],
  restartReason: null,
  sandboxes: 0,
};

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface CellOptions extends ControllerOptions {
  sets: BindingSet[];
  /** The run's time limit, ms. */
  limitMs: number;
}

interface ConnectionState {
  configured: boolean;
}

/** One sandbox Worker, on the runtime's base. Its events go to the cell controller. */
class SandboxConnection extends WorkerController<Command, WorkerEvent, ConnectionState> {
  constructor(
    makeWorker: () => WorkerPort,
    options: CellOptions,
    private readonly onEvent: (event: WorkerEvent) => void,
  ) {
    super(makeWorker, options, { configured: false });
    this.send({ type: 'configure', sets: options.sets });
  }

  run(code: string): number {
    return this.startRun({ type: 'run', code });
  }

  protected isLoading(s: ConnectionState): boolean {
    return !s.configured;
  }

  protected isRunning(): boolean {
    return false;
  }

  protected receive(event: WorkerEvent): void {
    if (event.type === 'configured') this.update({ configured: true });
    this.onEvent(event);
  }
}

export class CellController {
  private connection!: SandboxConnection;
  private unsubscribe: () => void = () => {};
  private cell: CellState = INITIAL_CELL;
  private runtime: RuntimeState = INITIAL_RUNTIME;
  private readonly listeners = new Set<(state: CellState & RuntimeState) => void>();
  private timer: unknown = null;
  private currentRun: number | null = null;
  private disposed = false;

  constructor(
    private options: CellOptions,
    private readonly makeWorker: () => WorkerPort = makeCellWorker,
    private readonly clock: Clock = REAL_CLOCK,
  ) {
    this.connect();
  }

  get state(): CellState & RuntimeState {
    return { ...this.cell, ...this.runtime };
  }

  get status(): WidgetStatus {
    if (this.runtime.error) return 'error';
    if (this.cell.phase === 'running') return 'running';
    return this.cell.phase === 'ready' ? 'ready' : 'loading';
  }

  subscribe(listener: (state: CellState & RuntimeState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The time limit of later runs. */
  setLimit(limitMs: number): void {
    this.options = { ...this.options, limitMs };
  }

  /** Runs the code; ignored unless the sandbox is ready (one run at a time). */
  run(code: string): void {
    if (this.cell.phase !== 'ready' || this.disposed) return;
    this.currentRun = this.connection.run(code);
    const startedAt = this.clock.now();
    this.update({ phase: 'running', runStartedAt: startedAt, stopped: null, restartReason: null });
    const limitMs = this.options.limitMs;
    this.timer = this.clock.setTimeout(() => this.halt('limit', limitMs), limitMs);
  }

  /** Stops the running code (the reader's Stop). */
  stop(): void {
    if (this.cell.phase !== 'running') return;
    this.halt('stop', this.clock.now() - (this.cell.runStartedAt ?? this.clock.now()));
  }

  /** Forgets the last output (Reset). */
  clearOutput(): void {
    this.update({ result: null, stopped: null, restartReason: null });
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.listeners.clear();
    this.unsubscribe();
    this.connection.dispose();
  }

  private connect(): void {
    this.connection = new SandboxConnection(this.makeWorker, this.options, (e) => this.onEvent(e));
    this.unsubscribe = this.connection.subscribe((s) => {
      this.runtime = { backend: s.backend, fallbacks: s.fallbacks, error: s.error, numTensors: s.numTensors };
      // A sandbox that fails while a run is waiting for it: the run is over.
      if (s.error && this.cell.phase === 'running') {
        this.clearTimer();
        this.cell = { ...this.cell, phase: 'ready', runStartedAt: null };
      }
      this.emit();
    });
    this.cell = { ...this.cell, sandboxes: this.cell.sandboxes + 1 };
  }

  /** Terminates the Worker (the only way to stop a synchronous loop) and starts a fresh one. */
  private halt(reason: 'stop' | 'limit', afterMs: number): void {
    this.clearTimer();
    this.currentRun = null;
    this.cell = { ...this.cell, stopped: { reason, afterMs }, result: null, runs: this.cell.runs + 1 };
    this.restart(null);
  }

  private restart(reason: string | null): void {
    this.unsubscribe();
    this.connection.dispose();
    this.runtime = { ...INITIAL_RUNTIME, backend: null };
    this.cell = { ...this.cell, phase: 'restarting', runStartedAt: null, restartReason: reason };
    this.connect();
    this.emit();
  }

  private onEvent(event: WorkerEvent): void {
    if (this.disposed) return;
    switch (event.type) {
      case 'configured':
        this.update({ phase: this.cell.phase === 'running' ? 'running' : 'ready', names: event.names });
        return;
      case 'result': {
        if (event.run !== this.currentRun) return;
        this.clearTimer();
        this.currentRun = null;
        const startedAt = this.cell.runStartedAt ?? this.clock.now();
        this.cell = {
          ...this.cell,
          phase: 'ready',
          result: event.result,
          runs: this.cell.runs + 1,
          lastRunMs: this.clock.now() - startedAt,
          runStartedAt: null,
        };
        if (event.result.restart) {
          this.restart('The sandbox used too much memory, or tfjs failed in it, so it was replaced by a fresh one.');
        } else this.emit();
        return;
      }
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private update(patch: Partial<CellState>): void {
    this.cell = { ...this.cell, ...patch };
    this.emit();
  }

  private emit(): void {
    const state = this.state;
    for (const listener of this.listeners) listener(state);
  }
}

/** Vite bundles the sandbox and its imports (tfjs, sucrase, the bindings) as a separate module graph. */
function makeCellWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'code-cell' });
}
