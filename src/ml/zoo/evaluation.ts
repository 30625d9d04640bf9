/**
 * Batched evaluation of a zoo model over a split (or a range of it), clean or under a PGD attack, as a
 * generator that yields after every batch: a Worker posts each progress value and awaits a tick between
 * batches, so a long evaluation can show progress and be cancelled (stop iterating: nothing is left
 * allocated between batches); scripts and tests drain it with evaluateSplit.
 *
 * The result keeps every digit's logits and probabilities (for calibration and shift widgets), the
 * predictions, the confusion matrix, accuracy overall and per class, NLL and ECE (src/math/calibration.ts).
 */
import {
  accuracyFromConfusion,
  argmaxRows,
  confusionMatrix,
  expectedCalibrationError,
  negativeLogLikelihood,
  perClassAccuracy,
  softmaxRows,
} from '../../math/calibration';
import { splitToFloats, type DigitSplit } from '../../math/digit-split';
import { deriveSeed, mulberry32, type Rng } from '../../math/random';
import { DIGIT_CLASSES, DIGIT_PIXELS, type PgdSettings } from '../../math/zoo';
import { checkInt } from '../init';
import { tf } from '../tf';
import { pgdAttack } from './attacks';
import { oneHotLabels, type ZooModel } from './models';

export interface EvaluationOptions {
  /** First digit and number of digits of the split to score (default: all). */
  start?: number;
  count?: number;
  /** Digits per batch (default 500 clean, 100 under attack). */
  batchSize?: number;
  /** Score the PGD adversaries of the digits instead of the digits; seed draws the random starts. */
  attack?: { settings: PgdSettings; seed: number };
  /** Bins of the ECE (default 15, as Guo et al. 2017). */
  eceBins?: number;
}

export interface EvaluationProgress {
  /** Digits scored so far, of total; and how many of them were right. */
  done: number;
  total: number;
  correct: number;
}

export interface ZooEvaluation {
  count: number;
  correct: number;
  accuracy: number;
  /** Accuracy per true class (NaN for a class absent from the range). */
  perClass: number[];
  /** confusion[true][predicted]. */
  confusion: number[][];
  labels: Uint8Array;
  predictions: Uint8Array;
  /** count × 10, row by row. */
  logits: Float32Array;
  probabilities: Float32Array;
  /** Mean negative log-likelihood (nats) and expected calibration error. */
  nll: number;
  ece: number;
}

/** Scores the model batch by batch, yielding progress after each; returns the evaluation. */
export function* evaluateBatches(
  model: ZooModel,
  split: DigitSplit,
  options: EvaluationOptions = {},
): Generator<EvaluationProgress, ZooEvaluation, void> {
  const start = options.start ?? 0;
  const count = options.count ?? split.count - start;
  checkInt('start', start, 0, split.count);
  checkInt('count', count, 1, split.count - start);
  const batchSize = options.batchSize ?? (options.attack ? 100 : 500);
  checkInt('batchSize', batchSize, 1, 2000);
  const rng: Rng | undefined = options.attack ? mulberry32(deriveSeed(options.attack.seed, 0)) : undefined;
  const logits = new Float32Array(count * DIGIT_CLASSES);
  const labels = split.labels.slice(start, start + count);
  const buffer = new Float32Array(batchSize * DIGIT_PIXELS);
  let correct = 0;
  for (let at = 0; at < count; at += batchSize) {
    const n = Math.min(batchSize, count - at);
    const pixels = splitToFloats(split, start + at, n, buffer.subarray(0, n * DIGIT_PIXELS));
    const z = tf.tidy(() => {
      let x = tf.tensor2d(pixels, [n, DIGIT_PIXELS]);
      if (options.attack) {
        x = pgdAttack(model, x, oneHotLabels(labels.subarray(at, at + n)), options.attack.settings, rng);
      }
      return model.logits(x);
    });
    try {
      logits.set(z.dataSync(), at * DIGIT_CLASSES);
    } finally {
      z.dispose();
    }
    for (let i = at; i < at + n; i++) {
      let best = 0;
      for (let k = 1; k < DIGIT_CLASSES; k++) {
        if (logits[i * DIGIT_CLASSES + k] > logits[i * DIGIT_CLASSES + best]) best = k;
      }
      if (best === labels[i]) correct++;
    }
    if (at + n < count) yield { done: at + n, total: count, correct };
  }
  const predictions = argmaxRows(logits, DIGIT_CLASSES) as Uint8Array;
  const confusion = confusionMatrix(labels, predictions, DIGIT_CLASSES);
  const probabilities = softmaxRows(logits, DIGIT_CLASSES);
  return {
    count,
    correct,
    accuracy: accuracyFromConfusion(confusion),
    perClass: perClassAccuracy(confusion),
    confusion,
    labels,
    predictions,
    logits,
    probabilities,
    nll: negativeLogLikelihood(logits, labels, DIGIT_CLASSES),
    ece: expectedCalibrationError(probabilities, labels, DIGIT_CLASSES, options.eceBins ?? 15),
  };
}

/** Runs evaluateBatches to the end (scripts, tests); onProgress sees every batch. */
export function evaluateSplit(
  model: ZooModel,
  split: DigitSplit,
  options: EvaluationOptions = {},
  onProgress?: (p: EvaluationProgress) => void,
): ZooEvaluation {
  const it = evaluateBatches(model, split, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    onProgress?.(r.value);
  }
}
