/**
 * Accuracy against the size of the attack: every digit of a range of a split attacked at each ε of a
 * grid, by FGSM, PGD and the random-sign control (src/ml/security.ts), and scored. Batch by batch, so
 * a Worker can run it on a sliced runner and a script in one loop. Plain numbers out.
 *
 * PGD here takes `pgdSteps` steps of α = 4ε / (3 · pgdSteps) from a random start (the ratio of Madry
 * et al. 2018's MNIST attack, 40 steps of 0.01 at ε = 0.3). At ε = 0 every attack is the clean digit.
 */
import type { DigitSplit } from '../math/digit-split';
import { splitToFloats } from '../math/digit-split';
import { deriveSeed, mulberry32, type Rng } from '../math/random';
import { tf } from './tf';
import { ATTACK_STREAM, digitBatch, linfAttack, pgdStepSize, readPredictions, type AttackKind } from './security';
import type { ZooModel } from './zoo/models';

export interface RobustnessSettings {
  epsilons: number[];
  kinds: AttackKind[];
  pgdSteps: number;
  /** Digits from the start of the split (the test split interleaves the classes: any prefix of 10k is balanced). */
  count: number;
  batchSize: number;
  seed: number;
}

/** The chapter's recorded curve (scripts/security-figures.ts). */
export const ROBUSTNESS_SETTINGS: RobustnessSettings = {
  epsilons: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3],
  kinds: ['fgsm', 'pgd', 'noise'],
  pgdSteps: 20,
  count: 500,
  batchSize: 100,
  seed: 1,
};

export interface RobustnessPoint {
  kind: AttackKind;
  epsilon: number;
  count: number;
  correct: number;
  accuracy: number;
  /** Mean probability the model gives its (wrong) answer, over the digits it gets wrong (null if none). */
  errorConfidence: number | null;
}

/** Tallies of one batch under one attack. */
export interface BatchScore {
  correct: number;
  errors: number;
  errorConfidenceSum: number;
}

/** One batch of digits attacked and scored. `rng` draws PGD's random start and the noise. */
export function scoreBatch(
  model: ZooModel,
  pixels: Float32Array,
  labels: ArrayLike<number>,
  kind: AttackKind,
  epsilon: number,
  pgdSteps: number,
  rng: Rng,
): BatchScore {
  const x = digitBatch(pixels);
  let adv = null;
  let z = null;
  try {
    adv =
      epsilon === 0
        ? tf.clone(x)
        : linfAttack(
            model,
            x,
            labels,
            {
              kind,
              epsilon,
              steps: pgdSteps,
              stepSize: pgdStepSize(epsilon, pgdSteps),
              randomStart: true,
              target: null,
            },
            rng,
          );
    z = model.logits(adv);
    const { predictions, confidence } = readPredictions(z);
    const s: BatchScore = { correct: 0, errors: 0, errorConfidenceSum: 0 };
    predictions.forEach((p, i) => {
      if (p === labels[i]) s.correct++;
      else {
        s.errors++;
        s.errorConfidenceSum += confidence[i];
      }
    });
    return s;
  } finally {
    x.dispose();
    adv?.dispose();
    z?.dispose();
  }
}

/** The rng of one (attack, ε) cell: the same draws whichever order the cells are computed in. */
export function cellRng(seed: number, kindIndex: number, epsilonIndex: number): Rng {
  return mulberry32(deriveSeed(deriveSeed(seed, ATTACK_STREAM + kindIndex), epsilonIndex));
}

export function pointOf(kind: AttackKind, epsilon: number, count: number, s: BatchScore): RobustnessPoint {
  return {
    kind,
    epsilon,
    count,
    correct: s.correct,
    accuracy: s.correct / count,
    errorConfidence: s.errors > 0 ? s.errorConfidenceSum / s.errors : null,
  };
}

export interface RobustnessProgress {
  /** Batches scored, of all cells. */
  done: number;
  total: number;
  /** The cells finished so far, in order (attack by attack, ε by ε). */
  points: RobustnessPoint[];
}

/** Batches of a curve's cells, one per next(): a Worker's sliced runner steps it, a script loops it. */
export function* robustnessBatches(
  model: ZooModel,
  split: DigitSplit,
  o: RobustnessSettings,
): Generator<RobustnessProgress, RobustnessProgress> {
  const count = Math.min(o.count, split.count);
  const perCell = Math.ceil(count / o.batchSize);
  const total = perCell * o.kinds.length * o.epsilons.length;
  const points: RobustnessPoint[] = [];
  let done = 0;
  for (let ki = 0; ki < o.kinds.length; ki++) {
    for (let ei = 0; ei < o.epsilons.length; ei++) {
      const kind = o.kinds[ki];
      const epsilon = o.epsilons[ei];
      const rng = cellRng(o.seed, ki, ei);
      const cell: BatchScore = { correct: 0, errors: 0, errorConfidenceSum: 0 };
      for (let at = 0; at < count; at += o.batchSize) {
        const n = Math.min(o.batchSize, count - at);
        const s = scoreBatch(
          model,
          splitToFloats(split, at, n),
          split.labels.subarray(at, at + n),
          kind,
          epsilon,
          o.pgdSteps,
          rng,
        );
        cell.correct += s.correct;
        cell.errors += s.errors;
        cell.errorConfidenceSum += s.errorConfidenceSum;
        done++;
        if (at + n >= count) points.push(pointOf(kind, epsilon, count, cell));
        if (done < total) yield { done, total, points: points.slice() };
      }
    }
  }
  return { done, total, points };
}

/** The whole curve in one synchronous loop (scripts and tests). */
export function robustnessCurve(
  model: ZooModel,
  split: DigitSplit,
  o: RobustnessSettings,
): { points: RobustnessPoint[] } {
  const it = robustnessBatches(model, split, o);
  for (;;) {
    const r = it.next();
    if (r.done) return { points: r.value.points };
  }
}
