/**
 * The pre-trained digit denoiser on disk: one weights file in the site's format (src/lib/weights.ts:
 * every array of Denoiser.getWeights(), float32 little-endian) and a JSON manifest that says how to
 * cut it back (the model config and each array's shape), how it was trained, and the file's SHA-256.
 * Written by scripts/digit-denoiser-train.ts, read by the widget's Worker and the unit test. No tfjs.
 */
import type { WeightsFile } from '../../lib/weights';
import type { DenoiserConfig } from '../../ml/denoiser';

export const WEIGHTS_DIR = 'weights/digit-denoiser';
export const WEIGHTS_FILE = 'weights.bin';
export const WEIGHTS_MANIFEST = 'manifest.json';

export interface DigitDenoiserManifest extends WeightsFile {
  format: 'float32-le';
  numParameters: number;
  config: DenoiserConfig;
  schedule: { kind: 'linear' | 'cosine'; T: number };
  training: {
    /** Optimiser steps in all. */
    steps: number;
    /** Adam phases, in order: steps and learning rate of each. */
    phases: { steps: number; learningRate: number }[];
    batchSize: number;
    emaDecay: number;
    pUncond: number;
    seed: number;
    /** The subset file trained on, with its sha256. */
    data: { file: string; sha256: string };
    /** Mean training loss over the last 200 steps (noise-prediction MSE per pixel; 1 at the start). */
    finalLoss: number;
    backend: string;
  };
  /**
   * The nearest-digit check of the committed weights: `perDigit` samples of every digit with these
   * sampler settings; share whose nearest held-out real digit has the asked label.
   */
  check: {
    perDigit: number;
    sampler: 'ddim' | 'ddpm';
    steps: number;
    guidance: number;
    seed: number;
    agreement: number;
    agreementByDigit: number[];
    /** The same check on real digits (the ceiling; from the subset manifest). */
    realDigitAgreement: number;
  };
}
