/**
 * Seeded script: the calibration lab's "trained here" runs, committed. For each number of epochs in
 * TRAINED_EPOCHS the lab's own job (src/widgets/evaluation-calibration/trained.ts: the zoo's MLP recipe,
 * seed 1, trained with the zoo explorer's ZooTrainer on the 7,000 training digits, then scored on the
 * 1,000 validation and 2,000 test digits like a shipped model) runs on the tfjs wasm backend, and the
 * lab's calibration measures (src/ml/evaluation-calibration.ts: T fitted on validation, the test split
 * before and after) are recorded with the training time and a hash of the test logits. Writes
 * public/data/evaluation/calibration-trained.json: the lab's static figure and the numbers the lesson
 * quotes (tests/unit/claims/evaluation.claims.test.ts replays the fewest epochs and checks the hash).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-calibration-trained.ts
 */
import { calibrationFromLogits } from '../src/ml/evaluation-calibration';
import { tf } from '../src/ml/tf';
import { trainAndScore, trainedOptions } from '../src/widgets/evaluation-calibration/trained';
import {
  TRAINED_EPOCHS,
  TRAINED_RUN_FILE,
  trainedRunEntry,
  type TrainedRun,
} from '../src/widgets/evaluation-calibration/trained-run';
import { useWasmBackend, writeRoundedJson, zooSplit } from './evaluation-node';

await useWasmBackend();
const [train, validation, test] = await Promise.all([zooSplit('train'), zooSplit('validation'), zooSplit('test')]);

const run: TrainedRun = { backend: 'wasm', options: trainedOptions(1), runs: [] };
for (const epochs of TRAINED_EPOCHS) {
  const before = tf.memory().numTensors;
  const r = await trainAndScore({ train, validation, test }, epochs);
  if (!r) throw new Error('the run stopped');
  if (tf.memory().numTensors !== before) throw new Error(`${tf.memory().numTensors - before} tensors leaked`);
  const c = calibrationFromLogits({ name: r.model, title: 'MLP trained here' }, r.validation, r.test);
  run.runs.push(trainedRunEntry(r, c));
  console.log(
    `${epochs} epochs (${r.steps} steps, ${(r.trainMs / 1000).toFixed(1)} s, ${Math.round(r.stepsPerSecond)} steps/s, ` +
      `last-epoch train loss ${r.finalTrainLoss.toFixed(4)}): test accuracy ${(100 * c.accuracy).toFixed(2)}%, ` +
      `mean confidence ${(100 * c.before.meanConfidence).toFixed(2)}%, ECE(15) ${(100 * c.before.ece15).toFixed(2)}% ` +
      `-> ${(100 * c.after.ece15).toFixed(2)}% at T = ${c.temperature.toFixed(3)}, NLL ${c.before.nll.toFixed(4)} -> ${c.after.nll.toFixed(4)}`,
  );
}
writeRoundedJson(TRAINED_RUN_FILE, run);
