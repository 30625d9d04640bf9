/**
 * The shift study in Node (its seeded script and the lesson's claims test): a zoo model scores the test
 * digits clean and corrupted (src/math/evaluation-shift.ts) at a few severities, with the code a Worker
 * runs (src/ml/zoo/evaluation.ts). Per corruption and severity: accuracy, mean confidence and ECE (15
 * bins), and how well two scores tell clean test digits (positives) from the corrupted ones: the maximum
 * softmax probability (Hendrycks & Gimpel 2017) and the negative energy logsumexp_k z_k (Liu et al. 2020).
 */
import { expectedCalibrationError, softmaxRows } from '../math/calibration';
import type { DigitSplit } from '../math/digit-split';
import { auroc } from '../math/evaluation-metrics';
import { corruptImages, CORRUPTIONS, type Corruption } from '../math/evaluation-shift';
import { DIGIT_CLASSES } from '../math/zoo';
import { evaluateSplit } from './zoo/evaluation';
import type { ZooModel } from './zoo/models';

export const SHIFT_SEVERITIES = [0, 0.25, 0.5, 0.75, 1] as const;
export const SHIFT_SEED = 1;

export interface ShiftPoint {
  corruption: Corruption;
  severity: number;
  /** NaN for images that are no digit (uniform noise): they have no right answer. */
  accuracy: number;
  meanConfidence: number;
  ece: number;
  /** Clean test digits against these images: AUROC of max softmax, and of logsumexp (negative energy). */
  aurocMaxSoftmax: number;
  aurocEnergy: number;
}

function scores(logits: Float32Array) {
  const p = softmaxRows(logits, DIGIT_CLASSES);
  const n = logits.length / DIGIT_CLASSES;
  const msp = new Float64Array(n);
  const energy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let max = -Infinity;
    for (let k = 0; k < DIGIT_CLASSES; k++) {
      best = Math.max(best, p[i * DIGIT_CLASSES + k]);
      max = Math.max(max, logits[i * DIGIT_CLASSES + k]);
    }
    let sum = 0;
    for (let k = 0; k < DIGIT_CLASSES; k++) sum += Math.exp(logits[i * DIGIT_CLASSES + k] - max);
    msp[i] = best;
    energy[i] = max + Math.log(sum);
  }
  return { p, msp, energy };
}

export function measureShift(
  model: ZooModel,
  test: DigitSplit,
  severities: readonly number[] = SHIFT_SEVERITIES,
  seed = SHIFT_SEED,
): ShiftPoint[] {
  const clean = scores(evaluateSplit(model, test).logits);
  const out: ShiftPoint[] = [];
  for (const corruption of CORRUPTIONS) {
    for (const severity of severities) {
      if (corruption === 'uniform' && severity === 0) continue;
      const images = corruptImages(test.images, test.count, corruption, severity, seed);
      const r = evaluateSplit(model, { ...test, images });
      const s = scores(r.logits);
      const digits = corruption !== 'uniform';
      out.push({
        corruption,
        severity,
        accuracy: digits ? r.accuracy : NaN,
        meanConfidence: s.msp.reduce((a, b) => a + b, 0) / s.msp.length,
        ece: digits ? expectedCalibrationError(s.p, test.labels, DIGIT_CLASSES, 15) : NaN,
        aurocMaxSoftmax: auroc(clean.msp, s.msp),
        aurocEnergy: auroc(clean.energy, s.energy),
      });
    }
  }
  return out;
}
