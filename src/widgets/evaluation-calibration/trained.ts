/**
 * Worker side (and its seeded script, scripts/evaluation-calibration-trained.ts): the calibration lab's
 * "trained here" model. The zoo's MLP recipe (src/ml/zoo/recipes.ts, through zoo-shared/trainer.ts's
 * liveRecipe and ZooTrainer, the code the zoo explorer trains with; no augmentation) is trained from its
 * seed for the reader's number of epochs on the zoo's 7,000 training digits, its cosine schedule fitted to that budget,
 * on a SlicedRunner (progress, cancellable between slices; the reader's Pause, Resume and Step go
 * through a TrainingGate, which takes the same steps in the same order); the trained model then scores the validation
 * and test splits exactly as a shipped model does (zoo-shared/evaluate.ts), and is disposed. Plain logits
 * out, so every calibration measure, the temperature fit included, applies to it unchanged.
 */
import type { SlicedRunnerOptions } from '../../lib/runtime/sliced-runner';
import type { DigitSplit } from '../../math/digit-split';
import type { ZooModelName } from '../../math/zoo';
import { stepsPerEpoch, ZOO_TRAIN_COUNT } from '../../ml/zoo/recipes';
import type { ZooTrainingOptions } from '../../ml/zoo/training';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { liveRecipe, ZooTrainer } from '../zoo-shared/trainer';
import type { ScoredSplit } from '../evaluation-shared/study-server';
import type { TrainingProgress } from '../evaluation-shared/study-protocol';
import { TrainingGate } from '../evaluation-shared/training-gate';
import { EPOCH_BOUNDS, TRAINED_MODEL, TRAINED_SEED } from './params';

/** Steps in one epoch of the recipe's batches over the training split. */
export function trainedSteps(epochs: number, trainCount = ZOO_TRAIN_COUNT): number {
  const [lo, hi] = EPOCH_BOUNDS;
  if (!(Number.isInteger(epochs) && epochs >= lo && epochs <= hi)) {
    throw new RangeError(`epochs must be an integer from ${lo} to ${hi}, got ${epochs}`);
  }
  return epochs * stepsPerEpoch(trainCount, liveRecipe(TRAINED_MODEL, { steps: 1 }).batchSize);
}

/**
 * The session options of a run of `epochs` epochs: the zoo's MLP recipe (architecture, Adam, batch,
 * learning rate, cosine schedule fitted to the run) without its random 1-pixel shifts, so that the
 * network sees the same 7,000 digits every epoch and longer training can fit them ever more closely.
 */
export function trainedOptions(epochs: number, trainCount = ZOO_TRAIN_COUNT): ZooTrainingOptions {
  return { ...liveRecipe(TRAINED_MODEL, { steps: trainedSteps(epochs, trainCount), seed: TRAINED_SEED }), maxShift: 0 };
}

export interface TrainedScores {
  model: ZooModelName;
  epochs: number;
  steps: number;
  validation: ScoredSplit;
  test: ScoredSplit;
  /** Milliseconds in training steps (the yields between slices excluded), and training steps per second. */
  trainMs: number;
  stepsPerSecond: number;
  /** Mean cross-entropy of the last epoch's training batches (before each step). */
  finalTrainLoss: number;
}

export interface TrainHooks extends Pick<SlicedRunnerOptions, 'now' | 'yieldToEventLoop' | 'reportEveryMs'> {
  signal?: AbortSignal;
  /** Pause, Resume and Step (default: a gate nobody pauses). */
  gate?: TrainingGate;
  /** Training progress (throttled by the runner; always at a pause), then each split's scoring progress. */
  onTraining?: (p: TrainingProgress) => void;
  onScoring?: (p: { split: 'validation' | 'test'; done: number; total: number }) => void;
}

/** Trains and scores; resolves to null when `signal` aborted it (nothing is left allocated either way). */
export async function trainAndScore(
  data: { train: DigitSplit; validation: DigitSplit; test: DigitSplit },
  epochs: number,
  hooks: TrainHooks = {},
): Promise<TrainedScores | null> {
  const steps = trainedSteps(epochs, data.train.count);
  const perEpoch = steps / epochs;
  let lossSum = 0;
  let lossCount = 0;
  /** The loss points of the last epoch go into finalTrainLoss (reported ones, then the last snapshot's). */
  const addLastEpochLoss = (points: readonly { step: number; value: number }[]) => {
    for (const p of points) {
      if (p.step > steps - perEpoch) {
        lossSum += p.value;
        lossCount++;
      }
    }
  };
  const trainer = new ZooTrainer({
    training: trainedOptions(epochs, data.train.count),
    train: data.train,
    totalSteps: steps,
    signal: hooks.signal,
    ...(hooks.now && { now: hooks.now }),
    ...(hooks.yieldToEventLoop && { yieldToEventLoop: hooks.yieldToEventLoop }),
    reportEveryMs: hooks.reportEveryMs ?? 200,
    report: (s) => {
      addLastEpochLoss(s.newLoss);
      const { step, phase, stepsPerSecond } = s.progress;
      hooks.onTraining?.({ step, totalSteps: steps, epoch: s.epoch, phase, stepsPerSecond });
    },
  });
  try {
    const gate = hooks.gate ?? new TrainingGate();
    // Paused before the first step (during the download): say so, since no step reports it.
    if (gate.isPaused) hooks.onTraining?.({ step: 0, totalSteps: steps, epoch: 0, phase: 'paused', stepsPerSecond: 0 });
    await gate.drive(trainer, hooks.signal);
    if (hooks.signal?.aborted || trainer.state.phase !== 'done') return null;
    const { busyMs, stepsPerSecond } = trainer.state;
    addLastEpochLoss(trainer.snapshot().newLoss);
    const scored: Partial<Record<'validation' | 'test', ScoredSplit>> = {};
    for (const split of ['validation', 'test'] as const) {
      const r = await evaluateOnRunner(trainer.model, data[split], {
        signal: hooks.signal,
        onProgress: (p) => hooks.onScoring?.({ split, done: p.done, total: p.total }),
        ...(hooks.now && { now: hooks.now }),
        ...(hooks.yieldToEventLoop && { yieldToEventLoop: hooks.yieldToEventLoop }),
      });
      if (!r) return null;
      scored[split] = { logits: r.logits, labels: r.labels };
    }
    return {
      model: TRAINED_MODEL,
      epochs,
      steps,
      validation: scored.validation!,
      test: scored.test!,
      trainMs: busyMs,
      stepsPerSecond,
      finalTrainLoss: lossCount ? lossSum / lossCount : NaN,
    };
  } finally {
    trainer.dispose();
  }
}
