/**
 * The pre-trained weights of the denoiser lab: file format, manifest, and which file fits a setting.
 *
 * Format: one .bin file per model in the site's weights format (src/lib/weights.ts: the Denoiser's
 * weight arrays in getWeights order, float32 little-endian; the manifest gives each array's shape and
 * the file's SHA-256). Files live in public/weights/denoiser-lab/ and are written by
 * scripts/denoiser-lab-pretrain.ts (seeded).
 */
import type { WeightsFile } from '../../lib/weights';
import type { ScheduleKind } from '../../math/diffusion';
import type { DatasetChoice } from '../diffusion-shared/dataset-params';

/** Path of the weights folder below the site root (and below public/ in the repository). */
export const WEIGHTS_DIR = 'weights/denoiser-lab';
export const MANIFEST_FILE = 'manifest.json';

export interface WeightsEntry extends WeightsFile {
  dataset: Exclude<DatasetChoice, 'drawn'>;
  schedule: ScheduleKind;
  T: number;
  numClasses: number;
  /** Mean training loss over the last 100 steps. */
  finalLoss: number;
  /** Unconditional DDIM sample scored against held-out data (see session.ts). */
  quality: { sampler: 'ddim'; steps: number; n: number; sw: number; noiseBaseline: number };
  /** The quick quality checks of the pre-training (see session.ts). */
  qualityChecks: { step: number; value: number }[];
  /** Training step and seconds (Node, wasm) at which the quick quality check first beat the threshold. */
  threshold: { step: number; seconds: number } | null;
  trainSeconds: number;
}

export interface WeightsManifest {
  architecture: { hidden: number; layers: number; timeDim: number };
  training: {
    /** Total training steps, over all stages. */
    steps: number;
    /** Successive runs, each from the previous one's trained weights, with fresh Adam state and batches. */
    stages: { steps: number; lr: number; seed: number }[];
    batchSize: number;
    emaDecay: number;
    pUncond: number;
    seed: number;
    trainSize: number;
    backend: string;
    /** The weights saved are the moving average (EMA) of the trained weights. */
    saved: 'ema';
  };
  /**
   * The start of the moons run (linear schedule, first stage) recorded for the reproducibility test: the
   * loss of each of the first `steps` steps and the SHA-256 of the trained (not averaged) weights after them.
   */
  checkpoint: { dataset: 'moons'; schedule: ScheduleKind; steps: number; losses: number[]; sha256: string };
  models: WeightsEntry[];
}

/** The file name a setting's weights would have. */
export function weightsFileName(dataset: string, schedule: ScheduleKind, T: number): string {
  return `${dataset}-${schedule}-T${T}.bin`;
}

/** The entry that fits these settings, or null (drawn sets, other T, or another architecture). */
export function findWeights(
  manifest: WeightsManifest,
  setting: { dataset: DatasetChoice; schedule: ScheduleKind; T: number },
  architecture: { hidden: number; layers: number; timeDim: number },
): WeightsEntry | null {
  const a = manifest.architecture;
  if (a.hidden !== architecture.hidden || a.layers !== architecture.layers || a.timeDim !== architecture.timeDim) {
    return null;
  }
  return (
    manifest.models.find(
      (m) => m.dataset === setting.dataset && m.schedule === setting.schedule && m.T === setting.T,
    ) ?? null
  );
}
