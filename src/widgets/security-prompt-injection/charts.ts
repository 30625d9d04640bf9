/**
 * The simulator's chart (pure): how many attacks of the fixed list each defence setting stops, out of
 * those with a goal. Plain rows in, an Element out.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';

export const SIZES = { stopped: { width: 420, height: 200 } } as const;

export interface StoppedRow {
  setting: string;
  stopped: number;
  total: number;
}

export function stoppedChart(rows: readonly StoppedRow[], o: ChartContext & { label?: string } = {}) {
  const total = Math.max(1, ...rows.map((r) => r.total));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.stopped,
      marginLeft: 96,
      x: { domain: [0, total], label: `attacks stopped (of ${total}) →`, ticks: total, grid: true },
      y: { domain: rows.map((r) => r.setting), label: null },
      marks: [
        Plot.barX(rows, { x: 'stopped', y: 'setting', fill: CATEGORY_COLORS[0] }),
        Plot.text(rows, { x: 'stopped', y: 'setting', text: (r: StoppedRow) => String(r.stopped), dx: 8 }),
      ],
    },
    o.label ?? 'How many attacks of the list each defence setting stops',
  );
}

/** The rows of the chart from the verdict table (src/math/security-prompt-attacks.ts). */
export function stoppedRows(
  settings: readonly { label: string }[],
  table: readonly { attack: { goals: readonly string[] }; verdicts: readonly string[] }[],
): StoppedRow[] {
  const attacks = table.filter((r) => r.attack.goals.length > 0);
  return settings.map((s, i) => ({
    setting: s.label,
    stopped: attacks.filter((r) => r.verdicts[i] === 'stopped').length,
    total: attacks.length,
  }));
}
