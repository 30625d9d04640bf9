/**
 * Seeded script: the shift study the evaluation lesson quotes. Each zoo model scores the 2,000 test
 * digits clean, rotated, moved, blurred, noised, faded, inverted, under a class-prior change, and 2,000 images
 * of uniform noise (src/math/evaluation-shift.ts,
 * seed 1) at severities 0, ¼, ½, ¾ and 1, on the tfjs wasm backend (src/ml/evaluation-shift.ts). Writes
 * src/widgets/evaluation-shared/static-run.json (tests/unit/claims/evaluation.claims.test.ts re-measures it).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-shift.ts        (~1 min)
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeFloat32 } from '../src/lib/weights';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../src/math/digit-split';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest } from '../src/math/zoo';
import { measureShift, SHIFT_SEED, SHIFT_SEVERITIES } from '../src/ml/evaluation-shift';
import { tf } from '../src/ml/tf';
import { zooModelFromWeights } from '../src/ml/zoo/models';

export const SHIFT_RUN_FILE = 'src/widgets/evaluation-shared/static-run.json';

const root = process.cwd();
const pub = join(root, 'public');
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');

const data = JSON.parse(readFileSync(join(pub, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
const test = await decodeSplitFile(
  new Uint8Array(readFileSync(join(pub, ZOO_DATA_DIR, data.splits.test.file))),
  data.splits.test,
  sha256,
);
const zoo = JSON.parse(readFileSync(join(pub, ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST), 'utf8')) as ZooManifest;
const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) : v);
const run = {
  seed: SHIFT_SEED,
  severities: SHIFT_SEVERITIES,
  testCount: test.count,
  models: zoo.models.map((entry) => {
    const model = zooModelFromWeights(
      entry,
      decodeFloat32(new Uint8Array(readFileSync(join(pub, ZOO_WEIGHTS_DIR, entry.file))), entry.shapes),
    );
    try {
      return { name: entry.name, title: entry.title, points: measureShift(model, test) };
    } finally {
      model.dispose();
    }
  }),
};
mkdirSync(join(root, 'src/widgets/evaluation-shared'), { recursive: true });
writeFileSync(join(root, SHIFT_RUN_FILE), JSON.stringify(run, round) + '\n');
for (const m of run.models) {
  for (const p of m.points.filter((x) => x.severity === 1)) {
    console.log(
      `${m.name} ${p.corruption}: accuracy ${(100 * p.accuracy).toFixed(1)}%, confidence ${(100 * p.meanConfidence).toFixed(1)}%, ` +
        `ECE ${(100 * p.ece).toFixed(1)}%, AUROC msp ${p.aurocMaxSoftmax.toFixed(3)}, energy ${p.aurocEnergy.toFixed(3)}`,
    );
  }
}
