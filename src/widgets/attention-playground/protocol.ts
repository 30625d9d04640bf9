/**
 * Messages between the attention playground's page code (controller.ts) and its Worker (worker.ts),
 * beside the runtime's own (src/lib/runtime/protocol.ts). A run is one model: `configure` starts it, and
 * every snapshot of its training carries its number.
 */
import type { InRun, StepPoint } from '../../lib/runtime/protocol';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import type { ProbeResult, SessionConfig } from '../../ml/training-session';
import type { ProbedTrainingCommand } from '../sequence-shared/protocol';

export interface RunConfig extends SessionConfig {
  /** Step budget of the run. */
  steps: number;
}

export type Command = ProbedTrainingCommand<RunConfig>;

export interface Snapshot {
  progress: RunnerState;
  /** Training loss of each step since the previous snapshot (each step sees a fresh random batch). */
  newLoss: StepPoint[];
  /** Held-out token accuracy and loss since the previous snapshot, measured every EVAL_EVERY steps. */
  newAccuracy: StepPoint[];
  newEvalLoss: StepPoint[];
  /** The reader's input and what the model does with it; null when not re-inspected this time. */
  probe: ProbeResult | null;
  numParameters: number;
}

export type WorkerEvent = { type: 'snapshot' } & Snapshot & InRun;
