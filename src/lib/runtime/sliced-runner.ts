/**
 * The one way long work runs here, training and sampling alike: a sequence of steps computed in time
 * slices of at most `sliceMs`, with a yield to the event loop between slices so that messages (Pause,
 * a new setting) and rendering get through. Progress goes out at most every `reportEveryMs`, because
 * drawing faster than ~10 Hz only costs the compute time it would show. No DOM: it runs in a Worker,
 * on the main thread and in Node tests (with an injectable clock, so tests never time anything).
 *
 * A runner has a step budget and a phase:
 *
 *   idle ──play──▶ running ──pause / play's signal aborts──▶ paused ──play──▶ running ──▶ done
 *     └──────────────────────── cancel / the constructor's signal aborts ───────────────▶ cancelled
 *
 * Two signals, two meanings: the signal given to the constructor ends the runner for good (its owner
 * is gone: a new model, a closed page); the signal given to one play() only pauses it (the worker
 * server aborts the current run's signal when another run starts, and training must survive that).
 */

export type RunnerPhase = 'idle' | 'running' | 'paused' | 'done' | 'cancelled';

export interface RunnerState {
  phase: RunnerPhase;
  /** Steps completed so far. */
  step: number;
  totalSteps: number;
  /** Steps per second over the time spent computing (pauses and yields excluded); 0 before the first step. */
  stepsPerSecond: number;
  /** Milliseconds spent inside steps. */
  busyMs: number;
}

/** A runner's state before it has run: what a widget shows until its worker's first report. */
export const IDLE_PROGRESS: RunnerState = { phase: 'idle', step: 0, totalSteps: 0, stepsPerSecond: 0, busyMs: 0 };

export interface SlicedRunnerOptions {
  totalSteps: number;
  /** One step. `index` counts from 0. */
  step: (index: number) => void | Promise<void>;
  /** Progress, throttled; always called when the runner pauses, finishes or is cancelled. */
  report?: (state: RunnerState) => void;
  reportEveryMs?: number;
  sliceMs?: number;
  /** Aborting it cancels the runner for good. */
  signal?: AbortSignal;
  /** Injectable clock and yield, for tests. */
  now?: () => number;
  yieldToEventLoop?: () => Promise<void>;
}

/** Yields one macrotask. MessageChannel avoids the 4 ms clamp nested setTimeouts get in browsers. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class SlicedRunner {
  private phase: RunnerPhase = 'idle';
  private done = 0;
  private busyMs = 0;
  /** Bumped by every play, stepOnce and cancel, so a play() awaiting a step notices it was superseded. */
  private epoch = 0;
  private totalSteps: number;
  private readonly opts: Required<Omit<SlicedRunnerOptions, 'signal' | 'totalSteps'>>;

  constructor(options: SlicedRunnerOptions) {
    this.totalSteps = options.totalSteps;
    this.opts = {
      report: () => {},
      reportEveryMs: 100,
      sliceMs: 25,
      now: () => performance.now(),
      yieldToEventLoop,
      ...options,
    };
    if (options.signal?.aborted) this.phase = 'cancelled';
    options.signal?.addEventListener('abort', () => this.cancel(), { once: true });
  }

  get state(): RunnerState {
    return {
      phase: this.phase,
      step: this.done,
      totalSteps: this.totalSteps,
      stepsPerSecond: this.busyMs > 0 ? (1000 * this.done) / this.busyMs : 0,
      busyMs: this.busyMs,
    };
  }

  get finished(): boolean {
    return this.phase === 'done' || this.phase === 'cancelled';
  }

  /**
   * Runs until the step budget is spent, or until pause(), cancel() or `signal` (which pauses).
   * Resolves when it stops.
   */
  async play(signal?: AbortSignal): Promise<void> {
    if (this.phase === 'running' || this.finished || signal?.aborted) return;
    this.phase = 'running';
    const epoch = ++this.epoch;
    const onAbort = () => this.pause();
    signal?.addEventListener('abort', onAbort, { once: true });
    const { now, sliceMs, reportEveryMs, report } = this.opts;
    const live = () => this.phase === 'running' && epoch === this.epoch;
    let lastReport = -Infinity;
    try {
      while (live() && this.done < this.totalSteps) {
        const sliceStart = now();
        // At least one step per slice, whatever the clock says (a clock that jumps must not stall the run).
        do {
          await this.opts.step(this.done);
          this.done++;
          if (!live()) break;
        } while (now() - sliceStart < sliceMs && this.done < this.totalSteps);
        this.busyMs += now() - sliceStart;
        // The budget's end gets its own report below (phase done), not a "running" one at the last step.
        if (live() && this.done < this.totalSteps && now() - lastReport >= reportEveryMs) {
          lastReport = now();
          report(this.state);
        }
        if (live() && this.done < this.totalSteps) await this.opts.yieldToEventLoop();
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    // A newer play, stepOnce or cancel owns the phase (and reports for itself).
    if (epoch !== this.epoch) return;
    if (this.done >= this.totalSteps) this.phase = 'done';
    report(this.state);
  }

  /** Stops after the current step; the running play() then reports the paused state and resolves. */
  pause(): void {
    if (this.phase !== 'running') return;
    this.phase = 'paused';
  }

  /** One step while idle or paused (the "Step" button). */
  async stepOnce(): Promise<void> {
    if (this.phase === 'running' || this.finished) return;
    const epoch = ++this.epoch;
    const start = this.opts.now();
    await this.opts.step(this.done);
    this.done++;
    this.busyMs += this.opts.now() - start;
    if (epoch !== this.epoch || this.finished) return;
    this.phase = this.done >= this.totalSteps ? 'done' : 'paused';
    this.opts.report(this.state);
  }

  /** Stops for good; a running play() resolves after its current step. */
  cancel(): void {
    if (this.phase === 'cancelled') return;
    this.phase = 'cancelled';
    this.epoch++;
    this.opts.report(this.state);
  }

  /** Raises the step budget (e.g. "train 500 more") and lets a finished runner play again. */
  extend(totalSteps: number): void {
    if (totalSteps <= this.totalSteps || this.phase === 'cancelled') return;
    this.totalSteps = totalSteps;
    if (this.phase === 'done') this.phase = 'paused';
  }
}
