/**
 * Messages between the attention playground's page code (controller.ts) and its Worker (worker.ts).
 * Plain data only: they cross the thread boundary by structured clone.
 */
import type { BackendName } from '../../lib/backend-choice';
import type { LoopPhase } from '../../lib/training-loop';
import type { ProbeResult, SessionConfig } from '../../ml/training-session';

export interface RunConfig extends SessionConfig {
  /** Step budget of the run. */
  steps: number;
}

export type Command =
  | { type: 'init'; backends: BackendName[] }
  /** Builds a fresh model for this config (disposing the old one) and reports step 0. */
  | { type: 'configure'; config: RunConfig; probe: number[] }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  /** New reader input: re-inspect without training. */
  | { type: 'probe'; probe: number[] };

export interface CurvePoint {
  step: number;
  value: number;
}

export interface Snapshot {
  /** Bumped on every configure, so snapshots of a replaced model can be dropped. */
  run: number;
  phase: LoopPhase;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  /** Training loss of each step since the previous snapshot (each step sees a fresh random batch). */
  newLoss: CurvePoint[];
  /** Held-out token accuracy and loss since the previous snapshot, measured every EVAL_EVERY steps. */
  newAccuracy: CurvePoint[];
  newEvalLoss: CurvePoint[];
  /** The reader's input and what the model does with it; null when not re-inspected this time. */
  probe: ProbeResult | null;
  numParameters: number;
  /** tf.memory().numTensors in the worker: flat across steps and runs, or something leaks. */
  numTensors: number;
}

export type WorkerEvent =
  | { type: 'backend'; backend: BackendName; fallbacks: string[] }
  | ({ type: 'snapshot' } & Snapshot);
