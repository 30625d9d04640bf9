/**
 * Messages between the digit diffusion widget's page code (controller.ts) and its Worker (worker.ts),
 * beside the runtime's own (src/lib/runtime/protocol.ts). Each `sample` is a run: its frames, phases
 * and result carry its number.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { KeptFrame, SamplingRequest } from './sampling-session';
import type { DigitDenoiserManifest } from './weights-io';

export type Command =
  /** Loads the weights the manifest describes (their SHA-256 checked). */
  | { type: 'load'; manifest: DigitDenoiserManifest }
  /**
   * A new sampling run (any run in progress is stopped). `animate`: pace the kept frames at least
   * FRAME_MS apart so the reader sees the digits emerge; false (reduced motion) runs flat out.
   */
  | ({ type: 'sample'; request: SamplingRequest; animate: boolean } & InRun)
  /** Continues the paused run (Pause is the runtime's abort). */
  | { type: 'resume' }
  /** Ends the run for good; its frames so far stay on the page. */
  | { type: 'cancel' };

export type RunPhase = 'running' | 'paused' | 'done' | 'cancelled';

export type WorkerEvent =
  | { type: 'loaded'; numParameters: number }
  /** One kept frame of a run, as it is computed. */
  | ({ type: 'frame'; totalSteps: number; frame: KeptFrame } & InRun)
  | ({ type: 'phase'; phase: RunPhase } & InRun)
  /**
   * The end of a run: the final images (model scale, n × 196 flat) and the time spent computing
   * (pauses and animation pacing excluded).
   */
  | ({ type: 'done'; samples: Float32Array; computeMs: number } & InRun);
