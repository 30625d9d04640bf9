/**
 * Pure chart functions of the pruning lab: test accuracy against sparsity (without fine-tuning, with the
 * reader's fine-tuned point), and the lottery-ticket rounds (rewound ticket against re-initialised
 * control). Plain arrays in, Elements out; `document` passes through for build-time figures.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';

export const SIZES = { sweep: { width: 340, height: 230 }, ticket: { width: 340, height: 230 } } as const;

export interface SparsityPoint {
  sparsity: number;
  accuracy: number;
  /** Which curve the point is on (e.g. "no fine-tuning", "fine-tuned 100 steps"). */
  series: string;
}

export interface SparsityOptions extends ChartContext {
  /** The unpruned model's accuracy (a dashed rule). */
  floatAccuracy: number;
  chosen?: number;
  label?: string;
}

/** Test accuracy (%) against the share of weights removed (%), one line per series. */
export function sparsityChart(points: readonly SparsityPoint[], o: SparsityOptions) {
  const rows = [...points]
    .sort((a, b) => a.sparsity - b.sparsity)
    .map((p) => ({ s: 100 * p.sparsity, a: 100 * p.accuracy, series: p.series }));
  const series = [...new Set(rows.map((r) => r.series))];
  const ring = rows.filter((r) => o.chosen !== undefined && Math.abs(r.s - 100 * o.chosen) < 1e-6);
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.sweep,
      marginLeft: 44,
      x: { domain: [0, 100], label: 'sparsity: weights removed (%) →' },
      y: { domain: [0, 100], label: '↑ test accuracy (%)', grid: true },
      color: { domain: series, range: CATEGORY_COLORS.slice(0, series.length), legend: series.length > 1 },
      marks: [
        Plot.ruleY([100 * o.floatAccuracy], { stroke: CATEGORY_COLORS[1], strokeDasharray: '4 3', strokeWidth: 1.5 }),
        Plot.text([{ s: 0, a: 100 * o.floatAccuracy }], {
          x: 's',
          y: 'a',
          text: () => 'unpruned',
          textAnchor: 'start',
          dy: 10,
          fill: 'currentColor',
        }),
        Plot.line(rows, { x: 's', y: 'a', stroke: 'series', strokeWidth: 2 }),
        Plot.dot(rows, { x: 's', y: 'a', fill: 'series', r: 3.5 }),
        Plot.dot(ring, { x: 's', y: 'a', stroke: CATEGORY_COLORS[5], r: 7, strokeWidth: 2 }),
      ],
    },
    o.label ?? 'Test accuracy against sparsity',
  );
}

export interface TicketPoint {
  sparsity: number;
  rewound: number;
  random: number;
}

export const TICKET_SERIES = ['rewound to its initial weights (the ticket)', 'random re-initialisation'] as const;

/** The ticket experiment: accuracy (%) against the share of weights removed, for both arms. */
export function ticketChart(points: readonly TicketPoint[], o: ChartContext & { label?: string } = {}) {
  const rows = points.flatMap((p) => [
    { s: 100 * p.sparsity, a: 100 * p.rewound, arm: TICKET_SERIES[0] },
    { s: 100 * p.sparsity, a: 100 * p.random, arm: TICKET_SERIES[1] },
  ]);
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.ticket,
      marginLeft: 44,
      x: { domain: [0, 100], label: 'sparsity: weights removed (%) →' },
      y: { label: '↑ test accuracy (%)', grid: true },
      color: { domain: [...TICKET_SERIES], range: [CATEGORY_COLORS[0], CATEGORY_COLORS[5]], legend: true },
      marks: [
        Plot.line(rows, { x: 's', y: 'a', stroke: 'arm', strokeWidth: 2 }),
        Plot.dot(rows, { x: 's', y: 'a', fill: 'arm', r: 3.5, symbol: 'arm' }),
      ],
    },
    o.label ?? 'Lottery-ticket experiment: test accuracy against sparsity, rewound against re-initialised',
  );
}
