/**
 * Pure chart functions for the scaled dot-product explorer: (data, options) => Element. The same
 * functions draw the live charts and, at build time with a linkedom document, the static figure.
 */
import {
  accessiblePlot,
  CATEGORY_COLORS,
  DIVERGING_SCHEME,
  heatmap,
  Plot,
  SEQUENTIAL_SCHEME,
  type ChartContext,
} from '../../lib/plot';
import { percent, type SaturationPoint } from './compute';

/** Chart sizes in pixels, in one place. */
export const SIZES = {
  heatmap: { width: 340, height: 300 },
  row: { width: 340, height: 220 },
  saturation: { width: 680, height: 260 },
} as const;
const HEAT_WIDTH = SIZES.heatmap.width;
const HEAT_HEIGHT = SIZES.heatmap.height;
/** Blue for the scaled curve and ordinary bars, orange for the unscaled curve and the top key. */
const BLUE = CATEGORY_COLORS[0];
const ORANGE = CATEGORY_COLORS[1];

/** Axis labels 0..n-1 with the detailed row marked, so the heatmaps point at the bar charts below. */
function rowTicks(n: number, query: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === query ? `▸${i}` : String(i)));
}

/**
 * The score matrix, queries down, keys across, on a diverging scale centred on 0. Masked cells are
 * not coloured as a score: they are greyed and marked −∞, which is what the mask adds before the
 * softmax.
 */
export function scoresHeatmap(
  scores: number[][],
  mask: boolean[][],
  o: { query: number; scaled: boolean },
  ctx: ChartContext = {},
) {
  const visible = scores.flatMap((row, i) => row.filter((_, j) => !mask[i][j]));
  const maxAbs = Math.max(...visible.map(Math.abs)) || 1;
  return heatmap(scores, {
    ...ctx,
    label: o.scaled ? 'score q·k/√d' : 'score q·k',
    xLabel: 'key →',
    yLabel: '↓ query',
    yTicks: rowTicks(scores.length, o.query),
    scheme: DIVERGING_SCHEME,
    domain: [-maxAbs, maxAbs],
    masked: mask,
    width: HEAT_WIDTH,
    height: HEAT_HEIGHT,
  });
}

/** Softmax weights on a fixed [0, 1] scale, so a saturated row stands out as one bright cell. */
export function weightsHeatmap(weights: number[][], query: number, ctx: ChartContext = {}) {
  const n = weights.length;
  return heatmap(weights, {
    ...ctx,
    label: 'attention weight',
    xLabel: 'key →',
    yLabel: '↓ query',
    scheme: SEQUENTIAL_SCHEME,
    domain: [0, 1],
    width: HEAT_WIDTH,
    height: HEAT_HEIGHT,
    yTicks: rowTicks(n, query),
    // Two decimals per cell fit up to 8 columns at this width.
    showValues: n <= 8,
  });
}

interface RowOptions {
  query: number;
  mask: boolean[];
  topKey: number;
}

/** One query's scores, one bar per key; the key that wins the softmax is orange. */
export function queryScoresChart(scores: number[], o: RowOptions & { scaled: boolean }, ctx: ChartContext = {}) {
  const bars = scores.map((v, key) => ({ key, v, masked: o.mask[key] }));
  const shown = bars.filter((b) => !b.masked);
  const hidden = bars.filter((b) => b.masked);
  return accessiblePlot(
    {
      document: ctx.document,
      ...SIZES.row,
      marginLeft: 48,
      marginBottom: 40,
      x: { domain: bars.map((b) => b.key), label: 'key →', padding: 0.15 },
      y: { label: o.scaled ? '↑ score q·k/√d' : '↑ score q·k', grid: true, nice: true },
      marks: [
        Plot.barY(shown, { x: 'key', y: 'v', fill: (b: { key: number }) => (b.key === o.topKey ? ORANGE : BLUE) }),
        Plot.text(hidden, {
          x: 'key',
          y: 0,
          text: () => '−∞',
          dy: -8,
          fontSize: 9,
          fill: 'currentColor',
          fillOpacity: 0.6,
        }),
        Plot.ruleY([0]),
      ],
    },
    `Scores of query ${o.query} against each key`,
  );
}

/** One query's softmax weights against the uniform level 1/(visible keys). */
export function queryWeightsChart(weights: number[], o: RowOptions & { visibleKeys: number }, ctx: ChartContext = {}) {
  const bars = weights.map((w, key) => ({ key, w, masked: o.mask[key] }));
  const uniform = 1 / o.visibleKeys;
  // Percentages fit above every bar up to 8 keys; beyond that only the winner is labelled.
  const labelled = bars.filter((b) => !b.masked && (bars.length <= 8 || b.key === o.topKey));
  return accessiblePlot(
    {
      document: ctx.document,
      ...SIZES.row,
      marginLeft: 48,
      marginTop: 28,
      marginBottom: 40,
      marginRight: 56,
      x: { domain: bars.map((b) => b.key), label: 'key →', padding: 0.15 },
      y: { domain: [0, 1], label: '↑ softmax weight', grid: true, tickFormat: '.0%' },
      marks: [
        Plot.barY(bars, { x: 'key', y: 'w', fill: (b: { key: number }) => (b.key === o.topKey ? ORANGE : BLUE) }),
        Plot.text(labelled, { x: 'key', y: 'w', text: (b: { w: number }) => percent(b.w), dy: -7, fontSize: 10 }),
        Plot.ruleY([uniform], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
        // In the right margin, clear of the bars' percentages.
        Plot.text([uniform], {
          y: (u: number) => u,
          frameAnchor: 'right',
          dx: 4,
          text: () => 'uniform',
          textAnchor: 'start',
          fontSize: 10,
        }),
        Plot.ruleY([0]),
      ],
    },
    `Softmax weights of query ${o.query}; uniform would give each visible key ${percent(uniform)}`,
  );
}

/**
 * The key figure: the mean largest softmax weight against d, on a log axis. Unscaled, scores spread
 * like √d and the curve climbs toward 1 (one-hot); scaled, the spread stays 1 and the curve stays flat.
 * The curve for the current setting is drawn thicker; a rule marks the current d.
 */
export function saturationChart(
  curve: SaturationPoint[],
  o: { d: number; tokens: number; scaled: boolean },
  ctx: ChartContext = {},
) {
  const rows = curve.flatMap((p) => [
    { d: p.d, mode: 'divided by √d', ...p.scaled },
    { d: p.d, mode: 'raw q·k', ...p.unscaled },
  ]);
  const scaledRows = rows.filter((r) => r.mode === 'divided by √d');
  const rawRows = rows.filter((r) => r.mode === 'raw q·k');
  const last = (rs: typeof rows) => rs.slice(-1);
  const dMin = curve[0]?.d ?? 1;
  const dMax = curve[curve.length - 1]?.d ?? 512;
  const tip = (r: (typeof rows)[number]) =>
    `d = ${r.d}, ${r.mode}: largest weight ${percent(r.maxWeight)}, entropy ${r.entropy.toFixed(2)} nats`;
  const line = (rs: typeof rows, color: string, active: boolean, dash?: string) => [
    Plot.line(rs, { x: 'd', y: 'maxWeight', stroke: color, strokeWidth: active ? 3 : 1.5, strokeDasharray: dash }),
    Plot.dot(rs, { x: 'd', y: 'maxWeight', fill: color, r: active ? 3.5 : 2.5, title: tip }),
    Plot.text(last(rs), {
      x: 'd',
      y: 'maxWeight',
      text: 'mode',
      fill: color,
      dx: 8,
      textAnchor: 'start',
      fontWeight: 600,
    }),
  ];
  const uniform = 1 / o.tokens;
  return accessiblePlot(
    {
      document: ctx.document,
      ...SIZES.saturation,
      marginLeft: 48,
      marginRight: 100,
      x: {
        type: 'log',
        base: 2,
        domain: [dMin, dMax],
        ticks: curve.map((p) => p.d),
        tickFormat: 'd',
        label: 'vector size d →',
      },
      y: { domain: [0, 1], label: '↑ mean largest weight', grid: true, tickFormat: '.0%' },
      marks: [
        Plot.ruleY([uniform], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
        Plot.text([uniform], {
          x: dMin,
          y: uniform,
          text: () => `uniform 1/${o.tokens}`,
          dx: 6,
          dy: -7,
          textAnchor: 'start',
          fontSize: 10,
        }),
        Plot.ruleX([o.d], { stroke: 'currentColor', strokeOpacity: 0.6 }),
        Plot.text([o.d], { x: o.d, y: 1, text: () => `d = ${o.d}`, dy: -6, fontSize: 10 }),
        ...line(rawRows, ORANGE, !o.scaled, '6,3'),
        ...line(scaledRows, BLUE, o.scaled),
      ],
    },
    `Mean largest softmax weight against d, one query and ${o.tokens} keys: ` +
      `unscaled ${percent(rawRows[0]?.maxWeight ?? 0)} at d = ${dMin} rising to ${percent(last(rawRows)[0]?.maxWeight ?? 0)} at d = ${dMax}; ` +
      `scaled ${percent(scaledRows[0]?.maxWeight ?? 0)} to ${percent(last(scaledRows)[0]?.maxWeight ?? 0)}`,
  );
}
