/**
 * Plain-number parts of the distillation lab: the temperature softmax, and the output-bias correction
 * of Hinton et al. 2015 (§3) for a class the student never saw.
 *
 * A student trained without any digit of class k learns a low bias for k's output. Hinton et al. raise
 * that bias "by an appropriate amount"; here the amount δ is chosen on the validation split (which has
 * every class) as the smallest δ in 0, 0.5, …, 30 that maximises validation accuracy, and then applied,
 * unchanged, to the test digits.
 */
import { DIGIT_CLASSES } from './zoo';

/** softmax(z / T) of one row. */
export function softmaxT(z: readonly number[], temperature: number): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / temperature));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Accuracy overall and on class k of logits (count × 10) with δ added to class k's logit. */
export function accuracyWithBias(logits: ArrayLike<number>, labels: ArrayLike<number>, k: number, delta: number) {
  let correct = 0;
  let inClass = 0;
  let rightInClass = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < DIGIT_CLASSES; c++) {
      const v = logits[i * DIGIT_CLASSES + c] + (c === k ? delta : 0);
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    if (best === labels[i]) correct++;
    if (labels[i] === k) {
      inClass++;
      if (best === k) rightInClass++;
    }
  }
  return { accuracy: correct / labels.length, classAccuracy: inClass ? rightInClass / inClass : NaN };
}

/** The δ (0 … 30 in steps of 0.5) that maximises accuracy on the given (validation) logits. */
export function chooseBiasShift(logits: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  let best = 0;
  let bestAcc = -1;
  for (let d = 0; d <= 30; d += 0.5) {
    const a = accuracyWithBias(logits, labels, k, d).accuracy;
    if (a > bestAcc) {
      bestAcc = a;
      best = d;
    }
  }
  return best;
}
