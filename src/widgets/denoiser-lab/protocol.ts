/**
 * Messages between the denoiser lab's page code (controller.ts) and its Worker (worker.ts), beside the
 * runtime's own (src/lib/runtime/protocol.ts). Runs: `configure` starts one per model (its training,
 * field and model events carry its number); each `sample` is a run in the 'sampling' lane, so a new
 * sample replaces the frames of the last one but not the model's training. Point sets cross as
 * transferred Float32Arrays.
 */
import type { InRun, StepPoint } from '../../lib/runtime/protocol';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import type { Quality, QualityPoint, SampleRequest, SessionConfig } from './session';

export interface FieldRequest {
  t: number;
  /** Model class (0-based) or null for ∅. */
  cls: number | null;
  guidance: number;
}

export type Command =
  /**
   * A new model for this data, schedule and T (disposing the old one). With `fromScratch` false the
   * worker loads matching pre-trained weights when there are some; with `play` it starts training at once.
   */
  | ({
      type: 'configure';
      config: SessionConfig;
      trainSteps: number;
      fromScratch: boolean;
      play: boolean;
      field: FieldRequest;
    } & InRun)
  | { type: 'play' }
  | { type: 'step' }
  /** Runs the sampler, streaming frames; training pauses first (one thread, two timings muddled). */
  | ({ type: 'sample'; request: SampleRequest } & InRun)
  | { type: 'field'; field: FieldRequest };

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

export interface ModelInfo {
  source: ModelSource;
  numClasses: number;
  numParameters: number;
  /** Held-out data, flat [x0, y0, …], for the scatter plots. */
  data: Float32Array;
  labels: number[] | null;
  baseline: number;
}

export interface TrainingSnapshot {
  progress: RunnerState;
  /** Loss of each step since the previous snapshot. */
  newLoss: StepPoint[];
  /** Quick quality checks since the previous snapshot. */
  newQuality: QualityPoint[];
  /** First quality check under the threshold: step and training milliseconds. */
  threshold: { step: number; ms: number } | null;
  trainMs: number;
}

export type WorkerEvent =
  /** A new model is in place. */
  | ({ type: 'model' } & ModelInfo & InRun)
  /** The data could not be built (e.g. an empty drawing): no model. */
  | ({ type: 'dataError'; message: string } & InRun)
  | ({ type: 'training' } & TrainingSnapshot & InRun)
  | ({ type: 'frames'; frames: FrameMessage[] } & InRun)
  /** The end of a sampling run, with its compute time (time spent yielding to other messages excluded). */
  | ({ type: 'sampled'; request: SampleRequest; quality: Quality; ms: number } & InRun)
  | ({ type: 'field' } & FieldMessage & InRun);
