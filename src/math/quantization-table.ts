/**
 * The committed quantization table (public/data/efficiency/quantization.json, written by
 * scripts/efficiency-quantization.ts): test accuracy and encoded bytes of every shipped zoo model per
 * bit width and scheme. The quantization lab's static figure draws it; the lesson quotes it.
 */
import type { ClippingRule, QuantGranularity, QuantMode, QuantScheme } from './quantization';
import type { ZooModelName } from './zoo';

export const QUANT_TABLE_FILE = 'data/efficiency/quantization.json';
export const QUANT_TABLE_BITS = [8, 6, 4, 3, 2] as const;

export interface QuantTableRow {
  model: ZooModelName;
  bits: number;
  mode: QuantMode;
  granularity: QuantGranularity;
  clipping: ClippingRule;
  bytes: number;
  accuracy: number;
  correct: number;
  maxError: number;
  meanError: number;
  clipped: number;
}

export interface QuantTable {
  backend: string;
  testDigits: number;
  /** The float32 models as shipped, scored by the script. */
  float: { model: ZooModelName; bytes: number; accuracy: number; correct: number }[];
  rows: QuantTableRow[];
  /** The CNN's dense layer at 4 bits, per tensor: float and quantized weight counts, the grid, the error. */
  histogram: {
    model: ZooModelName;
    scheme: QuantScheme;
    layer: number;
    index: number;
    lo: number;
    hi: number;
    counts: number[];
    quantizedCounts: number[];
    levels: number[];
    errorCounts: number[];
    maxError: number;
  };
}

/** The row of a model and scheme, if the table has it. */
export function tableRow(t: QuantTable, model: ZooModelName, s: QuantScheme): QuantTableRow | undefined {
  return t.rows.find(
    (r) =>
      r.model === model &&
      r.bits === s.bits &&
      r.mode === s.mode &&
      r.granularity === s.granularity &&
      r.clipping === s.clipping,
  );
}
