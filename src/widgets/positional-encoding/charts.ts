/** Pure chart functions for the positional encoding viewer: (data, options) => Element. */
import { accessiblePlot, CATEGORY_COLORS, DIVERGING_SCHEME, heatmap, Plot, type ChartContext } from '../../lib/plot';

/** Chart sizes in pixels, in one place. */
export const SIZES = {
  heatmap: { width: 340, height: 300 },
  probe: { width: 680, height: 200 },
} as const;

export function encodingHeatmap(encoding: number[][], ctx: ChartContext = {}) {
  return heatmap(encoding, {
    ...ctx,
    label: 'PE value',
    xLabel: 'dimension →',
    yLabel: '↓ position',
    scheme: DIVERGING_SCHEME,
    domain: [-1, 1],
    ...SIZES.heatmap,
  });
}

export function similarityHeatmap(similarity: number[][], measure: 'cosine' | 'dot', ctx: ChartContext = {}) {
  const max = Math.max(...similarity.map((r) => Math.max(...r.map(Math.abs))));
  return heatmap(similarity, {
    ...ctx,
    label: measure === 'cosine' ? 'cosine similarity' : 'dot product',
    xLabel: 'position →',
    yLabel: '↓ position',
    scheme: DIVERGING_SCHEME,
    domain: [-max, max],
    ...SIZES.heatmap,
  });
}

export function probeChart(row: number[], probe: number, measure: 'cosine' | 'dot', ctx: ChartContext = {}) {
  const data = row.map((v, pos) => ({ pos, v }));
  return accessiblePlot(
    {
      document: ctx.document,
      ...SIZES.probe,
      marginLeft: 48,
      x: { label: 'position →' },
      y: { label: measure === 'cosine' ? '↑ cosine similarity to probe' : '↑ dot product with probe', grid: true },
      marks: [
        Plot.ruleY([0]),
        Plot.ruleX([probe], { stroke: CATEGORY_COLORS[1], strokeDasharray: '4,3' }),
        Plot.line(data, { x: 'pos', y: 'v', stroke: CATEGORY_COLORS[0], strokeWidth: 2 }),
        Plot.dot(data, { x: 'pos', y: 'v', fill: CATEGORY_COLORS[0], r: 2 }),
      ],
    },
    `Similarity of position ${probe} to every position`,
  );
}
