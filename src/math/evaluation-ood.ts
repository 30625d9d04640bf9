/**
 * From a classifier's logits to what the shift study and the shift lab report, in plain numbers:
 *
 *   confidence (maximum softmax probability, Hendrycks & Gimpel 2017):  ĉ = max_k softmax(z)_k
 *   negative free energy (Liu et al. 2020, at temperature 1):           -E(z) = log Σ_k exp z_k
 *
 * Both are scores where higher should mean "more like the training data"; a detector calls an input
 * in-distribution when its score is at or above a threshold. The AUROC of clean test digits (positives)
 * against shifted inputs (negatives) judges a score over every threshold.
 */
import { expectedCalibrationError, softmaxRows } from './calibration';
import { auroc } from './evaluation-metrics';
import { DIGIT_CLASSES } from './zoo';

export interface OutputScores {
  /** n × 10 probabilities, row by row. */
  probabilities: Float32Array;
  /** Maximum softmax probability and log-sum-exp of the logits, per input. */
  msp: Float64Array;
  energy: Float64Array;
  /** The argmax per input. */
  predictions: Uint8Array;
}

export function outputScores(logits: ArrayLike<number>, k = DIGIT_CLASSES): OutputScores {
  const n = Math.floor(logits.length / k);
  const probabilities = softmaxRows(logits, k);
  const msp = new Float64Array(n);
  const energy = new Float64Array(n);
  const predictions = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (logits[i * k + j] > logits[i * k + best]) best = j;
    const max = logits[i * k + best];
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[i * k + j] - max);
    predictions[i] = best;
    msp[i] = probabilities[i * k + best];
    energy[i] = max + Math.log(sum);
  }
  return { probabilities, msp, energy, predictions };
}

export interface ShiftMeasure {
  count: number;
  /** NaN when the inputs have no labels (uniform noise). */
  accuracy: number;
  meanConfidence: number;
  /** 15 equal-width bins, as Guo et al. 2017; NaN without labels. */
  ece: number;
  /** Clean digits (positives) against these inputs: AUROC of the maximum softmax and of -energy. */
  aurocMaxSoftmax: number;
  aurocEnergy: number;
}

/** The measures of shifted inputs, given the clean test digits' scores. */
export function shiftMeasure(
  clean: Pick<OutputScores, 'msp' | 'energy'>,
  shifted: OutputScores,
  labels: ArrayLike<number> | null,
  k = DIGIT_CLASSES,
): ShiftMeasure {
  const n = shifted.msp.length;
  let correct = 0;
  if (labels) for (let i = 0; i < n; i++) if (shifted.predictions[i] === labels[i]) correct++;
  return {
    count: n,
    accuracy: labels ? correct / n : NaN,
    meanConfidence: shifted.msp.reduce((a, b) => a + b, 0) / n,
    ece: labels ? expectedCalibrationError(shifted.probabilities, labels, k, 15) : NaN,
    aurocMaxSoftmax: auroc(clean.msp, shifted.msp),
    aurocEnergy: auroc(clean.energy, shifted.energy),
  };
}
