/**
 * Messages between the digit diffusion widget's page code (controller.ts) and its Worker (worker.ts).
 * Plain data only: they cross the thread boundary by structured clone.
 */
import type { BackendName } from '../../lib/backend-choice';
import type { KeptFrame, SamplingRequest } from './sampling-session';
import type { DigitDenoiserManifest } from './weights-io';

export type Command =
  /** Starts tfjs and loads the weights the manifest describes from `weightsUrl`. */
  | { type: 'init'; backends: BackendName[]; manifest: DigitDenoiserManifest; weightsUrl: string }
  /**
   * A new sampling run (any run in progress is cancelled). `animate`: pace the kept frames at least
   * FRAME_MS apart so the reader sees the digits emerge; false (reduced motion) runs flat out.
   */
  | { type: 'sample'; run: number; request: SamplingRequest; animate: boolean }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' };

export type RunPhase = 'running' | 'paused' | 'done' | 'cancelled';

export type WorkerEvent =
  | { type: 'backend'; backend: BackendName; fallbacks: string[] }
  | { type: 'loaded'; numParameters: number }
  /** One kept frame of a run, as it is computed. */
  | { type: 'frame'; run: number; totalSteps: number; frame: KeptFrame }
  | { type: 'phase'; run: number; phase: RunPhase }
  /**
   * The end of a run: the final images (model scale, n × 196 flat), the time spent computing (pauses
   * and animation pacing excluded), and tf.memory().numTensors after the run (flat, or something leaks).
   */
  | { type: 'done'; run: number; samples: Float32Array; computeMs: number; numTensors: number };
