/**
 * Seeded script: pre-trains the denoiser lab's model on each built-in data set (moons, swiss roll,
 * rings; class-conditional where the set has labels) for both noise schedules at T = 1000, with the
 * very code the browser runs (src/widgets/denoiser-lab/session.ts), on the tfjs wasm backend.
 *
 *   node scripts/run-ts.mjs scripts/denoiser-lab-pretrain.ts
 *
 * Writes public/weights/denoiser-lab/<set>-<schedule>-T1000.bin (the averaged (EMA) weights, float32)
 * and manifest.json (settings, final loss, sliced Wasserstein quality, SHA-256 of every file, and the
 * first steps of the moons run for tests/unit/denoiser-lab.test.ts to replay), and the static figure's
 * sampling run, src/widgets/denoiser-lab/static-run.json. Same seed, same code, same bytes.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { writeFileSync } from 'node:fs';
import { DATASET_NAMES } from '../src/math/datasets2d';
import { SCHEDULE_KINDS } from '../src/math/diffusion';
import { DEFAULT_DIFFUSION_TRAINING } from '../src/ml/denoiser';
import { tf } from '../src/ml/tf';
import { defaultValues } from '../src/lib/params';
import { params } from '../src/widgets/denoiser-lab/params';
import {
  BATCH_SIZE,
  LAB_ARCHITECTURE,
  LAB_P_UNCOND,
  LabSession,
  TRAIN_SIZE,
  type QualityPoint,
  type SessionConfig,
} from '../src/widgets/denoiser-lab/session';
import { recordStaticRun, type StaticRun } from '../src/widgets/denoiser-lab/static-run';
import { encodeFloat32 } from '../src/lib/weights';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import {
  MANIFEST_FILE,
  WEIGHTS_DIR,
  weightsFileName,
  type WeightsEntry,
  type WeightsManifest,
} from '../src/widgets/denoiser-lab/weights';

/**
 * Two stages per model, as a learning-rate decay: the lab's default rate (0.01) for most of the way,
 * then a tenth of it, from the stage-1 weights, with fresh batches (seed + 1). Measured on moons: the
 * constant rate leaves DDIM-50 samples swinging between SW 0.08 and 0.12 from checkpoint to checkpoint
 * (the noise baseline is 0.22); the slow stage brings them to 0.06, near the 0.045 two fresh samples
 * of the data score against each other.
 */
export const STAGES = [
  { steps: 2000, lr: 0.01, seedOffset: 0 },
  { steps: 1000, lr: 0.001, seedOffset: 1 },
] as const;
/** Steps of the moons run recorded for the reproducibility test. */
export const CHECKPOINT_STEPS = 50;
const T = 1000;
const SEED = 1;
const OUT_DIR = `public/${WEIGHTS_DIR}`;
const STATIC_OUT = 'src/widgets/denoiser-lab/static-run.json';

setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');

const defaults = defaultValues(params);
const totalSteps = STAGES.reduce((s, st) => s + st.steps, 0);
const models: WeightsEntry[] = [];
let checkpoint: WeightsManifest['checkpoint'] | null = null;
let staticRun: StaticRun | null = null;

for (const dataset of DATASET_NAMES) {
  for (const schedule of SCHEDULE_KINDS) {
    const started = performance.now();
    const losses: number[] = [];
    const trainingQuality: QualityPoint[] = [];
    let threshold: { step: number; ms: number } | null = null;
    let weights: Float32Array[] = [];
    let offset = 0;
    let trainMs = 0;
    for (const stage of STAGES) {
      const config: SessionConfig = { dataset, points: '', schedule, T, seed: SEED + stage.seedOffset, lr: stage.lr };
      const session = new LabSession(config);
      if (offset > 0) session.loadWeights(weights);
      for (let step = 1; step <= stage.steps; step++) {
        losses.push(session.trainStep());
        if (dataset === 'moons' && schedule === 'linear' && offset + step === CHECKPOINT_STEPS) {
          checkpoint = {
            dataset,
            schedule,
            steps: CHECKPOINT_STEPS,
            losses: losses.slice(),
            sha256: sha256(encodeFloat32(session.model.getWeights())),
          };
        }
      }
      session.checkQuality();
      trainingQuality.push(
        ...session.quality.map((q) => ({ step: offset + q.step, value: Number(q.value.toFixed(4)) })),
      );
      if (!threshold && session.threshold)
        threshold = { step: offset + session.threshold.step, ms: trainMs + session.threshold.ms };
      // The next stage starts from the trained weights; the file keeps their moving average.
      weights = session.model.getWeights();
      if (stage === STAGES.at(-1)) weights = session.sampler.getWeights();
      offset += stage.steps;
      trainMs += session.trainMs;
      session.dispose();
    }
    const trainSeconds = (performance.now() - started) / 1000;
    const bytes = encodeFloat32(weights);
    const file = weightsFileName(dataset, schedule, T);
    writeFileSync(`${OUT_DIR}/${file}`, bytes);

    // Scored as the lab scores it: the default seed's held-out data and sampling noise.
    const session = new LabSession({ dataset, points: '', schedule, T, seed: SEED, lr: defaults.lr });
    session.loadWeights(weights);
    // The lab's default sampling settings, unconditional, scored against held-out data.
    const request = { method: 'ddim' as const, steps: defaults.steps, n: defaults.samples, cls: null, guidance: 0 };
    let last: Float32Array | null = null;
    for (const frame of session.sampleFrames(request)) last = frame.points;
    const q = session.score(last!, null);
    const finalLoss = losses.slice(-100).reduce((a, b) => a + b, 0) / 100;
    models.push({
      file,
      dataset,
      schedule,
      T,
      numClasses: session.numClasses,
      shapes: session.model.weightShapes,
      bytes: bytes.byteLength,
      sha256: sha256(bytes),
      finalLoss: Number(finalLoss.toFixed(4)),
      quality: {
        sampler: 'ddim',
        steps: defaults.steps,
        n: defaults.samples,
        sw: Number(q.sw.toFixed(4)),
        noiseBaseline: Number(q.baseline.toFixed(4)),
      },
      qualityChecks: trainingQuality,
      threshold: threshold ? { step: threshold.step, seconds: Number((threshold.ms / 1000).toFixed(2)) } : null,
      trainSeconds: Number(trainSeconds.toFixed(1)),
    });
    console.log(
      `${file}: ${totalSteps} steps in ${trainSeconds.toFixed(1)} s, loss ${finalLoss.toFixed(3)}, ` +
        `DDIM-${defaults.steps} SW ${q.sw.toFixed(3)} (noise ${q.baseline.toFixed(3)}, data floor ${q.floor.toFixed(3)}), ` +
        `threshold at step ${threshold?.step ?? 'never'}; checks ${trainingQuality.map((p) => p.value.toFixed(3)).join(' ')}`,
    );
    if (dataset === defaults.dataset && schedule === defaults.schedule) {
      const { sampler, steps, samples, seed } = defaults;
      staticRun = recordStaticRun(
        session,
        { dataset, schedule, T, sampler, steps, samples, seed },
        trainingQuality,
        totalSteps,
      );
    }
    session.dispose();
  }
}

const manifest: WeightsManifest = {
  architecture: { ...LAB_ARCHITECTURE },
  training: {
    steps: totalSteps,
    stages: STAGES.map((s) => ({ steps: s.steps, lr: s.lr, seed: SEED + s.seedOffset })),
    batchSize: BATCH_SIZE,
    emaDecay: DEFAULT_DIFFUSION_TRAINING.emaDecay,
    pUncond: LAB_P_UNCOND,
    seed: SEED,
    trainSize: TRAIN_SIZE,
    backend: 'wasm',
    saved: 'ema',
  },
  checkpoint: checkpoint!,
  models,
};
writeFileSync(`${OUT_DIR}/${MANIFEST_FILE}`, `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(STATIC_OUT, `${JSON.stringify(staticRun)}\n`);
console.log(`wrote ${OUT_DIR}/ and ${STATIC_OUT}`);
