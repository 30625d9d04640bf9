/**
 * Pure chart function of the distillation lab: each digit class's test accuracy for the teacher and the
 * two students. Plain arrays in, an Element out; `document` passes through for build-time figures.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';

export const SIZES = { perClass: { width: 360, height: 230 } } as const;

export const DISTILL_SERIES = ['teacher (CNN)', 'student, hard labels', 'student, soft targets'] as const;

export interface PerClassSeries {
  teacher: readonly number[];
  hard: readonly number[];
  soft: readonly number[];
}

/** Test accuracy (%) per digit class, one symbol per model; `holdOut` marks the class left out. */
export function perClassChart(d: PerClassSeries, o: ChartContext & { holdOut?: number; label?: string } = {}) {
  const rows = [d.teacher, d.hard, d.soft].flatMap((acc, m) =>
    acc.map((a, c) => ({ c: String(c), a: 100 * a, model: DISTILL_SERIES[m] })),
  );
  const held = o.holdOut !== undefined && o.holdOut >= 0 ? [{ c: String(o.holdOut) }] : [];
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.perClass,
      marginLeft: 44,
      x: { domain: Array.from({ length: 10 }, (_, i) => String(i)), label: 'digit class', padding: 0.2 },
      y: { domain: [0, 100], label: '↑ test accuracy (%)', grid: true },
      color: {
        domain: [...DISTILL_SERIES],
        range: [CATEGORY_COLORS[1], CATEGORY_COLORS[5], CATEGORY_COLORS[0]],
        legend: true,
      },
      symbol: { domain: [...DISTILL_SERIES], range: ['square', 'triangle', 'circle'] },
      marks: [
        Plot.barY(held, { x: 'c', y: 100, fill: 'currentColor', fillOpacity: 0.08 }),
        Plot.dot(rows, { x: 'c', y: 'a', stroke: 'model', symbol: 'model', r: 4, strokeWidth: 2 }),
      ],
    },
    o.label ?? 'Test accuracy per digit class: teacher, hard-label student, distilled student',
  );
}
