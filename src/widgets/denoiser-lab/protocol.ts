/**
 * Messages between the denoiser lab's page code (controller.ts) and its Worker (worker.ts). Plain data
 * only: they cross the thread boundary by structured clone (point sets as transferred Float32Arrays).
 */
import type { BackendName } from '../../lib/backend-choice';
import type { LoopPhase } from '../../lib/training-loop';
import type { Quality, QualityPoint, SampleRequest, SessionConfig } from './session';

export interface FieldRequest {
  t: number;
  /** Model class (0-based) or null for ∅. */
  cls: number | null;
  guidance: number;
}

export type Command =
  | { type: 'init'; backends: BackendName[]; baseUrl: string }
  /**
   * A new model for this data, schedule and T (disposing the old one). With `fromScratch` false the
   * worker loads matching pre-trained weights when there are some; with `play` it starts training at once.
   */
  | {
      type: 'configure';
      config: SessionConfig;
      trainSteps: number;
      fromScratch: boolean;
      play: boolean;
      field: FieldRequest;
    }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  /** Runs the sampler, streaming frames; a newer sample or configure cancels it. */
  | { type: 'sample'; request: SampleRequest }
  /** Stops the running sampling job where it is (its frames so far stay on the page). */
  | { type: 'stopSample' }
  | { type: 'field'; field: FieldRequest };

export interface CurvePoint {
  step: number;
  value: number;
}

/** A sampling frame as it crosses to the page: points flat [x0, y0, x1, y1, …]. */
export interface FrameMessage {
  step: number;
  steps: number;
  t: number;
  points: Float32Array;
}

export interface FieldMessage {
  t: number;
  /** Grid points and directions, flat [x0, y0, …]. */
  grid: Float32Array;
  directions: Float32Array;
}

export type ModelSource =
  | {
      kind: 'pretrained';
      file: string;
      bytes: number;
      trainingSteps: number;
      /** Mean loss of the last 100 pre-training steps. */
      finalLoss: number;
      /** The pre-training's quick quality checks. */
      qualityChecks: QualityPoint[];
    }
  /** No pre-trained weights fit: why, in words for the reader. */
  | { kind: 'untrained'; reason: string }
  | { kind: 'scratch' };

export interface TrainingSnapshot {
  phase: LoopPhase;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  /** Loss of each step since the previous snapshot. */
  newLoss: CurvePoint[];
  /** Quick quality checks since the previous snapshot. */
  newQuality: QualityPoint[];
  /** First quality check under the threshold: step and training milliseconds. */
  threshold: { step: number; ms: number } | null;
  trainMs: number;
}

export type WorkerEvent =
  | { type: 'backend'; backend: BackendName; fallbacks: string[] }
  /** A new model is in place (run ids grow; events of older runs are stale). */
  | {
      type: 'model';
      run: number;
      source: ModelSource;
      numClasses: number;
      numParameters: number;
      /** Held-out data, flat, for the scatter plots. */
      data: Float32Array;
      labels: number[] | null;
      baseline: number;
    }
  /** The data could not be built (e.g. an empty drawing): no model. */
  | { type: 'dataError'; run: number; message: string }
  | ({ type: 'training'; run: number; numTensors: number } & TrainingSnapshot)
  | { type: 'frames'; run: number; sample: number; frames: FrameMessage[] }
  | {
      type: 'sampled';
      run: number;
      sample: number;
      request: SampleRequest;
      quality: Quality;
      /** Compute time of the run (time spent yielding to other messages excluded). */
      ms: number;
      numTensors: number;
    }
  | ({ type: 'field'; run: number } & FieldMessage);
