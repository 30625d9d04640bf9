/**
 * Pure chart functions of the backdoor lab: the spectral-signature scores of the target class's training
 * digits, poisoned and clean on separate rows, with the flagged ones marked; and attack success and clean
 * accuracy against the poison rate (the seeded script's runs). Plain arrays in, Elements out.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';

export const SIZES = { scores: { width: 420, height: 150 }, rates: { width: 420, height: 220 } } as const;

export interface ScorePoint {
  score: number;
  poisoned: boolean;
  flagged: boolean;
}

export function scoreChart(points: readonly ScorePoint[], o: ChartContext & { label?: string } = {}) {
  const max = Math.max(1e-12, ...points.map((p) => p.score));
  const rows = points.map((p) => ({
    share: p.score / max,
    truth: p.poisoned ? 'poisoned' : 'clean',
    verdict: p.flagged ? 'flagged' : 'kept',
  }));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.scores,
      marginLeft: 70,
      x: { domain: [0, 1], label: 'spectral score (share of the largest) →' },
      y: { domain: ['clean', 'poisoned'], label: null },
      color: { domain: ['kept', 'flagged'], range: [CATEGORY_COLORS[0], CATEGORY_COLORS[5]], legend: true },
      symbol: { domain: ['kept', 'flagged'], range: ['circle', 'times'] },
      marks: [
        Plot.dot(rows, {
          x: 'share',
          y: 'truth',
          stroke: 'verdict',
          symbol: 'verdict',
          r: 3,
          strokeOpacity: 0.7,
        }),
      ],
    },
    o.label ?? 'Spectral scores of the target class’s training digits, clean and poisoned',
  );
}

export interface RatePoint {
  /** Poison rate, as a share. */
  rate: number;
  attackSuccess: number;
  cleanAccuracy: number;
}

export function rateChart(points: readonly RatePoint[], o: ChartContext & { label?: string; paper?: number } = {}) {
  const rows = points.flatMap((p) => [
    { percent: 100 * p.rate, value: 100 * p.attackSuccess, measure: 'attack success' },
    { percent: 100 * p.rate, value: 100 * p.cleanAccuracy, measure: 'clean accuracy' },
  ]);
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.rates,
      marginLeft: 44,
      x: { label: 'poison rate p (%) →' },
      y: { domain: [0, 100], label: '↑ %', grid: true },
      color: {
        domain: ['attack success', 'clean accuracy'],
        range: [CATEGORY_COLORS[5], CATEGORY_COLORS[0]],
        legend: true,
      },
      marks: [
        Plot.line(rows, { x: 'percent', y: 'value', stroke: 'measure', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'percent', y: 'value', fill: 'measure', r: 3 }),
        ...(o.paper !== undefined
          ? [Plot.ruleY([100 * o.paper], { stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.6 })]
          : []),
      ],
    },
    o.label ?? 'Attack success and clean accuracy against the poison rate',
  );
}
