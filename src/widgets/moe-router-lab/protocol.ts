/**
 * Messages between the router lab's page code (controller.ts) and its Worker (worker.ts), beside the
 * runtime's own (src/lib/runtime/protocol.ts). A run is one model: `configure` starts it, and every
 * snapshot of its training carries its number.
 */
import type { InRun, StepPoint } from '../../lib/runtime/protocol';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import type { ExpertMap, LabEvaluation, RouterLabConfig } from '../../ml/moe-router-lab';

export interface LabRunConfig extends RouterLabConfig {
  /** Step budget of the run. */
  steps: number;
}

export type Command =
  /** Builds a fresh model for this config (disposing the old one) and reports step 0. */
  ({ type: 'configure'; config: LabRunConfig } & InRun) | { type: 'play' } | { type: 'step' };

export interface Snapshot {
  progress: RunnerState;
  /** Task loss of each training batch since the previous snapshot. */
  newLoss: StepPoint[];
  /** Held-out measurements since the previous snapshot, every LAB_EVAL_EVERY steps. */
  newEvalLoss: StepPoint[];
  newAccuracy: StepPoint[];
  newCv: StepPoint[];
  newDropped: StepPoint[];
  newEntropy: StepPoint[];
  /** The latest held-out evaluation and expert map; null when nothing was evaluated since. */
  evaluation: LabEvaluation | null;
  map: ExpertMap | null;
  numParameters: number;
  /** Slots per expert per batch. */
  capacity: number;
}

export type WorkerEvent = { type: 'snapshot' } & Snapshot & InRun;
