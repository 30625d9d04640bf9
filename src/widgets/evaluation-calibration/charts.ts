/**
 * Pure chart functions of the calibration lab: the reliability diagram (each bin's accuracy against its
 * confidence, a bootstrap band per bin, the diagonal of perfect calibration) and the histogram of
 * confidences under it. Plain arrays in, Elements out.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';
import type { CalibrationReport } from '../../math/evaluation-calibration';

export const SIZES = {
  reliability: { width: 340, height: 300 },
  histogram: { width: 340, height: 150 },
} as const;

export interface ReliabilityOptions extends ChartContext {
  label?: string;
}

/**
 * Bars span each bin's confidence range and rise to its accuracy; a dot marks its mean confidence on the
 * diagonal's scale, and a vertical rule at the bin's mean confidence spans its 95% bootstrap band. The
 * x axis starts at the lowest bin edge with digits in it rounded down to a tenth (a 10-class model is
 * never below 10% sure), so the crowded top bins stay readable.
 */
export function reliabilityChart(bins: CalibrationReport['bins'], o: ReliabilityOptions = {}) {
  const full = bins.filter((b) => b.count > 0);
  const lo = Math.max(0, Math.floor(10 * Math.min(1, ...full.map((b) => b.lo))) / 10);
  const rows = full.map((b) => ({ ...b, x1: Math.max(lo, b.lo), acc: 100 * b.accuracy, conf: 100 * b.confidence }));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.reliability,
      marginLeft: 44,
      marginBottom: 40,
      x: { domain: [100 * lo, 100], label: 'confidence (%) →', grid: true },
      y: { domain: [0, 100], label: '↑ accuracy (%)', grid: true },
      color: {
        domain: ['accuracy in bin', 'mean confidence', '95% bootstrap band'],
        range: [CATEGORY_COLORS[0], CATEGORY_COLORS[1], CATEGORY_COLORS[5]],
        legend: true,
      },
      marks: [
        Plot.rectY(rows, {
          x1: (d: (typeof rows)[number]) => 100 * d.x1,
          x2: (d: (typeof rows)[number]) => 100 * d.hi,
          y: 'acc',
          fill: () => 'accuracy in bin',
          fillOpacity: 0.55,
          inset: 0.5,
        }),
        Plot.line(
          [
            [100 * lo, 100 * lo],
            [100, 100],
          ],
          { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 },
        ),
        Plot.ruleX(
          rows.filter((d) => Number.isFinite(d.bandLo)),
          {
            x: 'conf',
            y1: (d: (typeof rows)[number]) => 100 * d.bandLo,
            y2: (d: (typeof rows)[number]) => 100 * d.bandHi,
            stroke: () => '95% bootstrap band',
            strokeWidth: 2,
          },
        ),
        Plot.dot(rows, { x: 'conf', y: 'conf', fill: () => 'mean confidence', r: 3 }),
      ],
    },
    o.label ?? 'Reliability diagram: accuracy of each confidence bin against its confidence',
  );
}

/** How many test digits fall at each confidence (20 bins of 5 points), on a square-root axis. */
export function confidenceHistogram(histogram: readonly number[], o: ChartContext & { label?: string } = {}) {
  const rows = histogram.map((n, i) => ({ x1: 5 * i, x2: 5 * (i + 1), n }));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.histogram,
      marginLeft: 44,
      marginBottom: 36,
      x: { domain: [0, 100], label: 'confidence (%) →' },
      y: { type: 'sqrt', label: '↑ digits (√ scale)', grid: true },
      marks: [Plot.rectY(rows, { x1: 'x1', x2: 'x2', y: 'n', fill: CATEGORY_COLORS[4], inset: 0.5 }), Plot.ruleY([0])],
    },
    o.label ?? 'Histogram of the test digits’ confidences',
  );
}
