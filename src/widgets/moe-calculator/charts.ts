/** The calculator's chart: where the parameters are, all of them against those one token uses. */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';
import type { LmCounts } from '../../math/moe-counts';

export const SIZES = { breakdown: { width: 560, height: 170 } } as const;

export const PARTS = ['embeddings', 'attention', 'experts', 'dense feed-forward', 'router and norms'] as const;

export function breakdownRows(c: LmCounts) {
  const experts = c.experts;
  const activeExperts = experts - (c.total - c.active);
  const shared = {
    embeddings: c.embedding + c.unembedding,
    attention: c.attention,
    'dense feed-forward': c.denseFfn,
    'router and norms': c.router + c.norms,
  };
  return [
    ...PARTS.map((part) => ({ bar: 'stored (total)', part, value: part === 'experts' ? experts : shared[part] })),
    ...PARTS.map((part) => ({
      bar: 'used per token (active)',
      part,
      value: part === 'experts' ? activeExperts : shared[part],
    })),
  ];
}

export function breakdownChart(c: LmCounts, ctx: ChartContext = {}) {
  const rows = breakdownRows(c).map((r) => ({ ...r, billions: r.value / 1e9 }));
  return accessiblePlot(
    {
      document: ctx.document,
      ...SIZES.breakdown,
      marginLeft: 150,
      marginBottom: 36,
      x: { label: 'parameters (billions) →', grid: true },
      y: { domain: ['stored (total)', 'used per token (active)'], label: null },
      color: {
        domain: [...PARTS],
        range: [CATEGORY_COLORS[4], CATEGORY_COLORS[0], CATEGORY_COLORS[1], CATEGORY_COLORS[2], CATEGORY_COLORS[3]],
        legend: true,
      },
      marks: [Plot.barX(rows, { y: 'bar', x: 'billions', fill: 'part', order: [...PARTS] }), Plot.ruleX([0])],
    },
    'Parameters by part of the model: all that are stored, and those one token uses',
  );
}
