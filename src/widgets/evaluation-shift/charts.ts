/**
 * Pure chart functions of the shift lab: accuracy, mean confidence and ECE against severity (a rule at
 * the chosen severity), and the ROC curves of two out-of-distribution scores between the clean test
 * digits and the shifted inputs. Plain arrays in, Elements out.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';
import type { ShiftMeasure } from '../../math/evaluation-ood';
import type { RocPoint } from '../../math/evaluation-roc';

export const SIZES = {
  severity: { width: 360, height: 260 },
  roc: { width: 300, height: 280 },
} as const;

export const SERIES = ['accuracy', 'mean confidence', 'ECE'] as const;
export const SCORES = ['max softmax', 'energy'] as const;

export interface SeverityOptions extends ChartContext {
  /** The chosen severity (a vertical rule), and how the x axis reads. */
  severity?: number;
  xLabel?: string;
  label?: string;
}

/** The three measures in percent at each severity; series without values (no labels) are left out. */
export function severityChart(
  curve: readonly (Pick<ShiftMeasure, 'accuracy' | 'meanConfidence' | 'ece'> & { severity: number })[],
  o: SeverityOptions = {},
) {
  const rows = curve.flatMap((p) =>
    (
      [
        ['accuracy', p.accuracy],
        ['mean confidence', p.meanConfidence],
        ['ECE', p.ece],
      ] as const
    )
      .filter(([, v]) => Number.isFinite(v))
      .map(([series, v]) => ({ severity: p.severity, series, value: 100 * v })),
  );
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.severity,
      marginLeft: 44,
      marginBottom: 40,
      x: { domain: [0, 1], label: o.xLabel ?? 'severity →', grid: true },
      y: { domain: [0, 100], label: '↑ percent', grid: true },
      color: { domain: SERIES, range: [CATEGORY_COLORS[0], CATEGORY_COLORS[1], CATEGORY_COLORS[5]], legend: true },
      symbol: { domain: SERIES, range: ['circle', 'square', 'triangle'] },
      marks: [
        Plot.ruleY([10], { stroke: 'currentColor', strokeDasharray: '2,3', strokeOpacity: 0.5 }),
        ...(o.severity !== undefined
          ? [Plot.ruleX([o.severity], { stroke: 'currentColor', strokeOpacity: 0.35, strokeWidth: 6 })]
          : []),
        Plot.line(rows, { x: 'severity', y: 'value', stroke: 'series', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'severity', y: 'value', stroke: 'series', symbol: 'series', fill: 'series', r: 3.5 }),
      ],
    },
    o.label ?? 'Accuracy, mean confidence and ECE against the severity of the shift',
  );
}

export interface RocOptions extends ChartContext {
  label?: string;
}

/**
 * Each score's true-positive rate (clean digits called in-distribution) against its false-positive
 * rate (shifted inputs called in-distribution), with the chance diagonal.
 */
export function rocChart(roc: { msp: readonly RocPoint[]; energy: readonly RocPoint[] }, o: RocOptions = {}) {
  const rows = [
    ...roc.msp.map((p) => ({ score: 'max softmax', fpr: 100 * p.fpr, tpr: 100 * p.tpr })),
    ...roc.energy.map((p) => ({ score: 'energy', fpr: 100 * p.fpr, tpr: 100 * p.tpr })),
  ];
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.roc,
      marginLeft: 44,
      marginBottom: 40,
      x: { domain: [0, 100], label: 'shifted inputs let through (%) →', grid: true },
      y: { domain: [0, 100], label: '↑ clean digits kept (%)', grid: true },
      color: { domain: SCORES, range: [CATEGORY_COLORS[0], CATEGORY_COLORS[5]], legend: true },
      marks: [
        Plot.line(
          [
            [0, 0],
            [100, 100],
          ],
          { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.6 },
        ),
        Plot.line(
          rows.filter((d) => d.score === 'max softmax'),
          { x: 'fpr', y: 'tpr', stroke: 'score', strokeWidth: 2 },
        ),
        Plot.line(
          rows.filter((d) => d.score === 'energy'),
          { x: 'fpr', y: 'tpr', stroke: 'score', strokeWidth: 2, strokeDasharray: '6,2' },
        ),
      ],
    },
    o.label ?? 'ROC curves of two out-of-distribution scores',
  );
}
