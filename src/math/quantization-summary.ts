/**
 * What the quantization lab reports of a quantized model, in plain numbers: bytes, the weight error over
 * all quantized weights and per layer, and one layer's weights as a histogram with its quantization grid.
 */
import { histogram, quantizerLevels, type QuantScheme } from './quantization';
import type { QuantizedModel } from './quantization-encode';

export interface LayerQuantization {
  /** Index of the array in the model's weights. */
  index: number;
  shape: number[];
  maxError: number;
  meanError: number;
  clipped: number;
  /** Groups (scales) of the layer: 1 per tensor, or one per output channel. */
  groups: number;
}

export interface QuantizationSummary {
  scheme: QuantScheme;
  /** Bytes of the encoded model, and of the same model as float32. */
  bytes: number;
  floatBytes: number;
  /** Over every quantized weight (biases are kept float32). */
  maxError: number;
  meanError: number;
  clipped: number;
  quantizedWeights: number;
  layers: LayerQuantization[];
}

export function summarizeQuantization(
  weights: readonly ArrayLike<number>[],
  q: QuantizedModel,
  bytes: number,
): QuantizationSummary {
  const layers: LayerQuantization[] = [];
  let maxError = 0;
  let sum = 0;
  let n = 0;
  let clipped = 0;
  q.arrays.forEach((a, index) => {
    if (!a) return;
    layers.push({
      index,
      shape: a.shape,
      maxError: a.maxError,
      meanError: a.meanError,
      clipped: a.clipped,
      groups: a.groups.length,
    });
    maxError = Math.max(maxError, a.maxError);
    sum += a.meanError * a.codes.length;
    n += a.codes.length;
    clipped += a.clipped;
  });
  return {
    scheme: { ...q.scheme },
    bytes,
    floatBytes: 4 * weights.reduce((s, w) => s + w.length, 0),
    maxError,
    meanError: n ? sum / n : 0,
    clipped,
    quantizedWeights: n,
    layers,
  };
}

export interface LayerHistogram {
  /** Which weight layer (0-based among the quantized arrays) and its array index. */
  layer: number;
  index: number;
  lo: number;
  hi: number;
  /** Counts of the float weights, and of the quantized ones, in equal bins over [lo, hi]. */
  counts: number[];
  quantizedCounts: number[];
  /** The representable values of the layer's first group (its only one per tensor; channel 1's per channel), inside [lo, hi]. */
  levels: number[];
  /** |r − r̂| of the layer's weights, in `errorBins` equal bins over [0, maxError]. */
  errorCounts: number[];
  maxError: number;
}

/** The histogram of weight layer `layer` (0-based among the quantized arrays; clamped to those there are). */
export function layerHistogram(
  weights: readonly ArrayLike<number>[],
  q: QuantizedModel,
  layer: number,
  bins = 60,
  errorBins = 20,
): LayerHistogram {
  const quantized = q.arrays.map((a, i) => ({ a, i })).filter((x) => x.a);
  const pick = Math.min(Math.max(0, layer), quantized.length - 1);
  const { a, i } = quantized[pick];
  if (!a) throw new RangeError('the model has no quantized layer');
  const w = weights[i];
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < w.length; j++) {
    lo = Math.min(lo, w[j]);
    hi = Math.max(hi, w[j]);
  }
  const errors = Float64Array.from(w, (v, j) => Math.abs(v - a.dequantized[j]));
  return {
    layer: pick,
    index: i,
    lo,
    hi,
    counts: histogram(w, bins, lo, hi),
    quantizedCounts: histogram(a.dequantized, bins, lo, hi),
    levels: quantizerLevels(a.groups[0], q.scheme.bits, q.scheme.mode).filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9),
    errorCounts: histogram(errors, errorBins, 0, a.maxError || 1),
    maxError: a.maxError,
  };
}
