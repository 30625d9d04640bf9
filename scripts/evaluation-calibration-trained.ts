/**
 * Seeded script: the calibration lab's "trained here" runs, committed. For each number of epochs in
 * TRAINED_EPOCHS the lab's own job (src/widgets/evaluation-calibration/trained.ts: the zoo's MLP recipe,
 * seed 1, trained with the zoo explorer's ZooTrainer on the 7,000 training digits, then scored on the
 * 1,000 validation and 2,000 test digits like a shipped model) runs on the tfjs wasm backend, and the
 * lab's calibration measures (src/ml/evaluation-calibration.ts: T fitted on validation, the test split
 * before and after) are recorded with the training time and a hash of the test logits. Writes
 * src/widgets/evaluation-calibration/trained-run.json: the lab's static figure and the numbers the lesson
 * quotes (tests/unit/claims/evaluation.claims.test.ts replays the fewest epochs and checks the hash).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-calibration-trained.ts
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../src/math/digit-split';
import { calibrationFromLogits } from '../src/ml/evaluation-calibration';
import { tf } from '../src/ml/tf';
import {
  TRAINED_EPOCHS,
  TRAINED_RUN_FILE,
  trainedRunEntry,
  type TrainedRun,
} from '../src/widgets/evaluation-calibration/trained-run';
import { trainAndScore, trainedOptions } from '../src/widgets/evaluation-calibration/trained';

const root = process.cwd();
const pub = join(root, 'public');
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');

const data = JSON.parse(readFileSync(join(pub, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
const load = (name: 'train' | 'validation' | 'test') =>
  decodeSplitFile(
    new Uint8Array(readFileSync(join(pub, ZOO_DATA_DIR, data.splits[name].file))),
    data.splits[name],
    sha256,
  );
const [train, validation, test] = await Promise.all([load('train'), load('validation'), load('test')]);
const splits = { train, validation, test };

const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) : v);
const run: TrainedRun = { backend: 'wasm', options: trainedOptions(1), runs: [] };
for (const epochs of TRAINED_EPOCHS) {
  const before = tf.memory().numTensors;
  const r = await trainAndScore(splits, epochs);
  if (!r) throw new Error('the run stopped');
  if (tf.memory().numTensors !== before) throw new Error(`${tf.memory().numTensors - before} tensors leaked`);
  const entry = trainedRunEntry(
    r,
    calibrationFromLogits({ name: r.model, title: 'MLP trained here' }, r.validation, r.test),
  );
  run.runs.push(entry);
  const c = entry.calibration;
  console.log(
    `${epochs} epochs (${r.steps} steps, ${(r.trainMs / 1000).toFixed(1)} s, ${Math.round(r.stepsPerSecond)} steps/s, ` +
      `last-epoch train loss ${r.finalTrainLoss.toFixed(4)}): test accuracy ${(100 * c.accuracy).toFixed(2)}%, ` +
      `mean confidence ${(100 * c.before.meanConfidence).toFixed(2)}%, ECE(15) ${(100 * c.before.ece15).toFixed(2)}% ` +
      `-> ${(100 * c.after.ece15).toFixed(2)}% at T = ${c.temperature.toFixed(3)}, NLL ${c.before.nll.toFixed(4)} -> ${c.after.nll.toFixed(4)}`,
  );
}
writeFileSync(join(root, TRAINED_RUN_FILE), JSON.stringify(run, round) + '\n');
