/**
 * The shift study in Node (its seeded script and the lesson's claims test): a zoo model scores the test
 * digits clean and shifted (src/math/evaluation-shift.ts) at a few severities, with the code a Worker
 * runs (src/ml/zoo/evaluation.ts), and the measures the shift lab shows (src/math/evaluation-ood.ts): per
 * corruption and severity, accuracy, mean confidence and ECE (15 bins), and how well two scores tell the
 * clean test digits (positives) from the shifted inputs: the maximum softmax probability (Hendrycks &
 * Gimpel 2017) and the negative energy logsumexp_k z_k (Liu et al. 2020).
 */
import type { DigitSplit } from '../math/digit-split';
import { outputScores, shiftMeasure, type ShiftMeasure } from '../math/evaluation-ood';
import { CORRUPTIONS, hasLabels, shiftSplit, type Corruption } from '../math/evaluation-shift';
import { evaluateSplit } from './zoo/evaluation';
import type { ZooModel } from './zoo/models';

export const SHIFT_SEVERITIES = [0, 0.25, 0.5, 0.75, 1] as const;
export const SHIFT_SEED = 1;

export interface ShiftPoint extends Omit<ShiftMeasure, 'count'> {
  corruption: Corruption;
  severity: number;
}

export function measureShift(
  model: ZooModel,
  test: DigitSplit,
  severities: readonly number[] = SHIFT_SEVERITIES,
  seed = SHIFT_SEED,
  corruptions: readonly Corruption[] = CORRUPTIONS,
): ShiftPoint[] {
  const clean = outputScores(evaluateSplit(model, test).logits);
  const out: ShiftPoint[] = [];
  for (const corruption of corruptions) {
    for (const severity of severities) {
      if (corruption === 'uniform' && severity === 0) continue;
      const shifted = shiftSplit(test, corruption, severity, seed);
      const s = outputScores(evaluateSplit(model, shifted).logits);
      const m = shiftMeasure(clean, s, hasLabels(corruption) ? shifted.labels : null);
      const { count: _count, ...rest } = m;
      out.push({ corruption, severity, ...rest });
    }
  }
  return out;
}
