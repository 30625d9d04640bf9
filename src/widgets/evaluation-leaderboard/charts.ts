/**
 * Pure chart function of the leaderboard lab: the kept variant's leaderboard score and its fresh test
 * score against the number of submissions (log axis), with the model as trained on the fresh set as a
 * dashed reference. Plain arrays in, Elements out.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';
import type { LeaderboardPoint } from '../../math/evaluation-leaderboard';

export const SIZES = { curve: { width: 520, height: 260 } } as const;

/** Points at k = 1 … 20, then about 40 per decade: enough for the steps, few enough for a small SVG. */
export function logSample<P extends { k: number }>(points: readonly P[]): P[] {
  const out: P[] = [];
  let next = 1;
  for (const p of points) {
    if (p.k >= next || p === points[points.length - 1]) {
      out.push(p);
      next = p.k < 20 ? p.k + 1 : Math.ceil(p.k * 1.06);
    }
  }
  return out;
}

export interface LeaderboardChartOptions extends ChartContext {
  label?: string;
  /** Fresh-set accuracy of the model as trained. */
  base?: number;
  thresholdout?: boolean;
}

export function leaderboardChart(points: readonly LeaderboardPoint[], o: LeaderboardChartOptions = {}) {
  const reported = o.thresholdout ? 'Thresholdout answer (reported)' : 'reused test set (reported)';
  const rows = logSample(points).flatMap((p) => [
    { k: p.k, acc: 100 * p.reported, series: reported },
    { k: p.k, acc: 100 * p.fresh, series: 'fresh test set' },
  ]);
  const ys = rows.map((r) => r.acc).concat(o.base !== undefined ? [100 * o.base] : []);
  const lo = Math.floor(Math.min(...ys) - 0.5);
  const hi = Math.ceil(Math.max(...ys) + 0.5);
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.curve,
      marginLeft: 48,
      marginBottom: 40,
      x: { type: 'log', label: 'submissions →', grid: true },
      y: { domain: [lo, hi], label: '↑ accuracy of the kept variant (%)', grid: true },
      color: { domain: [reported, 'fresh test set'], range: [CATEGORY_COLORS[5], CATEGORY_COLORS[0]], legend: true },
      marks: [
        ...(o.base !== undefined
          ? [Plot.ruleY([100 * o.base], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.6 })]
          : []),
        Plot.line(rows, { x: 'k', y: 'acc', stroke: 'series', curve: 'step-after', strokeWidth: 2 }),
      ],
    },
    o.label ?? 'Accuracy of the kept variant on the reused and on the fresh test set, against submissions',
  );
}
