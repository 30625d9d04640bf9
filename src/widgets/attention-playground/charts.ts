/** Pure chart functions for the attention playground: plain arrays in, Elements out. */
import {
  accessiblePlot,
  CATEGORY_COLORS,
  colorLegend,
  heatmap,
  Plot,
  logLossScale,
  trainingCurveFrame,
  type ChartContext,
  type StepPoint,
  type TrainingCurveOptions,
} from '../../lib/plot';

export type Point = StepPoint;

/** Chart sizes in pixels, in one place (the training curves share src/lib/plot.ts's CURVE_SIZE). */
export const SIZES = { attentionMap: { width: 230, height: 210 } } as const;
type CurveOptions = TrainingCurveOptions;

/** Training loss (every step, thin) and held-out loss (every few steps, thick), on a log y axis. */
export function lossChart(train: readonly Point[], heldOut: readonly Point[], o: CurveOptions) {
  const positive = (p: Point) => p.value > 0;
  return accessiblePlot(
    {
      ...trainingCurveFrame(o, 44),
      y: logLossScale(
        [...train, ...heldOut].map((p) => p.value),
        '↑ loss (nats, log scale)',
      ),
      color: { domain: ['training batch', 'held-out'], range: [CATEGORY_COLORS[4], CATEGORY_COLORS[0]], legend: true },
      marks: [
        Plot.line(train.filter(positive), {
          x: 'step',
          y: 'value',
          stroke: () => 'training batch',
          strokeWidth: 1,
          strokeOpacity: 0.7,
        }),
        Plot.line(heldOut.filter(positive), { x: 'step', y: 'value', stroke: () => 'held-out', strokeWidth: 2.5 }),
      ],
    },
    'Loss by training step',
  );
}

/** Held-out token accuracy, with the 95% line the lesson refers to. */
export function accuracyChart(accuracy: readonly Point[], o: CurveOptions) {
  return accessiblePlot(
    {
      ...trainingCurveFrame(o, 44),
      y: { domain: [0, 100], label: '↑ held-out token accuracy (%)', percent: true, grid: true },
      marks: [
        Plot.ruleY([0.95], { stroke: CATEGORY_COLORS[1], strokeDasharray: '4,3' }),
        Plot.line(accuracy, { x: 'step', y: 'value', stroke: CATEGORY_COLORS[2], strokeWidth: 2.5 }),
        Plot.dot(accuracy.slice(-1), { x: 'step', y: 'value', fill: CATEGORY_COLORS[2], r: 3 }),
      ],
    },
    'Held-out token accuracy by training step',
  );
}

/** One head's attention: rows are queries (each sums to 1), columns are keys; the mask hides j > i. */
export function attentionHeatmap(
  weights: readonly (readonly number[])[],
  tokens: readonly string[],
  label: string,
  o: ChartContext = {},
) {
  return heatmap(weights, {
    document: o.document,
    label,
    xLabel: 'key (looked at) →',
    yLabel: '↓ query (looking)',
    domain: [0, 1],
    xTicks: [...tokens],
    yTicks: [...tokens],
    ...SIZES.attentionMap,
    // One shared legend (attentionLegend) serves every map.
    legend: false,
  });
}

/** The one colour scale every attention map shares: weights from 0 to 1. */
export function attentionLegend(ctx: ChartContext = {}) {
  return colorLegend({ ...ctx, label: 'attention weight', domain: [0, 1] });
}
