/**
 * The leakage lab's chart: for each protocol, its test score and the clean held-out score of the same
 * model, with Wilson's 95% interval of each (src/math/evaluation-metrics.ts). Plain numbers in.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';
import { LEAK_PROTOCOLS, type LeakProtocolId } from '../../math/evaluation-leakage';
import { wilsonInterval } from '../../math/evaluation-metrics';
import type { LeakResult } from '../../ml/evaluation-leakage';

type Results = Partial<Record<LeakProtocolId, LeakResult>>;

export const SIZES = { scores: { width: 620, height: 300 } } as const;

export interface ScoreRow {
  label: string;
  testAccuracy: number;
  testCount: number;
  heldOutAccuracy: number;
  heldOutCount: number;
}

export const SCORE_KINDS = ['its own test split', 'clean held-out digits'] as const;

export function scoresChart(rows: readonly ScoreRow[], o: ChartContext & { label?: string } = {}) {
  const points = rows.flatMap((r) =>
    (
      [
        [SCORE_KINDS[0], r.testAccuracy, r.testCount],
        [SCORE_KINDS[1], r.heldOutAccuracy, r.heldOutCount],
      ] as const
    ).map(([kind, acc, n]) => {
      const ci = wilsonInterval(Math.round(acc * n), n);
      return { protocol: r.label, kind, acc: 100 * acc, lo: 100 * ci.lo, hi: 100 * ci.hi };
    }),
  );
  const lo = Math.max(0, Math.floor(Math.min(...points.map((p) => p.lo)) / 10) * 10 - 10);
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.scores,
      marginLeft: 290,
      marginBottom: 40,
      x: { domain: [lo, 100], label: 'accuracy (%), with a 95% interval →', grid: true },
      y: { domain: rows.map((r) => r.label), label: null },
      color: { domain: SCORE_KINDS, range: [CATEGORY_COLORS[5], CATEGORY_COLORS[0]], legend: true },
      symbol: { domain: SCORE_KINDS, range: ['circle', 'square'] },
      marks: SCORE_KINDS.flatMap((kind, i) => {
        const mine = points.filter((p) => p.kind === kind);
        const dy = i === 0 ? -5 : 5;
        return [
          Plot.ruleY(mine, { x1: 'lo', x2: 'hi', y: 'protocol', stroke: 'kind', strokeWidth: 2, dy }),
          Plot.dot(mine, { x: 'acc', y: 'protocol', fill: 'kind', symbol: 'kind', r: 4, dy }),
        ];
      }),
    },
    o.label ?? 'Test score against the clean held-out score for each protocol',
  );
}

/** A signed number of points: +16.6, −0.4. */
export const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;

export function scoreRows(results: Results, heldOut: number): ScoreRow[] {
  return LEAK_PROTOCOLS.filter((p) => results[p.id]).map((p) => {
    const r = results[p.id]!;
    return {
      label: p.label,
      testAccuracy: r.testAccuracy,
      testCount: r.testCount,
      heldOutAccuracy: r.heldOutAccuracy,
      heldOutCount: heldOut,
    };
  });
}
