/**
 * Messages between dense versus sparse's page code (controller.ts) and its Worker (worker.ts), beside
 * the runtime's own (src/lib/runtime/protocol.ts).
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import type { DenseSparseConfig, DenseSparseCounts } from '../../ml/moe-dense-sparse';

export interface DsRunConfig extends DenseSparseConfig {
  steps: number;
}

export type Command = ({ type: 'configure'; config: DsRunConfig } & InRun) | { type: 'play' } | { type: 'step' };

/** One held-out evaluation of one model, with what its training had cost by then. */
export interface CostPoint {
  model: 'dense' | 'moe';
  step: number;
  /** Training FLOPs spent so far (counted from the shapes). */
  flops: number;
  /** Wall-clock seconds spent in this model's training steps so far (measured). */
  seconds: number;
  loss: number;
  accuracy: number;
}

export interface Snapshot {
  progress: RunnerState;
  /** Evaluations since the previous snapshot, every DS_EVAL_EVERY steps. */
  newPoints: CostPoint[];
  counts: DenseSparseCounts;
  /** Mean milliseconds per training step of each model so far. */
  msPerStep: { dense: number; moe: number };
  /** The sparse model's latest load imbalance and dropped share (held-out). */
  moeCv: number;
  moeDropped: number;
}

export type WorkerEvent = { type: 'snapshot' } & Snapshot & InRun;
