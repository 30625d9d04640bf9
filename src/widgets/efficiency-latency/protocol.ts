/**
 * Messages between the latency lab's page code (controller.ts) and its Worker (worker.ts). One command:
 * time every zoo model and its compressed variants on the worker's backend at the batch sizes asked for;
 * each variant's row is posted as it is measured.
 */
import type { InRun } from '../../lib/runtime/protocol';

export interface LatencyRequest {
  /** Batch sizes to time (digits per forward pass). */
  batches: number[];
  /** Timed runs per batch (after the warm-up runs); the median is reported. */
  repeats: number;
  warmup: number;
}

export interface VariantTiming {
  /** e.g. "cnn", "cnn · int8 per channel", "cnn · structured 50%". */
  id: string;
  label: string;
  model: string;
  bytes: number;
  accuracy: number;
  multiplyAdds: number;
  /** One per batch size: the median and every timed sample (ms). */
  timings: { batch: number; medianMs: number; samples: number[] }[];
}

export type Command = { type: 'measure'; request: LatencyRequest } & InRun;

export type WorkerEvent =
  | ({ type: 'latency-progress'; step: string; done: number; total: number } & InRun)
  | ({ type: 'latency-row'; row: VariantTiming } & InRun)
  | ({ type: 'latency-done'; rows: VariantTiming[] } & InRun);
