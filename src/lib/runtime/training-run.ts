/**
 * The worker half of a widget that trains a model step by step: what the attention playground, the
 * MoE widgets and the denoiser lab have in common, so that none of them writes it again.
 *
 * - `SlicedTrainingRun`: one model (a session: model, optimiser, data) trained by a SlicedRunner, with
 *   a held-out evaluation every `evalEvery` steps and at the last step, and throttled snapshots;
 *   disposing it cancels the runner and frees the session's tensors.
 * - `isTrainingCommand` / `runTrainingCommand`: `play` trains the current run under the server's
 *   current-run signal, so Pause (the runtime's `abort`) or any newer run stops it between slices;
 *   `step` first stops a running play (a new run of the same model) and then does one step.
 * - `Throttle`: "at most every N ms, or now if forced", for work a snapshot may carry (re-inspecting the
 *   reader's input, recomputing a field) that costs more than the snapshot itself.
 */
import type { RunnerState } from './sliced-runner';
import { SlicedRunner } from './sliced-runner';
import type { Disposable, ServerContext } from './worker-server';

/** Four redraws a second keep curves live without spending the page's time on drawing. */
export const DEFAULT_REPORT_EVERY_MS = 250;

/** A run the training commands can drive. `runner` is null while the run cannot train (e.g. no data). */
export interface TrainableRun extends Disposable {
  readonly id: number;
  readonly runner: SlicedRunner | null;
}

/** The two commands every training widget's worker takes besides its own. */
export type TrainingCommand = { type: 'play' } | { type: 'step' };

export function isTrainingCommand(command: { type: string }): command is TrainingCommand {
  return command.type === 'play' || command.type === 'step';
}

/** Plays or steps the current session's runner (see the header). */
export async function runTrainingCommand<E, R extends TrainableRun>(
  command: TrainingCommand,
  ctx: ServerContext<E, R>,
): Promise<void> {
  const run = ctx.session;
  if (!run?.runner) return;
  const { signal } = ctx.begin(run.id);
  if (command.type === 'play') await run.runner.play(signal);
  else await run.runner.stepOnce();
}

/** What a session must offer to be trained here: a step counter and a dispose. */
export interface TrainableSession extends Disposable {
  readonly steps: number;
}

export interface TrainingRunOptions {
  /** The step budget. */
  totalSteps: number;
  /** A held-out evaluation every this many steps (and at the last step). */
  evalEvery: number;
  reportEveryMs?: number;
}

/**
 * One model being trained. A subclass says what a step records (`recordStep`), what an evaluation
 * measures (`evaluate`, which it also calls once at the end of its own constructor, for step 0) and
 * what a snapshot carries (`snapshot`). The base never posts for a cancelled runner: that run's model
 * was replaced, and nothing of it should reach the page.
 */
export abstract class SlicedTrainingRun<S extends TrainableSession> implements TrainableRun {
  readonly runner: SlicedRunner;

  protected constructor(
    readonly id: number,
    readonly session: S,
    options: TrainingRunOptions,
  ) {
    const { totalSteps, evalEvery } = options;
    this.runner = new SlicedRunner({
      totalSteps,
      step: () => {
        this.recordStep();
        const n = session.steps;
        if (n % evalEvery === 0 || n === totalSteps) this.evaluate();
      },
      report: () => this.report(),
      reportEveryMs: options.reportEveryMs ?? DEFAULT_REPORT_EVERY_MS,
    });
  }

  /** Posts what is new since the last snapshot; `force` asks for the optional costly parts too. */
  report(force = false): void {
    const progress = this.runner.state;
    if (progress.phase !== 'cancelled') this.snapshot(progress, force);
  }

  dispose(): void {
    this.runner.cancel();
    this.session.dispose();
  }

  /** One optimiser step of the session, and what it measured. */
  protected abstract recordStep(): void;
  /** A held-out evaluation of the session as it is now. */
  protected abstract evaluate(): void;
  protected abstract snapshot(progress: RunnerState, force: boolean): void;
}

/** True at most every `everyMs` (by the injectable clock), or whenever forced. */
export class Throttle {
  private last = -Infinity;

  constructor(
    private readonly everyMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  due(force = false): boolean {
    const t = this.now();
    if (!force && t - this.last < this.everyMs) return false;
    this.last = t;
    return true;
  }
}
