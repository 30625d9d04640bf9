/**
 * The commands of a widget that trains a model on the sequence tasks and answers the reader's own
 * sequence (the attention playground, routing tokens), beside the runtime's (src/lib/runtime/protocol.ts).
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { TrainingCommand } from '../../lib/runtime/training-run';

export type ProbedTrainingCommand<Config> =
  /** Builds a fresh model for this config (disposing the old one) and reports step 0. */
  | ({ type: 'configure'; config: Config; probe: number[] } & InRun)
  | TrainingCommand
  /** New reader input: re-inspect the current model without training. */
  | { type: 'probe'; probe: number[] };
