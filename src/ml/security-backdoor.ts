/**
 * The backdoor lab's model part: scoring a (possibly backdoored) zoo model, clean and with the trigger
 * stamped, and the spectral-signature check (Tran, Li & Madry 2018) on its training data. Training itself
 * is the zoo's own ZooTrainingSession on the poisoned split (src/math/security-backdoor.ts poisons it):
 * the Worker drives it on a SlicedRunner, the seeded script and the tests with trainBackdoored.
 */
import { splitToFloats, type DigitSplit } from '../math/digit-split';
import {
  MAX_BACKDOOR_STEPS,
  type BackdoorModel,
  flagHighest,
  poisonSplit,
  spectralScores,
  stampTrigger,
  triggerPixels,
  type DetectionResult,
  type PoisonOptions,
  type PoisonedSplit,
} from '../math/security-backdoor';
import { DIGIT_PIXELS } from '../math/zoo';
import { penultimate } from './security';
import { tf } from './tf';
import type { ZooModel } from './zoo/models';
import { ZOO_RECIPES } from './zoo/recipes';
import { ZooTrainingSession, type ZooTrainingOptions } from './zoo/training';

/**
 * The shipped recipe of a zoo model (src/ml/zoo/recipes.ts: architecture, optimiser, batch,
 * augmentation) with its cosine schedule fitted to `steps` and the run's seed: what the lab retrains.
 */
export function backdoorTraining(model: BackdoorModel, steps: number, seed: number): ZooTrainingOptions {
  const recipe = ZOO_RECIPES.find((r) => r.name === model);
  if (!recipe) throw new Error(`the zoo has no recipe called "${model}"`);
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= MAX_BACKDOOR_STEPS)) {
    throw new RangeError(`steps must be a whole number in 1 … ${MAX_BACKDOOR_STEPS}, got ${steps}`);
  }
  const o = structuredClone(recipe.options);
  return { ...o, seed, schedule: { totalSteps: steps, finalFraction: o.schedule?.finalFraction ?? 1 } };
}

export interface BackdoorScores {
  /** Accuracy on the clean test split. */
  cleanAccuracy: number;
  /** Share of triggered test digits (those whose true label is not the target) the model calls the target. */
  attackSuccess: number;
  /** How many test digits were triggered. */
  triggered: number;
}

const BATCH = 500;

/** Argmax of each row of count × 10 probabilities. */
function argmax(p: Float32Array, i: number): number {
  let best = 0;
  for (let k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
  return best;
}

/** Clean accuracy and attack success of a model on a test split, batch by batch (no tensor kept). */
export function backdoorScores(
  model: ZooModel,
  test: DigitSplit,
  trigger: readonly boolean[],
  target: number,
): BackdoorScores {
  const pixels = triggerPixels(trigger);
  let correct = 0;
  let hits = 0;
  let triggered = 0;
  for (let start = 0; start < test.count; start += BATCH) {
    const count = Math.min(BATCH, test.count - start);
    const x = splitToFloats(test, start, count);
    const clean = model.predict(x);
    for (let i = 0; i < count; i++) if (argmax(clean, i) === test.labels[start + i]) correct++;
    for (let i = 0; i < count; i++) stampTrigger(x, pixels, i, 1);
    const stamped = model.predict(x);
    for (let i = 0; i < count; i++) {
      if (test.labels[start + i] === target) continue;
      triggered++;
      if (argmax(stamped, i) === target) hits++;
    }
  }
  return { cleanAccuracy: correct / test.count, attackSuccess: triggered > 0 ? hits / triggered : 0, triggered };
}

/**
 * The spectral-signature check on the training digits labelled `target` in the poisoned split: their
 * representations at the model's last hidden layer (penultimate in src/ml/security.ts; the pixels for
 * softmax regression), scored by Tran et al.'s squared projection on the top singular vector, and the
 * ⌈1.5 · budget⌉ highest flagged, `budget` being the defender's bound on how many digits are poisoned.
 */
export function spectralCheck(model: ZooModel, data: PoisonedSplit, target: number, budget: number): DetectionResult {
  const { split, poisoned } = data;
  const poisonedSet = new Set(poisoned);
  const rows: number[] = [];
  for (let i = 0; i < split.count; i++) if (split.labels[i] === target) rows.push(i);
  const x = new Float32Array(rows.length * DIGIT_PIXELS);
  rows.forEach((r, k) => x.set(split.images.subarray(r * DIGIT_PIXELS, (r + 1) * DIGIT_PIXELS), k * DIGIT_PIXELS));
  for (let p = 0; p < x.length; p++) x[p] /= 255;
  const reps = tf.tidy(() => penultimate(model, tf.tensor2d(x, [rows.length, DIGIT_PIXELS])));
  let values: Float32Array;
  try {
    values = reps.dataSync() as Float32Array;
  } finally {
    reps.dispose();
  }
  const d = values.length / Math.max(1, rows.length);
  const { scores } = spectralScores(values, rows.length, d);
  return flagHighest(
    scores,
    rows.map((r) => poisonedSet.has(r)),
    budget,
  );
}

export interface BackdoorRun extends BackdoorScores {
  poisoned: number;
  detection: DetectionResult;
}

/**
 * One whole experiment without a Worker (the seeded script, the tests): poison, train `steps` steps of
 * the model's recipe, score, check; `inspect` sees the trained model before it goes. Leaves no tensor behind.
 */
export function trainBackdoored(
  model: BackdoorModel,
  train: DigitSplit,
  test: DigitSplit,
  poison: PoisonOptions,
  steps: number,
  inspect?: (model: ZooModel) => void,
): BackdoorRun {
  const data = poisonSplit(train, poison);
  const session = new ZooTrainingSession(backdoorTraining(model, steps, poison.seed), data.split);
  try {
    for (let t = 0; t < steps; t++) session.trainStep();
    const scores = backdoorScores(session.model, test, poison.trigger, poison.target);
    const detection = spectralCheck(session.model, data, poison.target, data.poisoned.length);
    inspect?.(session.model);
    return { ...scores, poisoned: data.poisoned.length, detection };
  } finally {
    session.dispose();
  }
}
