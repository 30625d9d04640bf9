/**
 * Pure chart function of the latency lab: every variant's bytes (x, log scale) against its test accuracy
 * (y), each dot's area its measured time for one digit. Plain arrays in, an Element out.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';

export const SIZES = { tradeoff: { width: 420, height: 260 } } as const;

export interface TradeoffPoint {
  label: string;
  model: string;
  bytes: number;
  accuracy: number;
  /** Measured median for one digit (ms), or null where not measured (the static figure). */
  ms: number | null;
}

export function tradeoffChart(points: readonly TradeoffPoint[], o: ChartContext & { label?: string } = {}) {
  const rows = points.map((p) => ({ ...p, a: 100 * p.accuracy }));
  const models = [...new Set(rows.map((r) => r.model))];
  const timed = rows.some((r) => r.ms !== null);
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.tradeoff,
      marginLeft: 44,
      marginRight: 20,
      x: { type: 'log', label: 'bytes stored (log scale) →' },
      y: { label: '↑ test accuracy (%)', grid: true },
      color: { domain: models, range: CATEGORY_COLORS.slice(0, models.length), legend: true },
      r: timed ? { range: [3, 14], label: 'ms per digit' } : undefined,
      marks: [
        Plot.dot(rows, {
          x: 'bytes',
          y: 'a',
          stroke: 'model',
          fill: 'model',
          fillOpacity: 0.35,
          r: timed ? 'ms' : 4,
          title: (d: (typeof rows)[number]) => `${d.label}${d.ms !== null ? `: ${d.ms.toFixed(2)} ms` : ''}`,
        }),
        Plot.text(rows, { x: 'bytes', y: 'a', text: 'label', dy: -10, fontSize: 9, fill: 'currentColor' }),
      ],
    },
    o.label ?? 'Bytes against test accuracy for every variant; dot area: measured milliseconds per digit',
  );
}
