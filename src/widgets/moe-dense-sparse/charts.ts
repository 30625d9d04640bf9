/** Pure chart functions for dense versus sparse: plain arrays in, Elements out. */
import { accessiblePlot, CATEGORY_COLORS, CURVE_SIZE, logLossScale, Plot, type ChartContext } from '../../lib/plot';
import type { CostAxis } from './readings';
import type { CostPoint } from './protocol';

export const SIZES = { curve: { width: CURVE_SIZE.width, height: 210 } } as const;

export const MODEL_NAMES = { dense: 'dense MLP', moe: 'mixture of experts' } as const;
const COLORS = [CATEGORY_COLORS[0], CATEGORY_COLORS[1]];

const AXIS_LABELS: Record<CostAxis, string> = {
  flops: 'training FLOPs (millions) →',
  seconds: 'wall-clock seconds of training →',
};

/** Held-out loss of both models against what their training cost: FLOPs (counted) or seconds (measured). */
export function costChart(points: readonly CostPoint[], axis: CostAxis, o: ChartContext & { budget?: number } = {}) {
  const scale = axis === 'flops' ? 1e-6 : 1;
  const data = points.map((p) => ({ ...p, x: p[axis] * scale, name: MODEL_NAMES[p.model] }));
  const maxX = Math.max(1e-9, ...data.map((d) => d.x));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.curve,
      marginLeft: 44,
      x: { domain: [0, maxX], label: AXIS_LABELS[axis] },
      y: logLossScale(
        points.map((p) => p.loss),
        '↑ held-out loss (nats, log scale)',
      ),
      color: { domain: [MODEL_NAMES.dense, MODEL_NAMES.moe], range: COLORS, legend: true },
      marks: [
        ...(o.budget !== undefined
          ? [Plot.ruleX([o.budget * scale], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.6 })]
          : []),
        Plot.line(
          data.filter((d) => d.loss > 0),
          { x: 'x', y: 'loss', stroke: 'name', strokeWidth: 2.5 },
        ),
      ],
    },
    axis === 'flops'
      ? 'Held-out loss of both models against training FLOPs'
      : 'Held-out loss of both models against wall-clock training time',
  );
}
