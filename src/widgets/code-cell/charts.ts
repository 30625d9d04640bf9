/**
 * The code cell's charts: what a program returns as `{ plot }` (plot-spec.ts), drawn with Observable
 * Plot through src/lib/plot.ts. Pure (item, context) => Element, used live and, at build time with a
 * linkedom document, for the static figure of the lesson's code.
 */
import { accessiblePlot, CATEGORY_COLORS, heatmap, Plot, type ChartContext } from '../../lib/plot';
import { formatNumber, type PlotItem } from './output';

export const SIZES = {
  chart: { width: 560, height: 260 },
  heatmap: { width: 360, height: 320 },
} as const;

/** Dots are drawn on top of a line when there are few enough points to see them. */
const MAX_DOTS_ON_LINE = 40;

/** The chart's accessible name: its kind, title, axes and extent, since the picture is not read out. */
export function describePlot(item: PlotItem): string {
  const title = item.title ? `${item.title}: ` : '';
  if (item.type === 'cell') {
    return `${title}heatmap of ${item.matrix.length} × ${item.matrix[0].length} values, ${item.yLabel} down, ${item.xLabel} across`;
  }
  const series = new Set(item.points.map((p) => p.series));
  const ys = item.points.map((p) => p.y);
  const kind = item.type === 'line' ? 'line chart' : 'scatter plot';
  const lines = series.size > 1 ? `, ${series.size} series (${[...series].join(', ')})` : '';
  return `${title}${kind} of ${item.points.length} points, ${item.yLabel} from ${formatNumber(Math.min(...ys))} to ${formatNumber(Math.max(...ys))} against ${item.xLabel}${lines}`;
}

export function plotChart(item: PlotItem, ctx: ChartContext = {}): Element {
  const label = describePlot(item);
  if (item.type === 'cell') {
    return heatmap(item.matrix, {
      ...ctx,
      label: item.title || 'value',
      xLabel: `${item.xLabel} →`,
      yLabel: `↓ ${item.yLabel}`,
      showValues: item.matrix.length * item.matrix[0].length <= 36,
      ...SIZES.heatmap,
    });
  }
  const many = new Set(item.points.map((p) => p.series)).size > 1;
  const channels = { x: 'x', y: 'y', ...(many ? { stroke: 'series', z: 'series' } : { stroke: CATEGORY_COLORS[0] }) };
  const dots = { x: 'x', y: 'y', r: 3, ...(many ? { fill: 'series' } : { fill: CATEGORY_COLORS[0] }) };
  const marks =
    item.type === 'line'
      ? [
          Plot.line(item.points, channels),
          ...(item.points.length <= MAX_DOTS_ON_LINE ? [Plot.dot(item.points, dots)] : []),
        ]
      : [Plot.dot(item.points, dots)];
  return accessiblePlot(
    {
      document: ctx.document,
      ...SIZES.chart,
      marginLeft: 52,
      title: item.title || undefined,
      // The grid marks every tick already: no tick marks (one element fewer per tick in the page).
      x: { label: `${item.xLabel} →`, grid: true, tickSize: 0 },
      y: { label: `↑ ${item.yLabel}`, grid: true, tickSize: 0 },
      color: many ? { type: 'categorical', range: CATEGORY_COLORS, legend: true } : undefined,
      marks: [Plot.ruleY([0], { strokeOpacity: 0.25 }), ...marks],
    },
    label,
  );
}
