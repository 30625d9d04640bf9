/**
 * The committed pruning table (public/data/efficiency/pruning.json, written by
 * scripts/efficiency-pruning.ts): test accuracy of the shipped MLP and CNN after magnitude pruning
 * (unstructured, layer-wise or global) or structured pruning (whole units and filters), without
 * fine-tuning and after a short seeded fine-tune, with the bytes stored dense and sparse and the multiply-adds per digit.
 */
import type { ZooModelName } from './zoo';

export const PRUNE_TABLE_FILE = 'data/efficiency/pruning.json';
export const PRUNE_TABLE_SPARSITIES = [0, 0.5, 0.8, 0.9, 0.95] as const;
/** Steps of the fine-tune after pruning (masks kept fixed; src/ml/efficiency-pruning.ts), seed 1. */
export const PRUNE_FINE_TUNE_STEPS = 100;
export const PRUNE_FINE_TUNE_SEED = 1;

export interface PruneTableRow {
  model: ZooModelName;
  method: 'unstructured-layer' | 'unstructured-global' | 'structured';
  sparsity: number;
  accuracy: number;
  correct: number;
  /** Weights kept of the prunable arrays, and the stored bytes: dense float32, and sparse (CSR). */
  kept: number;
  denseBytes: number;
  sparseBytes: number;
  multiplyAdds: number;
  /** After PRUNE_FINE_TUNE_STEPS steps of fine-tuning with the mask (or the smaller model) fixed. */
  fineTuned: { steps: number; accuracy: number; correct: number };
}

export interface PruneTable {
  backend: string;
  testDigits: number;
  rows: PruneTableRow[];
}

/** One round of the lottery-ticket experiment (src/ml/efficiency-pruning.ts). */
export interface TicketRow {
  round: number;
  /** Share of the weights (biases excluded) pruned in this round's mask. */
  sparsity: number;
  kept: number;
  /** Test accuracy after training with the mask: from the rewound w₀ (the ticket), and from a fresh w₀′. */
  rewound: number;
  random: number;
}

/** The committed run of the pruning lab's default ticket experiment (scripts/efficiency-ticket.ts). */
export const TICKET_TABLE_FILE = 'data/efficiency/ticket.json';

export interface TicketTable {
  backend: string;
  request: { hidden: number; steps: number; rounds: number; seed: number };
  testDigits: number;
  rows: TicketRow[];
}
