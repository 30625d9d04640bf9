/**
 * Pure chart functions of the quantization lab: test accuracy against bits (the sweep), one layer's
 * weights with the quantization grid drawn on them, and the weights' rounding error. Plain arrays in,
 * Elements out; `document` passes through for build-time figures.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';

export const SIZES = {
  sweep: { width: 320, height: 220 },
  histogram: { width: 360, height: 220 },
  error: { width: 300, height: 180 },
} as const;

export interface SweepPoint {
  bits: number;
  accuracy: number;
}

export interface SweepOptions extends ChartContext {
  /** The float32 model's test accuracy (a dashed rule). */
  floatAccuracy: number;
  /** The bit width the reader chose (a ring). */
  chosen?: number;
  label?: string;
}

/** Test accuracy (%) against bits per weight, 2 to 8, with the float32 model's as a dashed rule. */
export function sweepChart(points: readonly SweepPoint[], o: SweepOptions) {
  const rows = [...points].sort((a, b) => a.bits - b.bits).map((p) => ({ bits: p.bits, a: 100 * p.accuracy }));
  const ring = rows.filter((r) => r.bits === o.chosen);
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.sweep,
      marginLeft: 44,
      x: { domain: [2, 8], ticks: [2, 3, 4, 5, 6, 7, 8], label: 'bits per weight →' },
      y: { domain: [0, 100], label: '↑ test accuracy (%)', grid: true },
      marks: [
        Plot.ruleY([100 * o.floatAccuracy], { stroke: CATEGORY_COLORS[1], strokeDasharray: '4 3', strokeWidth: 1.5 }),
        Plot.text([{ bits: 8, a: 100 * o.floatAccuracy }], {
          x: 'bits',
          y: 'a',
          text: () => 'float32',
          textAnchor: 'end',
          dy: 10,
          fill: 'currentColor',
        }),
        Plot.line(rows, { x: 'bits', y: 'a', stroke: CATEGORY_COLORS[0], strokeWidth: 2 }),
        Plot.dot(rows, { x: 'bits', y: 'a', fill: CATEGORY_COLORS[0], r: 3.5 }),
        Plot.dot(ring, { x: 'bits', y: 'a', stroke: CATEGORY_COLORS[5], r: 7, strokeWidth: 2 }),
      ],
    },
    o.label ?? 'Test accuracy against bits per weight',
  );
}

export interface HistogramData {
  lo: number;
  hi: number;
  counts: readonly number[];
  levels: readonly number[];
}

export interface HistogramOptions extends ChartContext {
  label?: string;
}

/**
 * A layer's float weights as a histogram (counts on a square-root axis, so the tails show), with the
 * quantizer's representable values as vertical rules: every weight moves to its nearest rule.
 */
export function histogramChart(h: HistogramData, o: HistogramOptions = {}) {
  const width = (h.hi - h.lo) / h.counts.length;
  const bars = h.counts.map((n, k) => ({ x1: h.lo + k * width, x2: h.lo + (k + 1) * width, n }));
  const many = h.levels.length > 40;
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.histogram,
      marginLeft: 44,
      x: { domain: [h.lo, h.hi], label: 'weight value →' },
      y: { type: 'sqrt', label: '↑ weights (square-root scale)', grid: true },
      marks: [
        Plot.rectY(bars, { x1: 'x1', x2: 'x2', y: 'n', fill: CATEGORY_COLORS[4], fillOpacity: 0.8, inset: 0.3 }),
        Plot.ruleX(h.levels, {
          stroke: CATEGORY_COLORS[5],
          strokeWidth: many ? 0.5 : 1.5,
          strokeOpacity: many ? 0.5 : 0.9,
        }),
        Plot.ruleY([0]),
      ],
    },
    o.label ?? `Weights of one layer with the ${h.levels.length} representable values drawn as rules`,
  );
}

/** |r − r̂| of a layer's weights: counts in equal bins from 0 to the largest error. */
export function errorChart(counts: readonly number[], maxError: number, o: HistogramOptions = {}) {
  const width = (maxError || 1) / counts.length;
  const bars = counts.map((n, k) => ({ x1: k * width, x2: (k + 1) * width, n }));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.error,
      marginLeft: 44,
      x: { domain: [0, maxError || 1], label: '|weight − quantized weight| →' },
      y: { label: '↑ weights', grid: true },
      marks: [Plot.rectY(bars, { x1: 'x1', x2: 'x2', y: 'n', fill: CATEGORY_COLORS[0], inset: 0.3 }), Plot.ruleY([0])],
    },
    o.label ?? 'How far each weight moved when quantized',
  );
}
