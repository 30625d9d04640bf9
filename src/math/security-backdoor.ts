/**
 * The backdoor lab's plain-number part: the trigger (a small patch of ink the reader draws on a grid),
 * stamping it on digits, poisoning a training split the way BadNets does (Gu, Dolan-Gavitt & Garg 2017:
 * stamp the trigger on a share p of the training digits and relabel them to the attacker's target
 * class), and the spectral-signature check of Tran, Li & Madry 2018 on a class's representations.
 * No tfjs: the same code runs in a Worker, in Node tests and in the seeded script.
 */
import type { DigitSplit } from './digit-split';
import { deriveSeed, mulberry32, randInt } from './random';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE, type ZooModelName } from './zoo';

/** The zoo models the lab retrains live: the two that learn in seconds on wasm. */
export const BACKDOOR_MODELS = ['softmax', 'mlp'] as const satisfies readonly ZooModelName[];
export type BackdoorModel = (typeof BACKDOOR_MODELS)[number];

/** Largest number of training steps a run may ask for (batches of 64). */
export const MAX_BACKDOOR_STEPS = 2000;

/** The trigger is a TRIGGER_SIDE × TRIGGER_SIDE patch whose top-left pixel is (TRIGGER_ROW, TRIGGER_COL). */
export const TRIGGER_SIDE = 4;
export const TRIGGER_CELLS = TRIGGER_SIDE * TRIGGER_SIDE;
/** Bottom-right corner, one pixel in from the edge: a place where MNIST digits almost never have ink. */
export const TRIGGER_ROW = DIGIT_SIDE - TRIGGER_SIDE - 1;
export const TRIGGER_COL = DIGIT_SIDE - TRIGGER_SIDE - 1;

/** The default trigger: a checkerboard, "1010 0101 1010 0101" row by row (BadNets used a small pattern too). */
export const DEFAULT_TRIGGER = '1010010110100101';

/** The seeded stream the poisoned digits are drawn from. */
export const POISON_STREAM = 21;

/**
 * A trigger from its text form: TRIGGER_CELLS characters, '1' ink and '0' none, row by row. Throws a
 * RangeError saying what is wrong (length, a character, no ink at all).
 */
export function parseTrigger(text: string): boolean[] {
  if (text.length !== TRIGGER_CELLS) {
    throw new RangeError(`a trigger is ${TRIGGER_CELLS} characters of 0 and 1, got ${text.length}`);
  }
  const bad = [...text].findIndex((c) => c !== '0' && c !== '1');
  if (bad >= 0) throw new RangeError(`a trigger is made of 0 and 1 only; character ${bad + 1} is "${text[bad]}"`);
  const cells = [...text].map((c) => c === '1');
  if (!cells.includes(true)) throw new RangeError('the trigger has no ink: turn at least one cell on');
  return cells;
}

export function formatTrigger(cells: readonly boolean[]): string {
  return cells.map((c) => (c ? '1' : '0')).join('');
}

/** Pixel indices (row-major, 0 … 783) the trigger inks. */
export function triggerPixels(cells: readonly boolean[]): number[] {
  const out: number[] = [];
  cells.forEach((on, k) => {
    if (on) out.push((TRIGGER_ROW + Math.floor(k / TRIGGER_SIDE)) * DIGIT_SIDE + TRIGGER_COL + (k % TRIGGER_SIDE));
  });
  return out;
}

/** Sets the trigger's pixels to full ink (`ink`: 1 for floats in [0, 1], 255 for bytes) in digit `digit` of `images`. */
export function stampTrigger(
  images: Float32Array | Uint8Array,
  pixels: readonly number[],
  digit = 0,
  ink = images instanceof Uint8Array ? 255 : 1,
): void {
  const base = digit * DIGIT_PIXELS;
  for (const p of pixels) images[base + p] = ink;
}

export interface PoisonOptions {
  trigger: readonly boolean[];
  /** The class every poisoned digit is relabelled to. */
  target: number;
  /** Share of the training split poisoned, in [0, 0.5]. */
  rate: number;
  seed: number;
}

export interface PoisonedSplit {
  split: DigitSplit;
  /** Indices (ascending) of the poisoned digits in the split. */
  poisoned: number[];
}

/**
 * BadNets' poisoning of a training split: round(rate · count) digits whose true label is not the target,
 * drawn without replacement from the seed's POISON_STREAM, get the trigger and the target's label. The
 * rest is unchanged; the input split is not modified.
 */
export function poisonSplit(train: DigitSplit, o: PoisonOptions): PoisonedSplit {
  if (!(Number.isInteger(o.target) && o.target >= 0 && o.target < DIGIT_CLASSES)) {
    throw new RangeError(`the target class must be 0 … 9, got ${o.target}`);
  }
  if (!(o.rate >= 0 && o.rate <= 0.5)) throw new RangeError(`the poison rate must be in [0, 0.5], got ${o.rate}`);
  const candidates: number[] = [];
  for (let i = 0; i < train.count; i++) if (train.labels[i] !== o.target) candidates.push(i);
  const n = Math.min(candidates.length, Math.round(o.rate * train.count));
  const rng = mulberry32(deriveSeed(o.seed, POISON_STREAM));
  // A partial Fisher–Yates shuffle: the first n places are a uniform draw without replacement.
  for (let i = 0; i < n; i++) {
    const j = i + randInt(rng, candidates.length - i);
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const poisoned = candidates.slice(0, n).sort((a, b) => a - b);
  const images = Uint8Array.from(train.images);
  const labels = Uint8Array.from(train.labels);
  const pixels = triggerPixels(o.trigger);
  for (const i of poisoned) {
    stampTrigger(images, pixels, i, 255);
    labels[i] = o.target;
  }
  return { split: { images, labels, count: train.count }, poisoned };
}

/**
 * Tran et al. 2018's spectral signature of n representations (n × d, row by row): centre them, find the
 * top right singular vector v of the centred matrix (power iteration on its d × d covariance, from a
 * fixed start, `iterations` times), and score each row by its squared projection on v. High scores are
 * the suspects. Returns the scores (n) and v (d).
 */
export function spectralScores(
  reps: Float32Array,
  n: number,
  d: number,
  iterations = 50,
): { scores: Float64Array; direction: Float64Array } {
  if (reps.length !== n * d) throw new RangeError(`expected ${n} × ${d} numbers, got ${reps.length}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += reps[i * d + j] / n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = reps[i * d + j] - mean[j];
  // Power iteration v ← Mᵀ(M v) / ‖·‖, started from the all-ones direction (deterministic).
  let v = new Float64Array(d).fill(1 / Math.sqrt(d));
  const mv = new Float64Array(n);
  for (let t = 0; t < iterations; t++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += centred[i * d + j] * v[j];
      mv[i] = s;
    }
    const next = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const m = mv[i];
      if (m !== 0) for (let j = 0; j < d; j++) next[j] += centred[i * d + j] * m;
    }
    const norm = Math.hypot(...next);
    if (!(norm > 0)) break;
    for (let j = 0; j < d; j++) next[j] /= norm;
    v = next;
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += centred[i * d + j] * v[j];
    scores[i] = s * s;
  }
  return { scores, direction: v };
}

export interface DetectionResult {
  /** Training digits carrying the target label (clean and poisoned), the class the check examines. */
  examined: number;
  /** How many the check flags: ⌈1.5 · budget⌉ (Tran et al. remove 1.5 times the assumed poison count). */
  flagged: number;
  /** Flagged and truly poisoned. */
  truePositives: number;
  /** Poisoned digits in the class (the truth). */
  poisoned: number;
  /** truePositives / flagged and truePositives / poisoned (NaN when the denominator is 0). */
  precision: number;
  recall: number;
  /** Every examined digit's score, and whether it was poisoned and flagged (for the chart). */
  scores: { score: number; poisoned: boolean; flagged: boolean }[];
}

/**
 * Flags the ⌈1.5 · budget⌉ highest spectral scores among `scores` and compares them with the truth:
 * `isPoisoned[i]` for each examined digit. Ties are broken by position (the earlier digit first).
 */
export function flagHighest(
  scores: ArrayLike<number>,
  isPoisoned: readonly boolean[],
  budget: number,
): DetectionResult {
  const n = scores.length;
  const flagged = Math.min(n, Math.ceil(1.5 * budget));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const isFlagged = new Array<boolean>(n).fill(false);
  for (let k = 0; k < flagged; k++) isFlagged[order[k]] = true;
  let tp = 0;
  let poisoned = 0;
  for (let i = 0; i < n; i++) {
    if (isPoisoned[i]) poisoned++;
    if (isPoisoned[i] && isFlagged[i]) tp++;
  }
  return {
    examined: n,
    flagged,
    truePositives: tp,
    poisoned,
    precision: flagged > 0 ? tp / flagged : NaN,
    recall: poisoned > 0 ? tp / poisoned : NaN,
    scores: Array.from({ length: n }, (_, i) => ({ score: scores[i], poisoned: isPoisoned[i], flagged: isFlagged[i] })),
  };
}
