/**
 * Messages between routing tokens' page code (controller.ts) and its Worker (worker.ts), beside the
 * runtime's own (src/lib/runtime/protocol.ts).
 */
import type { InRun, StepPoint } from '../../lib/runtime/protocol';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import type { MoeTransformerConfig, TokenEvaluation, TokenProbe } from '../../ml/moe-transformer';
import type { ProbedTrainingCommand } from '../sequence-shared/protocol';

export interface TokensRunConfig extends MoeTransformerConfig {
  steps: number;
}

export type Command = ProbedTrainingCommand<TokensRunConfig>;

export interface Snapshot {
  progress: RunnerState;
  newLoss: StepPoint[];
  newEvalLoss: StepPoint[];
  newAccuracy: StepPoint[];
  /** The latest held-out evaluation; null when nothing was evaluated since. */
  evaluation: TokenEvaluation | null;
  /** The reader's input, routed; null when not re-routed this time. */
  probe: TokenProbe | null;
  numParameters: number;
  activeParameters: number;
  capacity: number;
}

export type WorkerEvent = { type: 'snapshot' } & Snapshot & InRun;
