/**
 * The committed seeded runs of the calibration lab's "trained here" model (public/data/evaluation/
 * calibration-trained.json, written by scripts/evaluation-calibration-trained.ts with the lab's own job on
 * wasm), typed: for each number of epochs, the training time and the calibration study of the test split.
 * The static figure (build time), the lesson's claims test and the e2e test read it. Node only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync } from '../../lib/sha256';
import type { TemperatureCalibration } from '../../ml/evaluation-calibration';
import type { ZooTrainingOptions } from '../../ml/zoo/training';
import type { TrainedScores } from './trained';

/** Where the script writes its output (relative to the repository root). */
export const TRAINED_RUN_FILE = 'public/data/evaluation/calibration-trained.json';
/** The epochs the script trains. */
export const TRAINED_EPOCHS = [1, 2, 3, 5, 10, 20, 30] as const;

export interface TrainedRunEntry {
  epochs: number;
  steps: number;
  trainMs: number;
  stepsPerSecond: number;
  finalTrainLoss: number;
  /** SHA-256 of the test split's logits (float32 bytes): a replay on the same backend gives the same. */
  testLogitsSha256: string;
  /** Temperature scaling (the file predates the matrix; a re-run of the script adds the matrix fields). */
  calibration: TemperatureCalibration;
}

export interface TrainedRun {
  backend: string;
  /** The session options of the 1-epoch run (the others differ only in their schedule's length). */
  options: ZooTrainingOptions;
  runs: TrainedRunEntry[];
}

export const logitsHash = (logits: Float32Array) =>
  sha256HexSync(new Uint8Array(logits.buffer, logits.byteOffset, logits.byteLength));

export function trainedRunEntry(r: TrainedScores, calibration: TemperatureCalibration): TrainedRunEntry {
  return {
    epochs: r.epochs,
    steps: r.steps,
    trainMs: r.trainMs,
    stepsPerSecond: r.stepsPerSecond,
    finalTrainLoss: r.finalTrainLoss,
    testLogitsSha256: logitsHash(r.test.logits),
    calibration,
  };
}

let cached: TrainedRun | null = null;

/** The committed run (read once, when first asked for: the script that writes it imports this file). */
export function trainedRun(): TrainedRun {
  cached ??= JSON.parse(readFileSync(join(process.cwd(), TRAINED_RUN_FILE), 'utf8')) as TrainedRun;
  return cached;
}
