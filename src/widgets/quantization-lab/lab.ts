/**
 * Worker side: the quantization lab's one job, as plain code a Node test runs too. For a shipped zoo
 * model and a scheme: quantize, encode and decode the weights (src/ml/efficiency.ts), score the decoded
 * model on the test split, sweep the five bit widths 8, 6, 4, 3, 2 with the same mapping, scales and
 * clipping, and time the float and the quantized model on the backend in use (2 warm-up runs, median of
 * 5). Every temporary model is disposed before the job ends, cancelled or not.
 */
import { splitToFloats } from '../../math/digit-split';
import { checkBits, type QuantScheme } from '../../math/quantization';
import { quantizeModel } from '../../math/quantization-encode';
import { layerHistogram } from '../../math/quantization-summary';
import { QUANT_TABLE_BITS } from '../../math/quantization-table';
import { ZOO_MODEL_NAMES } from '../../math/zoo';
import { measureLatency, quantizeZooModel } from '../../ml/efficiency';
import type { ZooAssets } from '../zoo-shared/assets';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import type { QuantizeRequest, QuantizeResult, SweepRow } from './protocol';

export interface LabHooks {
  signal: AbortSignal;
  progress: (step: string, done: number, total: number) => void;
  row: (row: SweepRow) => void;
  /** Injectable for tests (the evaluation's and the latency's clock). */
  now?: () => number;
  yieldToEventLoop?: () => Promise<void>;
}

/** Digits timed per latency batch at most (the params cap the batch at 1,000). */
export const MAX_LATENCY_BATCH = 1000;

export function checkQuantizeRequest(r: QuantizeRequest): void {
  if (!(ZOO_MODEL_NAMES as readonly string[]).includes(r.model))
    throw new Error(`the zoo has no model called "${r.model}"`);
  checkBits(r.scheme.bits);
  if (!(Number.isInteger(r.batch) && r.batch >= 1 && r.batch <= MAX_LATENCY_BATCH)) {
    throw new RangeError(`the latency batch must be 1 … ${MAX_LATENCY_BATCH} digits, got ${r.batch}`);
  }
}

/** Runs the job; resolves to null when cancelled. */
export async function runQuantization(
  assets: ZooAssets,
  request: QuantizeRequest,
  hooks: LabHooks,
): Promise<QuantizeResult | null> {
  checkQuantizeRequest(request);
  const { signal } = hooks;
  const [entry, weights, test] = await Promise.all([
    assets.entry(request.model, signal),
    assets.weights(request.model, { signal }),
    assets.split('test', { signal }),
  ]);
  if (signal.aborted) return null;
  const bitsList = [...QUANT_TABLE_BITS.filter((b) => b !== request.scheme.bits), request.scheme.bits];
  const total = bitsList.length + 1;
  const score = async (scheme: QuantScheme) => {
    const q = quantizeZooModel(entry, weights, scheme);
    try {
      const r = await evaluateOnRunner(q.model, test, {
        signal,
        now: hooks.now,
        yieldToEventLoop: hooks.yieldToEventLoop,
      });
      return r && { q, r };
    } finally {
      if (scheme.bits !== request.scheme.bits || signal.aborted) q.model.dispose();
    }
  };
  let chosen: Awaited<ReturnType<typeof score>> = null;
  for (const [k, bits] of bitsList.entries()) {
    hooks.progress(`scoring ${bits} bits`, k, total);
    const scored = await score({ ...request.scheme, bits });
    if (!scored) return null;
    const { q, r } = scored;
    hooks.row({
      bits,
      bytes: q.summary.bytes,
      accuracy: r.accuracy,
      correct: r.correct,
      maxError: q.summary.maxError,
      meanError: q.summary.meanError,
    });
    if (bits === request.scheme.bits) chosen = scored;
  }
  const { q, r } = chosen!;
  try {
    hooks.progress('timing', total - 1, total);
    const float = await assets.model(request.model, { signal });
    const fr = entry.test;
    const pixels = splitToFloats(test, 0, Math.min(request.batch, test.count));
    const opts = { batch: request.batch, now: hooks.now };
    const f1 = measureLatency(float, pixels, opts);
    const q1 = measureLatency(q.model, pixels, opts);
    const quantized = quantizeModel(weights, entry.shapes, request.scheme);
    const histogram = layerHistogram(weights, quantized, request.layer);
    hooks.progress('done', total, total);
    return {
      request,
      float: { bytes: entry.bytes, accuracy: fr.accuracy, correct: fr.correct },
      count: r.count,
      accuracy: r.accuracy,
      correct: r.correct,
      summary: q.summary,
      histogram,
      latency: {
        batch: request.batch,
        floatMs: f1.medianMs,
        quantizedMs: q1.medianMs,
        floatSamples: f1.samples,
        quantizedSamples: q1.samples,
      },
      layers: quantized.arrays.filter(Boolean).length,
    };
  } finally {
    q.model.dispose();
  }
}
