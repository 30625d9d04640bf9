/**
 * Uniform quantization of weight arrays, in plain numbers: the maps, their parameters per tensor or per
 * output channel, the clipping rules, and the errors they make. The efficiency chapter's quantization
 * lab runs this on the zoo's weights; src/math/quantization-encode.ts packs the result into real bytes.
 *
 * Notation of Jacob et al. 2018 (§2.1, eq. 1): a real value r is represented by an integer code q as
 *
 *   affine:     r ≈ S · (q − Z),   q ∈ {0, …, 2^b − 1},              S > 0 the scale, Z the zero point (an integer code);
 *   symmetric:  r ≈ S · q,         q ∈ {−(2^(b−1) − 1), …, 2^(b−1) − 1}  (Z = 0; the range is kept symmetric, so
 *                                                                        one code of the 2^b is unused).
 *
 * Quantizing is q = clamp(round(r / S) + Z, q_min, q_max). The scale comes from the clipping range
 * [lo, hi]: S = (hi − lo) / (2^b − 1) for affine, S = max(|lo|, |hi|) / (2^(b−1) − 1) for symmetric. The
 * affine range is widened to include 0 first, so that 0 (padding, ReLU zeros, pruned weights) is exactly
 * representable (Jacob et al. §2.1). Inside the range every value is off by at most S / 2 (rounding);
 * outside it, by its distance to the range's end (clipping). A range from the min and the max of the
 * values (min-max) never clips; a range from percentiles of the values clips the outliers to give the rest
 * a finer step.
 *
 * Granularity: one (S, Z) per tensor, or one per output channel. Output channels are the last axis of
 * every zoo weight array: dense [in, out], convolution [k, k, in, out]. Values are flat, row-major, so
 * value i belongs to channel i mod C.
 */

export const QUANT_MODES = ['symmetric', 'affine'] as const;
export type QuantMode = (typeof QUANT_MODES)[number];
export const QUANT_GRANULARITIES = ['tensor', 'channel'] as const;
export type QuantGranularity = (typeof QUANT_GRANULARITIES)[number];
/** min-max, or the range that holds all but the given share of the values (0.01% … 1%) at the ends. */
export const CLIPPING_RULES = ['minmax', 'p99.99', 'p99.9', 'p99'] as const;
export type ClippingRule = (typeof CLIPPING_RULES)[number];

/** Bit widths the site quantizes to. */
export const MIN_BITS = 2;
export const MAX_BITS = 8;

export interface QuantScheme {
  bits: number;
  mode: QuantMode;
  granularity: QuantGranularity;
  clipping: ClippingRule;
}

/** The share of values a clipping rule keeps inside its range: 1 for min-max, 0.999 for p99.9, … */
export function clippingCoverage(rule: ClippingRule): number {
  return rule === 'minmax' ? 1 : Number(rule.slice(1)) / 100;
}

export function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < MIN_BITS || bits > MAX_BITS) {
    throw new RangeError(`bits must be an integer from ${MIN_BITS} to ${MAX_BITS}, got ${bits}`);
  }
}

/** The codes' range: [0, 2^b − 1] for affine, [−(2^(b−1) − 1), 2^(b−1) − 1] for symmetric. */
export function codeRange(bits: number, mode: QuantMode): { qmin: number; qmax: number } {
  checkBits(bits);
  return mode === 'affine'
    ? { qmin: 0, qmax: 2 ** bits - 1 }
    : { qmin: -(2 ** (bits - 1) - 1), qmax: 2 ** (bits - 1) - 1 };
}

/** Number of (S, Z) groups of an array of this shape: 1 per tensor, or its last axis per channel. */
export function groupCount(shape: readonly number[], granularity: QuantGranularity): number {
  return granularity === 'tensor' ? 1 : (shape[shape.length - 1] ?? 1);
}

/** The value at share p (0 … 1) of sorted values, interpolated linearly between neighbours. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('the quantile of no values');
  const at = Math.min(1, Math.max(0, p)) * (n - 1);
  const i = Math.floor(at);
  const f = at - i;
  return i + 1 < n ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/** One group's quantizer: scale, zero point (0 for symmetric) and the clipping range it was made from. */
export interface GroupQuantizer {
  scale: number;
  zeroPoint: number;
  /** The clipping range [lo, hi] (affine: widened to include 0). */
  lo: number;
  hi: number;
}

/**
 * The quantizer of one group of values. A group whose range is empty (all its values 0) gets scale 1:
 * every value then codes to the zero point and decodes to exactly 0.
 */
export function groupQuantizer(
  values: ArrayLike<number>,
  bits: number,
  mode: QuantMode,
  clipping: ClippingRule,
): GroupQuantizer {
  const { qmin, qmax } = codeRange(bits, mode);
  const keep = clippingCoverage(clipping);
  let lo: number;
  let hi: number;
  if (keep === 1) {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      if (values[i] < lo) lo = values[i];
      if (values[i] > hi) hi = values[i];
    }
  } else if (mode === 'symmetric') {
    const mags = Float64Array.from(values, Math.abs).sort();
    hi = quantileSorted(mags, keep);
    lo = -hi;
  } else {
    const sorted = Float64Array.from(values).sort();
    lo = quantileSorted(sorted, (1 - keep) / 2);
    hi = quantileSorted(sorted, 1 - (1 - keep) / 2);
  }
  if (mode === 'symmetric') {
    const alpha = Math.max(Math.abs(lo), Math.abs(hi));
    // Scales are stored as float32: round here, so what the encoder stores is what the model computed with.
    return { scale: alpha > 0 ? Math.fround(alpha / qmax) : 1, zeroPoint: 0, lo: -alpha, hi: alpha };
  }
  lo = Math.min(lo, 0);
  hi = Math.max(hi, 0);
  if (!(hi > lo)) return { scale: 1, zeroPoint: 0, lo: 0, hi: 0 };
  const scale = Math.fround((hi - lo) / (qmax - qmin));
  const zeroPoint = Math.min(qmax, Math.max(qmin, Math.round(qmin - lo / scale)));
  return { scale, zeroPoint, lo, hi };
}

/** q = clamp(round(r / S) + Z, q_min, q_max). */
export function quantizeValue(r: number, g: GroupQuantizer, qmin: number, qmax: number): number {
  return Math.min(qmax, Math.max(qmin, Math.round(r / g.scale) + g.zeroPoint));
}

/** r̂ = S · (q − Z). */
export function dequantizeValue(q: number, g: GroupQuantizer): number {
  return g.scale * (q - g.zeroPoint);
}

/** A quantized weight array: what an encoder stores, and what it decodes to. */
export interface QuantizedArray {
  shape: number[];
  scheme: QuantScheme;
  /** One quantizer per group (1, or one per output channel). */
  groups: GroupQuantizer[];
  /** Each value's code, as stored: q − q_min, so always in [0, 2^b − 1]. */
  codes: Uint8Array;
  /** S · (q − Z), as float32 (what tfjs computes with: it dequantizes before any op). */
  dequantized: Float32Array;
  /** Values outside their group's clipping range. */
  clipped: number;
  /** Largest and mean |r − r̂|. */
  maxError: number;
  meanError: number;
}

/** Quantizes one weight array of the given shape (flat, row-major) under the scheme. */
export function quantizeArray(
  values: ArrayLike<number>,
  shape: readonly number[],
  scheme: QuantScheme,
): QuantizedArray {
  const n = values.length;
  if (shape.reduce((a, b) => a * b, 1) !== n)
    throw new RangeError(`shape [${shape.join(', ')}] does not hold ${n} values`);
  const { qmin, qmax } = codeRange(scheme.bits, scheme.mode);
  const G = groupCount(shape, scheme.granularity);
  const groups: GroupQuantizer[] = [];
  if (G === 1) groups.push(groupQuantizer(values, scheme.bits, scheme.mode, scheme.clipping));
  else {
    const per = n / G;
    const scratch = new Float64Array(per);
    for (let g = 0; g < G; g++) {
      for (let j = 0; j < per; j++) scratch[j] = values[j * G + g];
      groups.push(groupQuantizer(scratch, scheme.bits, scheme.mode, scheme.clipping));
    }
  }
  const codes = new Uint8Array(n);
  const dequantized = new Float32Array(n);
  let clipped = 0;
  let maxError = 0;
  let sumError = 0;
  for (let i = 0; i < n; i++) {
    const g = groups[G === 1 ? 0 : i % G];
    const r = values[i];
    const q = quantizeValue(r, g, qmin, qmax);
    codes[i] = q - qmin;
    dequantized[i] = dequantizeValue(q, g);
    if (r < g.lo || r > g.hi) clipped++;
    const e = Math.abs(r - dequantized[i]);
    if (e > maxError) maxError = e;
    sumError += e;
  }
  return {
    shape: [...shape],
    scheme: { ...scheme },
    groups,
    codes,
    dequantized,
    clipped,
    maxError,
    meanError: n ? sumError / n : 0,
  };
}

/** The values a stored code array decodes to (what quantizeArray's `dequantized` holds). */
export function dequantizeCodes(
  codes: ArrayLike<number>,
  shape: readonly number[],
  scheme: QuantScheme,
  groups: readonly GroupQuantizer[],
): Float32Array {
  const { qmin } = codeRange(scheme.bits, scheme.mode);
  const G = groups.length;
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = dequantizeValue(codes[i] + qmin, groups[G === 1 ? 0 : i % G]);
  if (shape.reduce((a, b) => a * b, 1) !== codes.length) throw new RangeError('codes and shape disagree');
  return out;
}

/** Whether an array of this shape is quantized: weight matrices and filters are; biases stay float32. */
export const isWeightShape = (shape: readonly number[]) => shape.length >= 2;

/** The representable levels S · (q − Z) of one quantizer, low to high. */
export function quantizerLevels(g: GroupQuantizer, bits: number, mode: QuantMode): number[] {
  const { qmin, qmax } = codeRange(bits, mode);
  return Array.from({ length: qmax - qmin + 1 }, (_, k) => dequantizeValue(qmin + k, g));
}

/** Counts of values in `bins` equal bins over [lo, hi] (values outside go to the end bins). */
export function histogram(values: ArrayLike<number>, bins: number, lo: number, hi: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins || 1;
  for (let i = 0; i < values.length; i++) {
    const k = Math.floor((values[i] - lo) / width);
    counts[Math.min(bins - 1, Math.max(0, k))]++;
  }
  return counts;
}
