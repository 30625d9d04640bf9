/**
 * The efficiency chapter's model code: a zoo model rebuilt from its quantized bytes, and inference
 * latency measured honestly (warm-up runs discarded, the median of the timed runs reported).
 *
 * tfjs has no integer kernels for these models: a quantized model here is decoded back to float32 before
 * it computes (as tfjs's own quantized weight loading does), so quantization changes the bytes stored and
 * sent, and the answers (through the rounding), but not the arithmetic, and so not the time. The lab
 * measures the time of both to show it.
 */
import { summarizeQuantization, type QuantizationSummary } from '../math/quantization-summary';
import { decodeQuantizedModel, encodeQuantizedModel, quantizeModel } from '../math/quantization-encode';
import type { QuantScheme } from '../math/quantization';
import { DIGIT_PIXELS, type ZooArchitecture } from '../math/zoo';
import { tf } from './tf';
import { zooModelFromWeights, type ZooModel } from './zoo/models';

export interface QuantizedZooModel {
  /** Computes with the weights decoded from `bytes` (the caller disposes it). */
  model: ZooModel;
  /** The model as encoded (src/math/quantization-encode.ts). */
  bytes: Uint8Array;
  summary: QuantizationSummary;
}

/** Quantizes a model's weights, encodes them, and builds a model from the decoded bytes. */
export function quantizeZooModel(
  entry: { architecture: ZooArchitecture; shapes: readonly (readonly number[])[] },
  weights: readonly ArrayLike<number>[],
  scheme: QuantScheme,
): QuantizedZooModel {
  const quantized = quantizeModel(weights, entry.shapes, scheme);
  const bytes = encodeQuantizedModel(quantized);
  const decoded = decodeQuantizedModel(bytes, entry.shapes, scheme);
  const model = zooModelFromWeights(entry, decoded);
  return { model, bytes, summary: summarizeQuantization(weights, quantized, bytes.length) };
}

export interface LatencyOptions {
  /** Digits per forward pass. */
  batch: number;
  /** Runs first, not timed (kernels compile, buffers are allocated). */
  warmup?: number;
  /** Timed runs; the median is reported. */
  repeats?: number;
  now?: () => number;
}

export interface LatencyMeasurement {
  batch: number;
  warmup: number;
  /** Milliseconds of each timed run (input upload to output read back). */
  samples: number[];
  medianMs: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('the median of no values');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times `batch` digits (taken from `pixels`, cycled) through the model: `warmup` untimed runs, then
 * `repeats` timed runs of logits and reading them back (so an asynchronous backend has finished).
 */
export function measureLatency(model: ZooModel, pixels: Float32Array, options: LatencyOptions): LatencyMeasurement {
  const { batch, warmup = 2, repeats = 5, now = () => performance.now() } = options;
  if (!(Number.isInteger(batch) && batch >= 1 && batch <= 4096))
    throw new RangeError(`batch must be 1 … 4096, got ${batch}`);
  if (!(Number.isInteger(repeats) && repeats >= 1))
    throw new RangeError(`repeats must be a positive integer, got ${repeats}`);
  const have = pixels.length / DIGIT_PIXELS;
  if (!Number.isInteger(have) || have < 1) throw new RangeError('latency needs at least one digit');
  const input = new Float32Array(batch * DIGIT_PIXELS);
  for (let i = 0; i < batch; i++)
    input.set(pixels.subarray((i % have) * DIGIT_PIXELS, ((i % have) + 1) * DIGIT_PIXELS), i * DIGIT_PIXELS);
  const once = () => {
    const out = tf.tidy(() => model.logits(tf.tensor2d(input, [batch, DIGIT_PIXELS])));
    try {
      out.dataSync();
    } finally {
      out.dispose();
    }
  };
  for (let i = 0; i < warmup; i++) once();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = now();
    once();
    samples.push(now() - t0);
  }
  return { batch, warmup, samples, medianMs: median(samples) };
}
