/**
 * Messages between the pruning lab's page code (controller.ts) and its Worker (worker.ts). Two commands:
 * prune a shipped model (a sweep of sparsities without fine-tuning, then the chosen one, optionally
 * fine-tuned with its mask fixed), and the lottery-ticket experiment on a small MLP trained here.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { PruneScope, PruneStructure } from '../../math/pruning';
import type { ZooModelName } from '../../math/zoo';
import type { TicketRow } from '../../ml/efficiency-pruning';

export type PrunableModel = Extract<ZooModelName, 'mlp' | 'cnn'>;

export interface PruneRequest {
  model: PrunableModel;
  structure: PruneStructure;
  /** Unstructured only: one threshold for all layers, or each layer alike. */
  scope: PruneScope;
  sparsity: number;
  /** Fine-tuning steps after pruning (0: none); seed of their order and shifts. */
  fineTune: number;
  seed: number;
}

/** One sparsity scored without fine-tuning. */
export interface PruneSweepRow {
  sparsity: number;
  accuracy: number;
  correct: number;
}

export interface PrunedLayer {
  name: string;
  shape: number[];
  size: number;
  kept: number;
}

export interface PruneResult {
  request: PruneRequest;
  count: number;
  float: { accuracy: number; correct: number; bytes: number; multiplyAdds: number };
  /** Right after pruning, and after the fine-tune (null without one). */
  pruned: { accuracy: number; correct: number };
  fineTuned: { accuracy: number; correct: number; steps: number } | null;
  /** Share of the prunable weights removed (exact for unstructured). */
  sparsity: number;
  kept: number;
  prunableSize: number;
  layers: PrunedLayer[];
  /** Bytes stored dense (float32, zeros included or, structured, the smaller model) and as CSR. */
  denseBytes: number;
  sparseBytes: number;
  multiplyAdds: number;
  /** Structured: the smaller architecture's description. */
  architecture: string;
}

export interface TicketRequest {
  hidden: number;
  steps: number;
  rounds: number;
  seed: number;
}

export type Command = ({ type: 'prune'; request: PruneRequest } | { type: 'ticket'; request: TicketRequest }) & InRun;

export type WorkerEvent =
  | ({ type: 'prune-progress'; step: string; done: number; total: number } & InRun)
  | ({ type: 'prune-row'; request: PruneRequest; row: PruneSweepRow } & InRun)
  | ({ type: 'pruned'; result: PruneResult } & InRun)
  | ({ type: 'ticket-row'; request: TicketRequest; row: TicketRow } & InRun)
  | ({ type: 'ticket-done'; request: TicketRequest; rows: TicketRow[] } & InRun);
