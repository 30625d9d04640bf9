/**
 * The leakage lab's data set and its protocols, in plain numbers (seeded throughout).
 *
 * The "collected" set: `sources` digits of the zoo's training split (the same number of each class),
 * each scanned `copies` times: a scan is the digit with Gaussian noise of σ = 0.1 (full ink = 1) added,
 * so the scans of one digit are near-duplicates, a group. Every
 * collected image also carries a scanner's stamp: the classes were scanned in batches, and the scanner
 * set pixels (0, 4 + 2k) and (1, 4 + 2k) of every image of class k to full ink, a feature that encodes the label and will
 * not exist when the model meets new digits.
 *
 * A protocol decides how the collected set is split (80% train, 20% test) and prepared:
 *   split:  'random' (by image: copies of one digit land on both sides), 'group' (by source digit),
 *           'dedupe' (one copy per digit kept, then split by image);
 *   stamp:  'kept' or 'removed' (rows 0 and 1 cleared in every image: the feature is dropped);
 *   augment: the preprocessing step, augmentation: every image gets AUGMENT_COPIES copies jittered and
 *           noised once more, 'before' the split (the copies are new rows to the pipeline, so a split
 *           by image sends copies of one image to both sides; a group split keeps them with their
 *           source digit) or 'after' it, on the training images only.
 * The clean held-out set: new digits of the same pool (the zoo's training digits after the collected
 * ones), scanned the same way, one scan each, without the stamp, which was an artefact of scanning the
 * collection class by class.
 */
import type { DigitSplit } from './digit-split';
import { mulberry32, randNormal, shuffled } from './random';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE } from './zoo';

export const SPLITS = ['random', 'group', 'dedupe'] as const;
export type LeakSplit = (typeof SPLITS)[number];
export const STAMPS = ['kept', 'removed'] as const;
export type StampChoice = (typeof STAMPS)[number];
export const AUGMENTS = ['before', 'after'] as const;
export type AugmentWhen = (typeof AUGMENTS)[number];

export interface Protocol {
  split: LeakSplit;
  stamp: StampChoice;
  augment: AugmentWhen;
}

export const LEAK_MODELS = ['softmax', 'mlp'] as const;
export type LeakModel = (typeof LEAK_MODELS)[number];

/**
 * The protocols the lab runs, each leak alone beside its fix: the clean protocol (split by source digit,
 * stamp removed, augmentation after the split) is the fix of the first, third and fourth; de-duplication
 * is the other fix of the first, and the fix of the fifth (augmentation before a split by image).
 */
export const LEAK_PROTOCOLS = [
  {
    id: 'clean',
    label: 'clean: group split, stamp removed, augment after',
    leak: null,
    split: 'group',
    stamp: 'removed',
    augment: 'after',
  },
  {
    id: 'duplicates',
    label: 'leak: split by image (near-duplicates cross)',
    leak: 'duplicates',
    split: 'random',
    stamp: 'removed',
    augment: 'after',
  },
  {
    id: 'dedupe',
    label: 'fix: de-duplicate, then split by image',
    leak: null,
    split: 'dedupe',
    stamp: 'removed',
    augment: 'after',
  },
  {
    id: 'stamp',
    label: 'leak: the label-encoding stamp kept',
    leak: 'stamp',
    split: 'group',
    stamp: 'kept',
    augment: 'after',
  },
  {
    id: 'augment',
    label: 'leak: augment, then split (de-duplicated)',
    leak: 'augment',
    split: 'dedupe',
    stamp: 'removed',
    augment: 'before',
  },
  { id: 'all', label: 'all three leaks', leak: 'all', split: 'random', stamp: 'kept', augment: 'before' },
] as const satisfies readonly (Protocol & { id: string; label: string; leak: string | null })[];
export type LeakProtocolId = (typeof LEAK_PROTOCOLS)[number]['id'];

/** Each leak's protocol and the protocol that fixes it (inflation of the first against the second). */
export const LEAK_FIXES = [
  { leak: 'duplicates', fixes: ['clean', 'dedupe'] },
  { leak: 'stamp', fixes: ['clean'] },
  { leak: 'augment', fixes: ['dedupe'] },
] as const satisfies readonly { leak: LeakProtocolId; fixes: readonly LeakProtocolId[] }[];

export interface CollectedSet extends DigitSplit {
  /** The source digit of each image (its group). */
  groups: Uint16Array;
}

export const COPY_NOISE = 0.1;
export const TEST_SHARE = 0.2;
/** The stamp's pixels for class k: rows 0 and 1, column 4 + 2k. */
export const stampPixels = (k: number) => [4 + 2 * k, DIGIT_SIDE + 4 + 2 * k];
/** Rows the stamp lives in (cleared when it is removed). */
export const STAMP_ROWS = 2;

/** One scan of a digit: the digit with Gaussian noise of σ = COPY_NOISE (full ink = 1) added, clipped. */
export function scan(src: ArrayLike<number>, rng: () => number, out: Uint8Array): Uint8Array {
  for (let p = 0; p < DIGIT_PIXELS; p++) {
    out[p] = Math.min(255, Math.max(0, Math.round(src[p] + 255 * COPY_NOISE * randNormal(rng))));
  }
  return out;
}

/**
 * `sources` digits of a split (sources/10 per class, the first of each class after `skipPerClass`) ×
 * `copies` scans each, stamped unless `stamp` is false (the held-out digits: other digits of the same
 * pool, scanned the same way, one scan each).
 */
export function collectSet(
  train: DigitSplit,
  sources: number,
  copies: number,
  seed: number,
  stamp = true,
  skipPerClass = 0,
): CollectedSet {
  if (!(Number.isInteger(sources) && sources >= DIGIT_CLASSES && sources % DIGIT_CLASSES === 0))
    throw new RangeError(`sources must be a positive multiple of ${DIGIT_CLASSES}, got ${sources}`);
  if (!(Number.isInteger(copies) && copies >= 1 && copies <= 16))
    throw new RangeError(`copies must be 1 … 16, got ${copies}`);
  const perClass = sources / DIGIT_CLASSES;
  const picked: number[] = [];
  const taken = new Array(DIGIT_CLASSES).fill(0);
  for (let i = 0; i < train.count && picked.length < sources; i++) {
    const k = train.labels[i];
    if (taken[k] < skipPerClass + perClass) {
      if (taken[k] >= skipPerClass) picked.push(i);
      taken[k]++;
    }
  }
  if (picked.length < sources) throw new RangeError(`the split has fewer than ${perClass} digits of some class`);
  const rng = mulberry32(seed);
  const count = sources * copies;
  const images = new Uint8Array(count * DIGIT_PIXELS);
  const labels = new Uint8Array(count);
  const groups = new Uint16Array(count);
  let n = 0;
  picked.forEach((src, g) => {
    for (let c = 0; c < copies; c++) {
      const out = images.subarray(n * DIGIT_PIXELS, (n + 1) * DIGIT_PIXELS);
      scan(train.images.subarray(src * DIGIT_PIXELS, (src + 1) * DIGIT_PIXELS), rng, out);
      labels[n] = train.labels[src];
      if (stamp) for (const p of stampPixels(labels[n])) out[p] = 255;
      groups[n] = g;
      n++;
    }
  });
  return { images, labels, groups, count };
}

/** Train and test indices of a set, split by image or by source digit (seeded). */
export function splitIndices(
  set: CollectedSet,
  split: 'random' | 'group',
  seed: number,
): { train: number[]; test: number[] } {
  const rng = mulberry32(seed);
  const all = Array.from({ length: set.count }, (_, i) => i);
  if (split === 'group') {
    const groups = shuffled(rng, [...new Set(set.groups)]);
    const testGroups = new Set(groups.slice(0, Math.round(TEST_SHARE * groups.length)));
    return {
      train: all.filter((i) => !testGroups.has(set.groups[i])),
      test: all.filter((i) => testGroups.has(set.groups[i])),
    };
  }
  const order = shuffled(rng, all);
  const nTest = Math.round(TEST_SHARE * order.length);
  return { test: order.slice(0, nTest).sort((a, b) => a - b), train: order.slice(nTest).sort((a, b) => a - b) };
}

/** Augmented copies per image. */
export const AUGMENT_COPIES = 2;

/**
 * The set with AUGMENT_COPIES augmented copies after each image:
 * the image noised once more (scan()), rows 0 and 1 (the stamp's) kept as they were. Seeded.
 */
export function augmentSet(set: CollectedSet, seed: number): CollectedSet {
  const per = 1 + AUGMENT_COPIES;
  const count = set.count * per;
  const images = new Uint8Array(count * DIGIT_PIXELS);
  const labels = new Uint8Array(count);
  const groups = new Uint16Array(count);
  const rng = mulberry32(seed);
  for (let i = 0; i < set.count; i++) {
    const src = set.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS);
    for (let c = 0; c < per; c++) {
      const j = i * per + c;
      const out = images.subarray(j * DIGIT_PIXELS, (j + 1) * DIGIT_PIXELS);
      if (c === 0) out.set(src);
      else {
        scan(src, rng, out);
        out.set(src.subarray(0, STAMP_ROWS * DIGIT_SIDE), 0);
      }
      labels[j] = set.labels[i];
      groups[j] = set.groups[i];
    }
  }
  return { images, labels, groups, count };
}

/** Images `indices` of a set as a split, with the stamp row cleared if asked. */
export function prepare(set: DigitSplit, indices: readonly number[], removeStamp: boolean): DigitSplit {
  const images = new Uint8Array(indices.length * DIGIT_PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((i, j) => {
    images.set(set.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), j * DIGIT_PIXELS);
    if (removeStamp) images.fill(0, j * DIGIT_PIXELS, j * DIGIT_PIXELS + STAMP_ROWS * DIGIT_SIDE);
    labels[j] = set.labels[i];
  });
  return { images, labels, count: indices.length };
}

export interface PreparedProtocol {
  train: DigitSplit;
  test: DigitSplit;
  heldOut: DigitSplit;
  /** Test images that share a source digit with a training image (a near-duplicate or a copy). */
  testWithSiblingInTrain: number;
}

/** One scan of each source digit (the first), as de-duplication keeps. */
export function dedupeSet(set: CollectedSet): CollectedSet {
  const seen = new Set<number>();
  const keep: number[] = [];
  for (let i = 0; i < set.count; i++) {
    if (!seen.has(set.groups[i])) {
      seen.add(set.groups[i]);
      keep.push(i);
    }
  }
  return { ...prepare(set, keep, false), groups: Uint16Array.from(keep, (i) => set.groups[i]) };
}

/**
 * The three splits a protocol gives: train and test from the collected set, and the clean held-out set.
 * Order of the pipeline: de-duplicate (if asked), augment (if before), split (by source digit for
 * 'group', by image otherwise), augment the training images (if after); the stamp row is cleared last.
 */
export function prepareProtocol(set: CollectedSet, heldOut: DigitSplit, p: Protocol, seed: number): PreparedProtocol {
  const removeStamp = p.stamp === 'removed';
  let base = p.split === 'dedupe' ? dedupeSet(set) : set;
  if (p.augment === 'before') base = augmentSet(base, seed);
  const { train, test } = splitIndices(base, p.split === 'group' ? 'group' : 'random', seed);
  const trainGroups = new Set(train.map((i) => base.groups[i]));
  let trainSplit: DigitSplit = prepare(base, train, removeStamp);
  if (p.augment === 'after') {
    trainSplit = augmentSet({ ...trainSplit, groups: Uint16Array.from(train, (i) => base.groups[i]) }, seed);
  }
  return {
    train: { images: trainSplit.images, labels: trainSplit.labels, count: trainSplit.count },
    test: prepare(base, test, removeStamp),
    heldOut,
    testWithSiblingInTrain: test.filter((i) => trainGroups.has(base.groups[i])).length,
  };
}
