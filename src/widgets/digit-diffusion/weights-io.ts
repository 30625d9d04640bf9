/**
 * The pre-trained digit denoiser on disk: one binary file of float32 numbers (little-endian), every
 * weight array of Denoiser.getWeights() one after the other, and a JSON manifest that says how to cut
 * it back (the model config and each array's shape), how it was trained, and the file's sha256.
 * Written by scripts/digit-denoiser-train.ts, read by the widget's Worker and the unit test. No tfjs.
 */
import type { DenoiserConfig } from '../../ml/denoiser';

export const WEIGHTS_DIR = 'weights/digit-denoiser';
export const WEIGHTS_FILE = 'weights.bin';
export const WEIGHTS_MANIFEST = 'manifest.json';

export interface DigitDenoiserManifest {
  file: string;
  format: 'float32-le';
  bytes: number;
  sha256: string;
  numParameters: number;
  config: DenoiserConfig;
  /** Shape of each weight array, in Denoiser.trainableVariables order. */
  shapes: number[][];
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

/** Every weight array back to back, as little-endian float32 bytes. */
export function encodeWeights(arrays: readonly Float32Array[]): Uint8Array {
  const total = arrays.reduce((s, a) => s + a.length, 0);
  const view = new DataView(new ArrayBuffer(total * 4));
  let o = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, o += 4) view.setFloat32(o, a[i], true);
  }
  return new Uint8Array(view.buffer);
}

/** Cuts the bytes back into arrays of the manifest's shapes; throws on a size mismatch. */
export function decodeWeights(bytes: Uint8Array, shapes: readonly number[][]): Float32Array[] {
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (bytes.byteLength !== total * 4) {
    throw new RangeError(`weights file has ${bytes.byteLength} bytes, the manifest's shapes need ${total * 4}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  return sizes.map((n) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, o += 4) out[i] = view.getFloat32(o, true);
    return out;
  });
}
