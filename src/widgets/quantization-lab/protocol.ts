/**
 * Messages between the quantization lab's page code (controller.ts) and its Worker (worker.ts). One
 * command: quantize a shipped model under a scheme, score it, and sweep the bit widths; the worker
 * posts each bit width's row as it is scored, then the chosen scheme's full result.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { QuantScheme } from '../../math/quantization';
import type { LayerHistogram, QuantizationSummary } from '../../math/quantization-summary';
import type { ZooModelName } from '../../math/zoo';

export interface QuantizeRequest {
  model: ZooModelName;
  scheme: QuantScheme;
  /** 0-based weight layer of the histogram. */
  layer: number;
  /** Digits per forward pass of the latency measurement. */
  batch: number;
}

/** One scheme scored on the test split. */
export interface SweepRow {
  bits: number;
  bytes: number;
  accuracy: number;
  correct: number;
  maxError: number;
  meanError: number;
}

export interface Latency {
  batch: number;
  /** Medians of 5 timed runs after 2 warm-up runs (ms). */
  floatMs: number;
  quantizedMs: number;
  floatSamples: number[];
  quantizedSamples: number[];
}

export interface QuantizeResult {
  request: QuantizeRequest;
  /** The float32 model as shipped, scored on the same digits. */
  float: { bytes: number; accuracy: number; correct: number };
  count: number;
  accuracy: number;
  correct: number;
  summary: QuantizationSummary;
  histogram: LayerHistogram;
  latency: Latency;
  /** The weight layers the model has (the histogram's choice is clamped to them). */
  layers: number;
}

export type Command = { type: 'quantize'; request: QuantizeRequest } & InRun;

export type WorkerEvent =
  | ({ type: 'quantize-progress'; step: string; done: number; total: number } & InRun)
  | ({ type: 'sweep-row'; request: QuantizeRequest; row: SweepRow } & InRun)
  | ({ type: 'quantized'; result: QuantizeResult } & InRun);
