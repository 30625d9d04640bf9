/**
 * Worker side: Pause, Resume and Step for a training a study widget runs inside one of its requests (the
 * calibration lab's model trained here). The training is a SlicedRunner (zoo-shared/trainer.ts's
 * ZooTrainer) that the request awaits to its end; the gate drives it there: `play` while not paused, and
 * while paused it waits for Resume, or for Step (one runner step: one optimiser step on one batch). The
 * steps taken are the same steps in the same order whatever the pauses, so a paused run ends with the
 * weights an uninterrupted one has. Aborting the drive's signal (a reset, another model) stops it; the
 * owner of the runner then disposes it. No tensors here.
 */
import type { RunnerState } from '../../lib/runtime/sliced-runner';

export type GateAction = 'pause' | 'resume' | 'step';

/** What the gate drives: a SlicedRunner or its owner (ZooTrainer). */
export interface GatedRunner {
  readonly state: RunnerState;
  play(): Promise<void>;
  stepOnce(): Promise<void>;
  pause(): void;
}

export class TrainingGate {
  private paused = false;
  private runner: GatedRunner | null = null;
  private wake: ((action: 'resume' | 'step' | 'stop') => void) | null = null;

  get isPaused(): boolean {
    return this.paused;
  }

  /** Pause stops the runner after its current step; Step is ignored unless paused. */
  command(action: GateAction): void {
    if (action === 'pause') {
      this.paused = true;
      this.runner?.pause();
      return;
    }
    if (action === 'resume') this.paused = false;
    else if (!this.paused) return;
    const wake = this.wake;
    this.wake = null;
    wake?.(action);
  }

  /** Runs `runner` to its budget's end, or until `signal` aborts or the runner is cancelled. */
  async drive(runner: GatedRunner, signal?: AbortSignal): Promise<void> {
    this.runner = runner;
    const stop = () => {
      const wake = this.wake;
      this.wake = null;
      wake?.('stop');
    };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      while (!signal?.aborted && runner.state.phase !== 'done' && runner.state.phase !== 'cancelled') {
        if (!this.paused) {
          await runner.play();
          continue;
        }
        const next = await new Promise<'resume' | 'step' | 'stop'>((resolve) => (this.wake = resolve));
        if (next === 'step') await runner.stepOnce();
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      if (this.runner === runner) this.runner = null;
    }
  }
}
