/**
 * Seeded script: trains the tiny class-conditional noise predictor of the "Diffusion on images" widget
 * on the 14×14 MNIST subset (run scripts/mnist-subset.ts first), with the shared Denoiser and
 * DiffusionTrainer of src/ml/denoiser.ts on the tfjs wasm backend (one thread), and writes
 *
 *   public/weights/digit-denoiser/weights.bin      float32 weights (see weights-io.ts)
 *   public/weights/digit-denoiser/manifest.json    config, training settings, final loss, sha256, check
 *   src/widgets/digit-diffusion/static-samples.json the static figure's seeded sample grid
 *
 *   node scripts/run-ts.mjs scripts/digit-denoiser-train.ts
 *
 * Deterministic: every random draw comes from seeded streams in plain JS and the wasm kernels are
 * single-threaded, so a rerun writes the same bytes (compare the sha256 it prints). To check without
 * touching the committed files, send the output elsewhere: OUT_DIR=/tmp/rerun node scripts/run-ts.mjs …
 * (the same paths are written under OUT_DIR).
 *
 * Honest check, printed and stored: 16 samples of every digit (DDIM 50, guidance 2), each judged by its
 * nearest real digit in the held-out set the model never saw, plus ASCII art of a few samples.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { linearSchedule } from '../src/math/diffusion';
import { deriveSeed, mulberry32, randInt } from '../src/math/random';
import { Denoiser, DiffusionTrainer, type DenoiserConfig } from '../src/ml/denoiser';
import { tf } from '../src/ml/tf';
import {
  asciiArt,
  classAgreement,
  CLASSES,
  DATA_DIR,
  heldoutLabels,
  HELDOUT_FILE,
  MANIFEST_FILE,
  PIXELS,
  readDigitSet,
  setToModel,
  toInkBytes,
  trainLabels,
  TRAIN_FILE,
  type SubsetManifest,
} from '../src/widgets/digit-diffusion/digits-data';
import { SamplingRun } from '../src/widgets/digit-diffusion/sampling-session';
import { STATIC_SAMPLES_FILE, type StaticSamples } from '../src/widgets/digit-diffusion/static-samples';
import { encodeFloat32 } from '../src/lib/weights';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import {
  WEIGHTS_DIR,
  WEIGHTS_FILE,
  WEIGHTS_MANIFEST,
  type DigitDenoiserManifest,
} from '../src/widgets/digit-diffusion/weights-io';
import { defaultValues } from '../src/lib/params';
import { params } from '../src/widgets/digit-diffusion/params';

const CONFIG: DenoiserConfig = { dataDim: PIXELS, hidden: 256, layers: 2, timeDim: 32, numClasses: CLASSES, seed: 1 };
/**
 * Two phases of Adam (Kingma & Ba 2015) with the simple loss of Ho et al. 2020: most steps at a rate
 * high enough to learn fast, then a quarter of it to settle below the first rate's noise floor (in a
 * trial the loss had flattened near 0.16 at 2e-3). Each phase has its own DiffusionTrainer (fresh Adam
 * moments, weight average restarted from the current weights); samples come from the second's average.
 * Measured budget: ~0.1 s of one core per step at batch 128, so about 4.5 minutes of CPU in all.
 */
const TRAINING = {
  phases: [
    { steps: 2000, learningRate: 2e-3 },
    { steps: 600, learningRate: 5e-4 },
  ],
  batchSize: 128,
  emaDecay: 0.995,
  pUncond: 0.1,
  seed: 1,
};
const T = 1000;
const CHECK = { perDigit: 16, sampler: 'ddim' as const, steps: 50, guidance: 2, seed: 1 };

const root = process.cwd();
const outRoot = process.env.OUT_DIR ?? root;
const started = performance.now();
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');

const subset = JSON.parse(readFileSync(join(root, 'public', DATA_DIR, MANIFEST_FILE), 'utf8')) as SubsetManifest;
const readSet = (file: string, labels: number[]) =>
  readDigitSet(new Uint8Array(readFileSync(join(root, 'public', DATA_DIR, file))), labels);
const train = readSet(TRAIN_FILE, trainLabels());
const heldout = readSet(HELDOUT_FILE, heldoutLabels());
if (sha256(train.pixels) !== subset.train.sha256) throw new Error(`${TRAIN_FILE} does not match its manifest`);
const rows = setToModel(train).map((r) => Array.from(r));

const schedule = linearSchedule(T);
const model = new Denoiser(CONFIG);
const batchRng = mulberry32(deriveSeed(TRAINING.seed, 101));
const losses: number[] = [];
const trainers: DiffusionTrainer[] = [];
for (const [p, phase] of TRAINING.phases.entries()) {
  const trainer = new DiffusionTrainer(model, schedule, {
    learningRate: phase.learningRate,
    // Only the last phase's weight average is sampled from; the earlier phases keep none.
    emaDecay: p === TRAINING.phases.length - 1 ? TRAINING.emaDecay : 0,
    pUncond: TRAINING.pUncond,
    seed: deriveSeed(TRAINING.seed, p),
  });
  trainers.push(trainer);
  for (let s = 1; s <= phase.steps; s++) {
    const idx = Array.from({ length: TRAINING.batchSize }, () => randInt(batchRng, rows.length));
    const { loss } = trainer.trainStep(
      idx.map((i) => rows[i]),
      idx.map((i) => train.labels[i]),
    );
    losses.push(loss);
    if (losses.length % 500 === 0 || s === phase.steps) {
      const recent = losses.slice(-500);
      console.log(
        `step ${losses.length} (learning rate ${phase.learningRate}): mean loss of the last ${recent.length} steps ` +
          `${(recent.reduce((a, b) => a + b, 0) / recent.length).toFixed(4)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  }
}
const trainedAt = performance.now();
const tail = losses.slice(-200);
const finalLoss = tail.reduce((a, b) => a + b, 0) / tail.length;
const ema = trainers.at(-1)!.ema!;
const weights = ema.getWeights();
const shapes = ema.trainableVariables.map((v) => v.shape);

// The check: CHECK.perDigit samples of every digit with the widget's default sampler settings.
const byDigit: number[] = [];
const shown: Float32Array[] = [];
let agreeAll = 0;
for (let d = 0; d < CLASSES; d++) {
  const run = new SamplingRun(ema, schedule, { ...CHECK, digit: d, n: CHECK.perDigit }).runToEnd();
  const samples = run.samples;
  const { agree } = classAgreement(
    samples,
    samples.map(() => d),
    heldout,
  );
  byDigit.push(agree / samples.length);
  agreeAll += agree;
  shown.push(samples[0], samples[1]);
}
const agreement = agreeAll / (CLASSES * CHECK.perDigit);
console.log(asciiArt(shown.slice(0, 10)));
console.log(asciiArt(shown.slice(10, 20)));
console.log(
  `nearest-digit agreement: ${(100 * agreement).toFixed(1)}% overall; by digit ${byDigit.map((a) => (100 * a).toFixed(0)).join(' ')} ` +
    `(real digits: ${(100 * subset.realDigitAgreement).toFixed(1)}%)`,
);

// The static figure: the widget's default request, exactly as the Worker will run it.
const defaults = defaultValues(params);
const figure = new SamplingRun(ema, schedule, {
  digit: defaults.digit,
  guidance: defaults.guidance,
  sampler: defaults.sampler,
  steps: defaults.steps,
  seed: defaults.seed,
}).runToEnd();
const figureSamples = figure.samples;
const staticSamples: StaticSamples = {
  request: figure.request,
  samples: figureSamples.map((s) => Buffer.from(toInkBytes(s)).toString('base64')),
  nearest: classAgreement(
    figureSamples,
    figureSamples.map(() => defaults.digit),
    heldout,
  ).nearest,
};

const bytes = encodeFloat32(weights);
const manifest: DigitDenoiserManifest = {
  file: WEIGHTS_FILE,
  format: 'float32-le',
  bytes: bytes.length,
  sha256: sha256(bytes),
  numParameters: ema.numParameters,
  config: CONFIG,
  shapes,
  schedule: { kind: 'linear', T },
  training: {
    ...TRAINING,
    steps: losses.length,
    data: { file: TRAIN_FILE, sha256: subset.train.sha256 },
    finalLoss: Number(finalLoss.toFixed(5)),
    backend: 'wasm (tfjs 4.22, Node, one thread)',
  },
  check: {
    ...CHECK,
    agreement: Number(agreement.toFixed(4)),
    agreementByDigit: byDigit.map((a) => Number(a.toFixed(4))),
    realDigitAgreement: subset.realDigitAgreement,
  },
};
const outDir = join(outRoot, 'public', WEIGHTS_DIR);
mkdirSync(outDir, { recursive: true });
mkdirSync(dirname(join(outRoot, STATIC_SAMPLES_FILE)), { recursive: true });
writeFileSync(join(outDir, WEIGHTS_FILE), bytes);
writeFileSync(join(outDir, WEIGHTS_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(outRoot, STATIC_SAMPLES_FILE), `${JSON.stringify(staticSamples)}\n`);
trainers.forEach((t) => t.dispose());
model.dispose();
console.log(
  `${ema.numParameters} parameters, ${bytes.length} bytes, sha256 ${manifest.sha256}; final loss ${finalLoss.toFixed(4)}; ` +
    `training ${((trainedAt - started) / 1000).toFixed(0)} s, checks ${((performance.now() - trainedAt) / 1000).toFixed(0)} s ` +
    `(wall clock); CPU time of the whole script ${(process.cpuUsage().user / 1e6).toFixed(0)} s`,
);
