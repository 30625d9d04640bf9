/** Pure chart functions for routing tokens: plain arrays in, Elements out. */
import {
  CATEGORY_COLORS,
  colorLegend,
  heatmap,
  type ChartContext,
  type StepPoint,
  type TrainingCurveOptions,
} from '../../lib/plot';
import { formatToken } from '../../math/tasks';
import { lossCurves, shareCurves } from '../moe-shared/charts';
import { expertLabel } from '../moe-shared/palette';

export const SIZES = { byToken: { width: 260, height: 300 } } as const;

export function tokensLossChart(train: readonly StepPoint[], heldOut: readonly StepPoint[], o: TrainingCurveOptions) {
  return lossCurves(
    [
      { name: 'training batch', points: train, thin: true, color: CATEGORY_COLORS[4] },
      { name: 'held-out', points: heldOut, color: CATEGORY_COLORS[0] },
    ],
    { ...o, label: 'Task loss by training step' },
  );
}

export function tokensAccuracyChart(accuracy: readonly StepPoint[], o: TrainingCurveOptions) {
  return shareCurves([{ name: 'held-out token accuracy', points: accuracy, color: CATEGORY_COLORS[2] }], {
    ...o,
    label: 'Held-out token accuracy by training step',
    y: '↑ held-out token accuracy (%)',
  });
}

/**
 * [token id][expert] shares (each row sums to 1): which expert each kind of token goes to first, over
 * the held-out batch. Rows are the digits 0-9 and the separator |.
 */
export function byTokenHeatmap(shares: readonly (readonly number[])[], layer: number, ctx: ChartContext = {}) {
  return heatmap(shares, {
    ...ctx,
    label: `Layer ${layer + 1}: share of each token's occurrences routed first to each expert`,
    xLabel: 'expert →',
    yLabel: '↓ token',
    domain: [0, 1],
    xTicks: (shares[0] ?? []).map((_, e) => expertLabel(e)),
    yTicks: shares.map((_, t) => formatToken(t)),
    showValues: (shares[0]?.length ?? 0) <= 4,
    ...SIZES.byToken,
    legend: false,
  });
}

/** [position][expert] shares: which expert each position of the sequence goes to first (held-out). */
export function byPositionHeatmap(
  shares: readonly (readonly number[])[],
  layer: number,
  n: number,
  ctx: ChartContext = {},
) {
  return heatmap(shares, {
    ...ctx,
    label: `Layer ${layer + 1}: share of each position's tokens routed first to each expert`,
    xLabel: 'expert →',
    yLabel: '↓ position (question, then answer)',
    domain: [0, 1],
    xTicks: (shares[0] ?? []).map((_, e) => expertLabel(e)),
    // Positions 0 … n-1 hold the question, n the separator, n+1 … 2n-1 the answer so far.
    yTicks: shares.map((_, t) => (t < n ? `x${t + 1}` : t === n ? '|' : `y${t - n}`)),
    showValues: (shares[0]?.length ?? 0) <= 4,
    ...SIZES.byToken,
    legend: false,
  });
}

/** The one colour scale the routing heatmaps share: shares from 0 to 1. */
export function shareLegend(ctx: ChartContext = {}) {
  return colorLegend({ ...ctx, label: 'share routed first to the expert', domain: [0, 1] });
}
