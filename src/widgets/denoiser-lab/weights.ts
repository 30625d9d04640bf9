/**
 * The pre-trained weights of the denoiser lab: file format, manifest, and which file fits a setting.
 *
 * Format: one .bin file per model, the Denoiser's weight arrays (getWeights order) as float32
 * little-endian, back to back, no header: the manifest gives each array's length. Files live in
 * public/weights/denoiser-lab/ and are written by scripts/denoiser-lab-pretrain.ts (seeded).
 */
import type { ScheduleKind } from '../../math/diffusion';
import type { DatasetChoice } from '../diffusion-shared/dataset-params';

/** Path of the weights folder below the site root (and below public/ in the repository). */
export const WEIGHTS_DIR = 'weights/denoiser-lab';
export const MANIFEST_FILE = 'manifest.json';

export interface WeightsEntry {
  file: string;
  dataset: Exclude<DatasetChoice, 'drawn'>;
  schedule: ScheduleKind;
  T: number;
  numClasses: number;
  /** Length of each weight array, in Denoiser.getWeights order. */
  sizes: number[];
  bytes: number;
  /** Hex SHA-256 of the file. */
  sha256: string;
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

/** Weight arrays → the bytes of a .bin file (float32, little-endian). */
export function encodeWeights(weights: readonly Float32Array[]): Uint8Array {
  const total = weights.reduce((s, w) => s + w.length, 0);
  const view = new DataView(new ArrayBuffer(4 * total));
  let at = 0;
  for (const w of weights) {
    for (let i = 0; i < w.length; i++, at += 4) view.setFloat32(at, w[i], true);
  }
  return new Uint8Array(view.buffer);
}

/** The bytes of a .bin file → weight arrays of the manifest's sizes; throws if the lengths disagree. */
export function decodeWeights(bytes: ArrayBuffer, sizes: readonly number[]): Float32Array[] {
  const total = sizes.reduce((s, n) => s + n, 0);
  if (bytes.byteLength !== 4 * total) {
    throw new RangeError(`weights file has ${bytes.byteLength} bytes, expected ${4 * total}`);
  }
  const view = new DataView(bytes);
  let at = 0;
  return sizes.map((n) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, at += 4) out[i] = view.getFloat32(at, true);
    return out;
  });
}

/** "47 KB" */
export function formatBytes(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
