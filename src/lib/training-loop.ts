/**
 * A training loop that can be played, paused, single-stepped and cancelled, and never hogs its thread:
 * it computes for at most `sliceMs`, then yields to the event loop so messages (Pause!) and rendering get
 * through. Reports go out at most every `reportEveryMs`, because drawing faster than ~10 Hz only costs
 * the training time it would show. No DOM: it runs in a Worker, on the main thread, and in Node tests.
 */

export type LoopPhase = 'idle' | 'running' | 'paused' | 'done' | 'cancelled';

export interface LoopState {
  phase: LoopPhase;
  /** Steps completed so far. */
  step: number;
  totalSteps: number;
  /** Steps per second over the time spent running (pauses excluded); 0 before the first slice. */
  stepsPerSecond: number;
}

export interface TrainingLoopOptions {
  totalSteps: number;
  /** One optimisation step. `index` counts from 0. */
  step: (index: number) => void | Promise<void>;
  /** Progress, throttled; always called when the loop pauses, finishes or is cancelled. */
  report: (state: LoopState) => void;
  reportEveryMs?: number;
  sliceMs?: number;
  signal?: AbortSignal;
  /** Injectable clock for tests. */
  now?: () => number;
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

export class TrainingLoop {
  private phase: LoopPhase = 'idle';
  private done = 0;
  private busyMs = 0;
  private runId = 0;
  private readonly opts: Required<Omit<TrainingLoopOptions, 'signal'>> & { signal?: AbortSignal };

  constructor(options: TrainingLoopOptions) {
    this.opts = {
      reportEveryMs: 100,
      sliceMs: 25,
      now: () => performance.now(),
      ...options,
    };
    options.signal?.addEventListener('abort', () => this.cancel(), { once: true });
  }

  get state(): LoopState {
    return {
      phase: this.phase,
      step: this.done,
      totalSteps: this.opts.totalSteps,
      stepsPerSecond: this.busyMs > 0 ? (1000 * this.done) / this.busyMs : 0,
    };
  }

  /** Runs until the step budget is spent, or until pause() / cancel(). Resolves when it stops. */
  async play(): Promise<void> {
    if (this.phase === 'running' || this.isFinished()) return;
    this.phase = 'running';
    const run = ++this.runId;
    const { now, sliceMs, reportEveryMs } = this.opts;
    let lastReport = -Infinity;
    while (this.phase === 'running' && run === this.runId && this.done < this.opts.totalSteps) {
      const sliceStart = now();
      while (now() - sliceStart < sliceMs && this.done < this.opts.totalSteps) {
        await this.opts.step(this.done);
        this.done++;
        if (this.phase !== 'running' || run !== this.runId) break;
      }
      this.busyMs += now() - sliceStart;
      if (now() - lastReport >= reportEveryMs) {
        lastReport = now();
        this.opts.report(this.state);
      }
      await yieldToEventLoop();
    }
    // cancel() may have run during an await above, whatever the narrowed type of `phase` says.
    if (run !== this.runId || (this.phase as LoopPhase) === 'cancelled') return;
    if (this.done >= this.opts.totalSteps) this.phase = 'done';
    this.opts.report(this.state);
  }

  pause(): void {
    if (this.phase !== 'running') return;
    this.phase = 'paused';
  }

  /** One step while idle or paused (the "Step" button). */
  async stepOnce(): Promise<void> {
    if (this.phase === 'running' || this.isFinished()) return;
    const start = this.opts.now();
    await this.opts.step(this.done);
    this.done++;
    this.busyMs += this.opts.now() - start;
    this.phase = this.done >= this.opts.totalSteps ? 'done' : 'paused';
    this.opts.report(this.state);
  }

  /** Stops for good; a running play() resolves after its current step. */
  cancel(): void {
    if (this.phase === 'cancelled') return;
    this.phase = 'cancelled';
    this.runId++;
    this.opts.report(this.state);
  }

  /** Raises the step budget (e.g. "train 500 more") and lets a finished loop play again. */
  extend(totalSteps: number): void {
    if (totalSteps <= this.opts.totalSteps || this.phase === 'cancelled') return;
    this.opts.totalSteps = totalSteps;
    if (this.phase === 'done') this.phase = 'paused';
  }

  private isFinished(): boolean {
    return this.phase === 'done' || this.phase === 'cancelled';
  }
}
