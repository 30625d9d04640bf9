/**
 * Seeded script: the leakage lab's study at its starting settings (src/widgets/evaluation-leakage/params.ts),
 * with the code the lab's Worker runs (src/ml/evaluation-leakage.ts) on the tfjs wasm backend: every
 * protocol trained from the same seed on the collected digits, scored on its own test split and on the
 * clean held-out digits. Writes src/widgets/evaluation-leakage/static-run.json (the lab's static figure,
 * and the numbers the lesson quotes; tests/unit/claims/evaluation.claims.test.ts re-measures two of them).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-leakage.ts        (~1 min)
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultValues } from '../src/lib/params';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../src/math/digit-split';
import { runLeakStudy } from '../src/ml/evaluation-leakage';
import { tf } from '../src/ml/tf';
import { params } from '../src/widgets/evaluation-leakage/params';

export const LEAK_RUN_FILE = 'src/widgets/evaluation-leakage/static-run.json';

const root = process.cwd();
const pub = join(root, 'public');
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');

const data = JSON.parse(readFileSync(join(pub, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
const train = await decodeSplitFile(
  new Uint8Array(readFileSync(join(pub, ZOO_DATA_DIR, data.splits.train.file))),
  data.splits.train,
  sha256,
);
const settings = defaultValues(params);
const t0 = performance.now();
const results = runLeakStudy(train, settings);
const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) : v);
writeFileSync(join(root, LEAK_RUN_FILE), JSON.stringify({ settings, results }, round) + '\n');
for (const [id, r] of Object.entries(results)) {
  console.log(
    `${id}: train ${r.trainCount}, test ${r.testCount} (${r.testWithSiblingInTrain} with a sibling in train): ` +
      `test ${(100 * r.testAccuracy).toFixed(1)}%, held-out ${(100 * r.heldOutAccuracy).toFixed(1)}%, inflation ${(100 * r.inflation).toFixed(1)} points`,
  );
}
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
