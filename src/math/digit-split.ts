/**
 * The zoo's one split of real MNIST digits (LeCun, Bottou, Bengio & Haffner 1998, the ~10,000 digits of
 * the `mnist` package): how it is cut, stored and read back. Pure (no tfjs, no DOM): the data script
 * writes the files with it, the unit tests redo the cut and compare bytes, and the browser decodes the
 * files with it (in a Worker or on the page).
 *
 * The cut, for seed s: each class d's images are shuffled by their own stream (mulberry32 of
 * deriveSeed(s, d)); the first TEST_PER_CLASS go to the test split, the next VALIDATION_PER_CLASS to
 * validation, all the rest to training. Test and validation are class-balanced (200 and 100 per class);
 * training keeps the package's class frequencies (the fewest fives: 563, the most ones: 827; 7,000 in all).
 *
 * Order in the files: test and validation interleaved, so image i is a digit i mod 10 and the k-th
 * test digit of class c is image 10k + c; training shuffled (deriveSeed(s, 10)), so any prefix of it is a
 * random sample.
 *
 * A split file holds N images of 784 bytes (row by row, 0 paper … 255 full ink; the package's floats
 * u/255 rounded back to their bytes), then the N labels, one byte each; it is stored gzip-compressed
 * (level 9; MNIST strokes on blank paper compress to ~18%), and the manifest gives the SHA-256 and size of
 * both the stored (.gz) and the decompressed bytes. decodeSplitFile accepts either, since a host may
 * serve a .gz file with Content-Encoding: gzip and the browser then hands over the decompressed bytes.
 */
import { deriveSeed, mulberry32, shuffled } from './random';
import { DIGIT_CLASSES, DIGIT_PIXELS } from './zoo';

export const ZOO_SPLIT_SEED = 1;
export const TEST_PER_CLASS = 200;
export const VALIDATION_PER_CLASS = 100;
export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Where the files live under public/ (served from the site's base). */
export const ZOO_DATA_DIR = 'data/zoo';
export const ZOO_DATA_MANIFEST = 'manifest.json';
export const splitFileName = (name: SplitName) => `${name}.u8.gz`;

/** The stream of the training order, after the ten class streams. */
const TRAIN_ORDER_STREAM = DIGIT_CLASSES;

export interface DigitSplit {
  /** count × 784 bytes, 0 paper … 255 ink. */
  images: Uint8Array;
  /** count labels, 0 … 9. */
  labels: Uint8Array;
  count: number;
}

export interface SplitFileInfo {
  file: string;
  count: number;
  perClass: number[];
  order: string;
  /** The stored (gzip) file. */
  bytes: number;
  sha256: string;
  /** The decompressed bytes: count × 785. */
  rawBytes: number;
  rawSha256: string;
}

export interface DigitSplitManifest {
  source: { package: string; version: string; reference: string; imagesPerClass: number[] };
  seed: number;
  side: number;
  encoding: string;
  compression: string;
  /** Which source images (index within their class in the package) each split holds, by class. */
  selection: string;
  splits: Record<SplitName, SplitFileInfo>;
}

/** The package's floats in [0, 1] (three decimals of u/255) back to the byte u. */
export function toByte(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

/**
 * Which images of each class go where: for class d, indices (within the class) of its test,
 * validation and training images, in their drawn order. `counts[d]` is the package's count of class d.
 */
export function splitIndices(counts: readonly number[], seed = ZOO_SPLIT_SEED): Record<SplitName, number[][]> {
  if (counts.length !== DIGIT_CLASSES) throw new RangeError(`need ${DIGIT_CLASSES} classes, got ${counts.length}`);
  const out: Record<SplitName, number[][]> = { train: [], validation: [], test: [] };
  counts.forEach((count, d) => {
    if (!Number.isInteger(count) || count < TEST_PER_CLASS + VALIDATION_PER_CLASS + 1) {
      throw new RangeError(`class ${d} has ${count} images, fewer than the split needs`);
    }
    const order = shuffled(
      mulberry32(deriveSeed(seed, d)),
      Array.from({ length: count }, (_, i) => i),
    );
    out.test.push(order.slice(0, TEST_PER_CLASS));
    out.validation.push(order.slice(TEST_PER_CLASS, TEST_PER_CLASS + VALIDATION_PER_CLASS));
    out.train.push(order.slice(TEST_PER_CLASS + VALIDATION_PER_CLASS));
  });
  return out;
}

/** (class, index within class) of every image of each split, in file order. */
export function splitOrder(counts: readonly number[], seed = ZOO_SPLIT_SEED): Record<SplitName, [number, number][]> {
  const idx = splitIndices(counts, seed);
  const interleave = (perClass: number[][], n: number) => {
    const out: [number, number][] = [];
    for (let k = 0; k < n; k++) for (let d = 0; d < DIGIT_CLASSES; d++) out.push([d, perClass[d][k]]);
    return out;
  };
  const train = shuffled(
    mulberry32(deriveSeed(seed, TRAIN_ORDER_STREAM)),
    idx.train.flatMap((list, d) => list.map((i): [number, number] => [d, i])),
  );
  return {
    train,
    validation: interleave(idx.validation, VALIDATION_PER_CLASS),
    test: interleave(idx.test, TEST_PER_CLASS),
  };
}

/**
 * Cuts the three splits out of the package's arrays: `raw[d]` is the flat float array of class d
 * (784 numbers per image, in [0, 1]).
 */
export function selectZooSplit(
  raw: readonly ArrayLike<number>[],
  seed = ZOO_SPLIT_SEED,
): Record<SplitName, DigitSplit> {
  if (raw.length !== DIGIT_CLASSES) throw new RangeError(`need ${DIGIT_CLASSES} classes, got ${raw.length}`);
  const counts = raw.map((data, d) => {
    if (data.length % DIGIT_PIXELS !== 0)
      throw new RangeError(`class ${d}: ${data.length} numbers are not whole images`);
    return data.length / DIGIT_PIXELS;
  });
  const order = splitOrder(counts, seed);
  const build = (list: [number, number][]): DigitSplit => {
    const images = new Uint8Array(list.length * DIGIT_PIXELS);
    const labels = new Uint8Array(list.length);
    list.forEach(([d, i], n) => {
      const src = raw[d];
      const from = i * DIGIT_PIXELS;
      for (let p = 0; p < DIGIT_PIXELS; p++) images[n * DIGIT_PIXELS + p] = toByte(src[from + p]);
      labels[n] = d;
    });
    return { images, labels, count: list.length };
  };
  return { train: build(order.train), validation: build(order.validation), test: build(order.test) };
}

/** Images per class of a split. */
export function classCounts(split: DigitSplit): number[] {
  const out = new Array<number>(DIGIT_CLASSES).fill(0);
  for (let i = 0; i < split.count; i++) out[split.labels[i]]++;
  return out;
}

/** A split as the bytes of its (uncompressed) file: images, then labels. */
export function encodeSplit(split: DigitSplit): Uint8Array {
  const out = new Uint8Array(split.count * (DIGIT_PIXELS + 1));
  out.set(split.images.subarray(0, split.count * DIGIT_PIXELS));
  out.set(split.labels.subarray(0, split.count), split.count * DIGIT_PIXELS);
  return out;
}

/** Reads the uncompressed bytes of a split file; throws a RangeError a reader can act on. */
export function decodeSplit(bytes: Uint8Array, expectedCount?: number): DigitSplit {
  const count = bytes.length / (DIGIT_PIXELS + 1);
  if (!Number.isInteger(count) || count === 0) {
    throw new RangeError(
      `a digit file of ${bytes.length} bytes does not hold whole images of ${DIGIT_PIXELS + 1} bytes`,
    );
  }
  if (expectedCount !== undefined && count !== expectedCount) {
    throw new RangeError(`the digit file holds ${count} images, its manifest says ${expectedCount}`);
  }
  const images = bytes.subarray(0, count * DIGIT_PIXELS);
  const labels = bytes.subarray(count * DIGIT_PIXELS);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= DIGIT_CLASSES) throw new RangeError(`label ${i} of the digit file is ${labels[i]}, not 0 … 9`);
  }
  return { images, labels, count };
}

/** True when the bytes start with gzip's magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzips with the platform's DecompressionStream (browsers, Workers, Node 18+). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The bytes of a fetched split file (gzip, or already decompressed by the host) → the split, checked
 * against its manifest entry: decompressed size and SHA-256 (pass a hash function: src/lib/sha256's
 * sha256Hex in the browser), then the layout.
 */
export async function decodeSplitFile(
  bytes: Uint8Array,
  info: Pick<SplitFileInfo, 'file' | 'count' | 'rawBytes' | 'rawSha256'>,
  hash: (data: Uint8Array) => Promise<string> | string,
): Promise<DigitSplit> {
  const raw = isGzip(bytes) ? await gunzip(bytes) : bytes;
  if (raw.length !== info.rawBytes) {
    throw new RangeError(
      `${info.file} holds ${raw.length} bytes once decompressed, its manifest says ${info.rawBytes}`,
    );
  }
  if ((await hash(raw)) !== info.rawSha256) {
    throw new Error(
      `${info.file} does not match its SHA-256 checksum (a damaged download, or a file from another build)`,
    );
  }
  return decodeSplit(raw, info.count);
}

/**
 * Digits start … start + count - 1 of a split as model input: count × 784 floats u/255 in [0, 1].
 * Pass `out` to reuse a buffer.
 */
export function splitToFloats(
  split: DigitSplit,
  start = 0,
  count = split.count - start,
  out = new Float32Array(count * DIGIT_PIXELS),
): Float32Array {
  if (
    !(Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0 && start + count <= split.count)
  ) {
    throw new RangeError(`digits ${start} … ${start + count - 1} are outside the split's 0 … ${split.count - 1}`);
  }
  const from = start * DIGIT_PIXELS;
  for (let p = 0; p < count * DIGIT_PIXELS; p++) out[p] = split.images[from + p] / 255;
  return out;
}

/** Index in an interleaved split (test, validation) of the k-th digit of class c. */
export function interleavedIndex(digit: number, k: number): number {
  return k * DIGIT_CLASSES + digit;
}
