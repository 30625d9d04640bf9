/**
 * Seeded script: the calibration lab's committed figures. Each zoo model (public/weights/zoo) scores the
 * zoo's 1,000 validation and 2,000 test digits on the tfjs wasm backend (the code a Worker runs:
 * src/ml/zoo/evaluation.ts); a temperature is fitted on the validation logits only, and the test split
 * is scored before and after (src/math/evaluation-calibration.ts), with ECE under both binnings at
 * 5, 10, 15 and 30 bins. Writes src/widgets/evaluation-calibration/static-run.json: the lab's static
 * figure and the numbers the lesson quotes (tests/unit/claims/evaluation.claims.test.ts re-measures them).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-calibration.ts      (~10 s)
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeFloat32 } from '../src/lib/weights';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../src/math/digit-split';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest } from '../src/math/zoo';
import { measureModel, STATIC_OPTIONS, STATIC_RUN_FILE, type CalibrationRun } from '../src/ml/evaluation-calibration';
import { tf } from '../src/ml/tf';

const root = process.cwd();
const pub = join(root, 'public');
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');

const data = JSON.parse(readFileSync(join(pub, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
const load = (name: 'validation' | 'test') =>
  decodeSplitFile(
    new Uint8Array(readFileSync(join(pub, ZOO_DATA_DIR, data.splits[name].file))),
    data.splits[name],
    sha256,
  );
const [validation, test] = await Promise.all([load('validation'), load('test')]);
const zoo = JSON.parse(readFileSync(join(pub, ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST), 'utf8')) as ZooManifest;

const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) : v);
const run: CalibrationRun = {
  options: STATIC_OPTIONS,
  validationCount: validation.count,
  testCount: test.count,
  models: zoo.models.map((entry) => {
    const weights = decodeFloat32(new Uint8Array(readFileSync(join(pub, ZOO_WEIGHTS_DIR, entry.file))), entry.shapes);
    return measureModel(entry, weights, validation, test);
  }),
};
writeFileSync(join(root, STATIC_RUN_FILE), JSON.stringify(run, round) + '\n');
for (const m of run.models) {
  console.log(
    `${m.name}: test accuracy ${(100 * m.accuracy).toFixed(2)}%, T = ${m.temperature.toFixed(3)}, ` +
      `ECE(15) ${(100 * m.before.ece15).toFixed(2)}% -> ${(100 * m.after.ece15).toFixed(2)}%, ` +
      `NLL ${m.before.nll.toFixed(4)} -> ${m.after.nll.toFixed(4)}, Brier ${m.before.brier.toFixed(4)} -> ${m.after.brier.toFixed(4)}, ` +
      `mass-15 ${(100 * m.eceTable.find((e) => e.binning === 'mass' && e.bins === 15)!.before).toFixed(2)}%`,
  );
}
