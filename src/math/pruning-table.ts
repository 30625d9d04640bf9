/**
 * The committed pruning table (public/data/efficiency/pruning.json, written by
 * scripts/efficiency-pruning.ts): test accuracy of the shipped MLP and CNN after magnitude pruning
 * (unstructured, layer-wise or global) or structured pruning (whole units and filters), without
 * fine-tuning, with the bytes stored dense and sparse and the multiply-adds per digit.
 */
import type { ZooModelName } from './zoo';

export const PRUNE_TABLE_FILE = 'data/efficiency/pruning.json';
export const PRUNE_TABLE_SPARSITIES = [0, 0.5, 0.8, 0.9, 0.95] as const;

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
}

export interface PruneTable {
  backend: string;
  testDigits: number;
  rows: PruneTableRow[];
}
