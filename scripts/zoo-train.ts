/**
 * Seeded script: trains the digit model zoo (src/ml/zoo/recipes.ts: softmax regression, MLP, CNN and the
 * adversarially trained CNN) on the zoo's training split with the very session class a Worker runs
 * (src/ml/zoo/training.ts), on the tfjs wasm backend (one thread), and scores each model:
 *
 *   test split (2,000): accuracy and per-class accuracy; both CNNs also under PGD (ε = 0.3, 40 steps of
 *                       0.01, random start: Madry et al. 2018's MNIST attack);
 *   validation (1,000): accuracy, NLL and ECE (15 bins).
 *
 * Settings were chosen on the validation split; the test split is only scored, never used to choose.
 * Writes public/weights/zoo/<name>.bin (float32, src/lib/weights.ts) and public/weights/zoo/manifest.json
 * (architecture, parameters, bytes, SHA-256, shapes, training settings and time, scores, and the first
 * steps' losses and weights hash that tests/unit/zoo-shipped.test.ts replays bit for bit).
 *
 *   node scripts/run-ts.mjs scripts/zoo-train.ts        (npm run train:zoo; run npm run data:zoo first)
 *
 * Environment: OUT_DIR writes under another root (to check a rerun without touching the committed files);
 * ZOO_ONLY=softmax,mlp trains only those models (the manifest then lists only them); ZOO_SMOKE=1 takes
 * 5 steps per model and attacks 200 digits (a check of the script itself; send it to OUT_DIR).
 * Measured here (2 cores shared with other work): 926 s of one core in all (27.5 min of wall clock):
 * softmax 4 s, MLP 42 s, CNN 122 s, robust CNN 609 s of training (7 PGD steps per batch), and 74 s
 * for each CNN's PGD evaluation of the 2,000 test digits.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { encodeFloat32 } from '../src/lib/weights';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../src/math/digit-split';
import {
  describeArchitecture,
  PGD_EVAL_BATCH,
  PGD_EVAL_SEED,
  REPLAY_STEPS,
  ZOO_WEIGHTS_DIR,
  ZOO_WEIGHTS_MANIFEST,
  zooWeightsFile,
  type ZooManifest,
  type ZooModelEntry,
} from '../src/math/zoo';
import { evaluateSplit } from '../src/ml/zoo/evaluation';
import { ZOO_PGD_EVALUATION, ZOO_RECIPES } from '../src/ml/zoo/recipes';
import { ZooTrainingSession } from '../src/ml/zoo/training';
import { tf } from '../src/ml/tf';

const root = process.cwd();
const outRoot = process.env.OUT_DIR ?? root;
const only = process.env.ZOO_ONLY?.split(',').filter(Boolean);
const smoke = process.env.ZOO_SMOKE === '1';
if (smoke && !process.env.OUT_DIR)
  throw new Error('ZOO_SMOKE=1 needs OUT_DIR (it must not overwrite the shipped weights)');
const started = performance.now();
const cpuStart = process.cpuUsage();
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};
const round = (v: number, digits = 6) => Number(v.toFixed(digits));

setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');

const dataDir = join(root, 'public', ZOO_DATA_DIR);
const dataManifestText = readFileSync(join(dataDir, ZOO_DATA_MANIFEST), 'utf8');
const dataManifest = JSON.parse(dataManifestText) as DigitSplitManifest;
const load = (name: 'train' | 'validation' | 'test') => {
  const info = dataManifest.splits[name];
  return decodeSplitFile(new Uint8Array(readFileSync(join(dataDir, info.file))), info, sha256);
};
const [train, validation, test] = await Promise.all([load('train'), load('validation'), load('test')]);

const outDir = join(outRoot, 'public', ZOO_WEIGHTS_DIR);
mkdirSync(outDir, { recursive: true });
const entries: ZooModelEntry[] = [];

for (const recipe of ZOO_RECIPES) {
  if (only && !only.includes(recipe.name)) continue;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const session = new ZooTrainingSession(recipe.options, train);
  const total = smoke ? 5 : recipe.options.schedule!.totalSteps;
  const firstLosses: number[] = [];
  let replaySha = '';
  let sumLoss = 0;
  let sumAcc = 0;
  let n = 0;
  const perEpoch = smoke ? total : total / recipe.epochs;
  for (let t = 1; t <= total; t++) {
    const r = session.trainStep();
    if (t <= REPLAY_STEPS) firstLosses.push(r.loss);
    if (t === REPLAY_STEPS) replaySha = sha256(encodeFloat32(session.model.getWeights()));
    sumLoss += r.loss;
    sumAcc += r.accuracy;
    n++;
    if (t % perEpoch === 0) {
      console.log(
        `${recipe.name} epoch ${t / perEpoch}/${recipe.epochs}: loss ${(sumLoss / n).toFixed(4)}, batch accuracy ${(sumAcc / n).toFixed(3)}` +
          (r.epsilon > 0 ? ` (PGD ε ${r.epsilon.toFixed(2)})` : '') +
          `, lr ${r.learningRate.toExponential(2)}; ${cpuSeconds(c0).toFixed(0)} s cpu`,
      );
      sumLoss = sumAcc = n = 0;
    }
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  const trainCpuSeconds = cpuSeconds(c0);
  const model = session.model;
  const weights = model.getWeights();
  const bytes = encodeFloat32(weights);
  const file = zooWeightsFile(recipe.name);
  writeFileSync(join(outDir, file), bytes);

  const onTest = evaluateSplit(model, test);
  const onValidation = evaluateSplit(model, validation);
  const entry: ZooModelEntry = {
    name: recipe.name,
    title: recipe.title,
    architecture: recipe.options.architecture,
    description: describeArchitecture(recipe.options.architecture),
    parameters: model.numParameters,
    file,
    bytes: bytes.length,
    sha256: sha256(bytes),
    shapes: model.weightShapes,
    training: {
      session: recipe.options,
      epochs: recipe.epochs,
      steps: total,
      data: `train split (${train.count} digits)`,
      optimizer: 'Adam (tfjs defaults: β1 0.9, β2 0.999, ε 1e-7), cosine learning-rate decay',
      loss: recipe.options.adversarial ? 'cross-entropy at the PGD adversary of each digit' : 'cross-entropy',
      backend: 'tfjs-backend-wasm 4.22 (Node, one thread)',
    },
    trainSeconds: round(trainSeconds, 1),
    trainCpuSeconds: round(trainCpuSeconds, 1),
    test: {
      count: onTest.count,
      correct: onTest.correct,
      accuracy: round(onTest.accuracy),
      perClass: onTest.perClass.map((a) => round(a)),
    },
    validation: {
      count: onValidation.count,
      accuracy: round(onValidation.accuracy),
      nll: round(onValidation.nll),
      ece: round(onValidation.ece),
    },
    replay: { steps: REPLAY_STEPS, losses: firstLosses, sha256: replaySha },
  };
  if (recipe.options.architecture.kind === 'cnn') {
    const c1 = process.cpuUsage();
    let firstBatch = -1;
    const attacked = evaluateSplit(
      model,
      test,
      {
        attack: { settings: ZOO_PGD_EVALUATION, seed: PGD_EVAL_SEED },
        batchSize: PGD_EVAL_BATCH,
        count: smoke ? 2 * PGD_EVAL_BATCH : undefined,
      },
      (p) => {
        if (firstBatch < 0) firstBatch = p.correct;
      },
    );
    entry.pgd = {
      settings: ZOO_PGD_EVALUATION,
      seed: PGD_EVAL_SEED,
      count: attacked.count,
      correct: attacked.correct,
      accuracy: round(attacked.accuracy),
      firstBatch: { count: PGD_EVAL_BATCH, correct: firstBatch },
      cpuSeconds: round(cpuSeconds(c1), 1),
    };
  }
  session.dispose();
  entries.push(entry);
  console.log(
    `${recipe.name}: ${entry.parameters} parameters, ${entry.bytes} bytes; test ${(100 * entry.test.accuracy).toFixed(2)}%` +
      (entry.pgd ? `, under PGD ${(100 * entry.pgd.accuracy).toFixed(2)}%` : '') +
      `; validation NLL ${entry.validation.nll.toFixed(4)}, ECE ${entry.validation.ece.toFixed(4)}; ` +
      `trained in ${entry.trainSeconds} s (${entry.trainCpuSeconds} s cpu); tensors ${tf.memory().numTensors}`,
  );
}

const manifest: ZooManifest = {
  data: {
    manifest: `${ZOO_DATA_DIR}/${ZOO_DATA_MANIFEST}`,
    sha256: sha256(new TextEncoder().encode(dataManifestText)),
  },
  backend: 'wasm',
  seed: 1,
  pgdEvaluation: ZOO_PGD_EVALUATION,
  ece: { bins: 15, binning: 'equal width on the top probability, bins ((m-1)/15, m/15] (Guo et al. 2017)' },
  models: entries,
  totalSeconds: round((performance.now() - started) / 1000, 1),
  totalCpuSeconds: round(cpuSeconds(cpuStart), 1),
};
writeFileSync(join(outDir, ZOO_WEIGHTS_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `wrote ${outDir}: ${entries.length} models in ${manifest.totalSeconds} s (${manifest.totalCpuSeconds} s cpu)`,
);
