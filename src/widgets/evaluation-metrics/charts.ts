/**
 * Pure chart functions of the metrics lab: the ROC curve (recall against false-positive rate, the
 * diagonal of chance) and the precision–recall curve (the prevalence line of chance), each with the
 * current threshold's point. Plain arrays in, Elements out.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';
import type { CurvePoint } from '../../math/evaluation-binary';

export const SIZES = { curve: { width: 300, height: 260 } } as const;

export interface CurveOptions extends ChartContext {
  label?: string;
  /** The current threshold's operating point. */
  at?: { fpr: number; recall: number; precision: number };
}

const pct = (x: number) => 100 * x;

export function rocChart(points: readonly CurvePoint[], auroc: number, o: CurveOptions = {}) {
  const rows = points.map((p) => ({ x: pct(p.fpr), y: pct(p.recall) }));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.curve,
      marginLeft: 44,
      marginBottom: 40,
      x: { domain: [0, 100], label: 'false-positive rate (%) →', grid: true },
      y: { domain: [0, 100], label: '↑ recall (%)', grid: true },
      marks: [
        Plot.line(
          [
            [0, 0],
            [100, 100],
          ],
          { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.6 },
        ),
        Plot.line(rows, { x: 'x', y: 'y', stroke: CATEGORY_COLORS[0], strokeWidth: 2 }),
        ...(o.at && Number.isFinite(o.at.fpr)
          ? [Plot.dot([{ x: pct(o.at.fpr), y: pct(o.at.recall) }], { x: 'x', y: 'y', r: 5, fill: CATEGORY_COLORS[5] })]
          : []),
      ],
    },
    o.label ?? `ROC curve, area ${auroc.toFixed(4)}`,
  );
}

export function prChart(points: readonly CurvePoint[], ap: number, prevalence: number, o: CurveOptions = {}) {
  const rows = points.slice(1).map((p) => ({ x: pct(p.recall), y: pct(p.precision) }));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.curve,
      marginLeft: 44,
      marginBottom: 40,
      x: { domain: [0, 100], label: 'recall (%) →', grid: true },
      y: { domain: [0, 100], label: '↑ precision (%)', grid: true },
      marks: [
        Plot.ruleY([pct(prevalence)], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.6 }),
        Plot.line(rows, { x: 'x', y: 'y', stroke: CATEGORY_COLORS[2], strokeWidth: 2, curve: 'step-before' }),
        ...(o.at && Number.isFinite(o.at.precision)
          ? [
              Plot.dot([{ x: pct(o.at.recall), y: pct(o.at.precision) }], {
                x: 'x',
                y: 'y',
                r: 5,
                fill: CATEGORY_COLORS[5],
              }),
            ]
          : []),
      ],
    },
    o.label ?? `Precision–recall curve, average precision ${ap.toFixed(4)}`,
  );
}
