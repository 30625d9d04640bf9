/**
 * Worker side: live training of any zoo model, from scratch or from shipped weights (fine-tuning), as
 * a SlicedRunner over src/ml/zoo/training.ts's ZooTrainingSession: Train / Pause / Step / more steps,
 * with the curves posted a piece at a time (CurveBuffer) and the held-out accuracy measured every few
 * steps on a validation split. One trainer owns its session (model, optimiser): dispose() frees both.
 *
 *   const trainer = new ZooTrainer({ training: liveRecipe('cnn', { steps: 300 }), train, totalSteps: 300,
 *     validation: { split: validation, every: 50 }, report: (s) => run.post({ type: 'snapshot', ...s }) });
 *   await trainer.play(run.signal);   // run.signal aborting pauses; trainer.dispose() ends it
 */
import { CurveBuffer } from '../../lib/runtime/curve';
import type { StepPoint } from '../../lib/runtime/protocol';
import { SlicedRunner, type RunnerState, type SlicedRunnerOptions } from '../../lib/runtime/sliced-runner';
import type { DigitSplit } from '../../math/digit-split';
import type { ZooModelName } from '../../math/zoo';
import { evaluateSplit } from '../../ml/zoo/evaluation';
import type { ZooModel } from '../../ml/zoo/models';
import { ZOO_RECIPES } from '../../ml/zoo/recipes';
import { ZooTrainingSession, type ZooTrainingOptions } from '../../ml/zoo/training';

/** What the trainer reports: the runner's state and what is new since the last report. */
export interface TrainingSnapshot {
  /**
   * The runner's state; its stepsPerSecond counts training steps over the time spent in them (the
   * held-out evaluations excluded, see evalMs).
   */
  progress: RunnerState;
  epoch: number;
  learningRate: number;
  /** Mean cross-entropy and accuracy of each training batch since the last report (before its step). */
  newLoss: StepPoint[];
  newBatchAccuracy: StepPoint[];
  /** Held-out accuracy (and NLL) at step 0 and every `validation.every` steps, since the last report. */
  newValidation: StepPoint[];
  newValidationNll: StepPoint[];
  /** Milliseconds spent in held-out evaluations during the run so far (step 0's excluded). */
  evalMs: number;
  numParameters: number;
}

export interface ZooTrainerOptions
  extends Pick<SlicedRunnerOptions, 'reportEveryMs' | 'sliceMs' | 'now' | 'yieldToEventLoop'> {
  /** The session's options (architecture, seed, batch, learning rate and schedule, augmentation, PGD). */
  training: ZooTrainingOptions;
  train: DigitSplit;
  /** Start from these weights (getWeights order, e.g. the shipped ones) instead of the seed's. */
  initialWeights?: readonly ArrayLike<number>[];
  /** Step budget (extend() raises it). */
  totalSteps: number;
  /** Held-out accuracy at step 0, every `every` steps and at the budget's end, on the first `count` digits. */
  validation?: { split: DigitSplit; every: number; count?: number };
  report?: (snapshot: TrainingSnapshot) => void;
  /** Aborting it ends the trainer for good (as dispose() does, without freeing the session). */
  signal?: AbortSignal;
}

/**
 * A shipped model's recipe (src/ml/zoo/recipes.ts) for a live run of `steps` steps: the same model,
 * optimiser, batch, augmentation and adversarial training, with its cosine schedule fitted to the live
 * budget. `learningRate` and `seed` override the recipe's.
 */
export function liveRecipe(
  name: ZooModelName,
  { steps, seed, learningRate }: { steps: number; seed?: number; learningRate?: number },
): ZooTrainingOptions {
  const recipe = ZOO_RECIPES.find((r) => r.name === name);
  if (!recipe) throw new Error(`the zoo has no recipe called "${name}"`);
  const o = structuredClone(recipe.options);
  return {
    ...o,
    seed: seed ?? o.seed,
    learningRate: learningRate ?? o.learningRate,
    schedule: { totalSteps: steps, finalFraction: o.schedule?.finalFraction ?? 1 },
    // The adversarial ramp keeps its share of the run (a sixth of the shipped 12 epochs).
    ...(o.adversarial && {
      adversarial: {
        ...o.adversarial,
        rampSteps: Math.round((o.adversarial.rampSteps * steps) / (o.schedule?.totalSteps ?? steps)),
      },
    }),
  };
}

export class ZooTrainer {
  readonly session: ZooTrainingSession;
  readonly runner: SlicedRunner;
  private readonly loss = new CurveBuffer();
  private readonly batchAccuracy = new CurveBuffer();
  private readonly validationAccuracy = new CurveBuffer();
  private readonly validationNll = new CurveBuffer();
  private readonly validation: ZooTrainerOptions['validation'];
  private readonly now: () => number;
  private evalMs = 0;
  private lastRate: number;
  private disposed = false;

  constructor(options: ZooTrainerOptions) {
    const { training, train, initialWeights, totalSteps, validation, report } = options;
    if (validation && !(Number.isInteger(validation.every) && validation.every >= 1)) {
      throw new RangeError(`validation.every must be a positive integer, got ${validation.every}`);
    }
    this.now = options.now ?? (() => performance.now());
    this.session = new ZooTrainingSession(training, train, initialWeights);
    this.lastRate = training.learningRate;
    this.validation = validation;
    try {
      // Step 0 happens before the runner exists, so its time is not in the runner's busy time either.
      this.measure(false);
    } catch (err) {
      this.session.dispose();
      throw err;
    }
    this.runner = new SlicedRunner({
      totalSteps,
      step: () => {
        const r = this.session.trainStep();
        this.lastRate = r.learningRate;
        this.loss.push(r.step, r.loss);
        this.batchAccuracy.push(r.step, r.accuracy);
        const v = this.validation;
        if (v && (r.step % v.every === 0 || r.step === this.runner.state.totalSteps)) this.measure();
      },
      report: () => {
        if (!this.disposed) report?.(this.snapshot());
      },
      signal: options.signal,
      now: this.now,
      ...(options.reportEveryMs !== undefined && { reportEveryMs: options.reportEveryMs }),
      ...(options.sliceMs !== undefined && { sliceMs: options.sliceMs }),
      ...(options.yieldToEventLoop && { yieldToEventLoop: options.yieldToEventLoop }),
    });
  }

  /** The model being trained (owned by the trainer: evaluate or classify with it, do not dispose it). */
  get model(): ZooModel {
    return this.session.model;
  }

  get state(): RunnerState {
    return this.adjusted(this.runner.state);
  }

  /** Trains until the budget is spent, pause(), or `signal` aborts (which pauses). */
  play(signal?: AbortSignal): Promise<void> {
    return this.runner.play(signal);
  }

  /** One step while idle or paused. */
  stepOnce(): Promise<void> {
    return this.runner.stepOnce();
  }

  pause(): void {
    this.runner.pause();
  }

  /** Raises the budget ("train 300 more"). */
  extend(totalSteps: number): void {
    this.runner.extend(totalSteps);
  }

  /** The state and everything new since the last snapshot (the curves' points are handed over once). */
  snapshot(): TrainingSnapshot {
    return {
      progress: this.state,
      epoch: this.session.epoch,
      learningRate: this.lastRate,
      newLoss: this.loss.drain(),
      newBatchAccuracy: this.batchAccuracy.drain(),
      newValidation: this.validationAccuracy.drain(),
      newValidationNll: this.validationNll.drain(),
      evalMs: this.evalMs,
      numParameters: this.session.model.numParameters,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.runner.cancel();
    this.session.dispose();
  }

  /** Steps per second over the time spent in training steps (held-out evaluations taken out). */
  private adjusted(s: RunnerState): RunnerState {
    const trainMs = s.busyMs - this.evalMs;
    return { ...s, stepsPerSecond: s.step > 0 && trainMs > 0 ? (1000 * s.step) / trainMs : 0 };
  }

  private measure(inRunner = true): void {
    const v = this.validation;
    if (!v) return;
    const started = this.now();
    const e = evaluateSplit(this.session.model, v.split, {
      count: Math.min(v.count ?? v.split.count, v.split.count),
      batchSize: 500,
    });
    if (inRunner) this.evalMs += this.now() - started;
    this.validationAccuracy.push(this.session.steps, e.accuracy);
    this.validationNll.push(this.session.steps, e.nll);
  }
}
