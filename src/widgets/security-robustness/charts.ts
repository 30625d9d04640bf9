/**
 * Pure chart functions of the robustness curve: accuracy against ε for each attack (live or recorded),
 * the papers' points beside it, and the mean confidence on errors. Plain arrays in, Elements out.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';
import type { RobustnessPoint } from '../../ml/security-robustness';
import type { PaperPoint } from './papers';

export const SIZES = { curve: { width: 420, height: 260 }, confidence: { width: 420, height: 200 } } as const;

const ATTACK_LABELS = { fgsm: 'FGSM', pgd: 'PGD', noise: 'random signs' } as const;
const COLORS = {
  domain: ['FGSM', 'PGD', 'random signs'],
  range: [CATEGORY_COLORS[0], CATEGORY_COLORS[5], CATEGORY_COLORS[2]],
};

export interface CurveOptions extends ChartContext {
  label?: string;
  /** The seeded script's curve of the same model, drawn dashed. */
  recorded?: readonly RobustnessPoint[];
  papers?: readonly PaperPoint[];
}

const rows = (points: readonly RobustnessPoint[]) =>
  points.map((p) => ({ ...p, attack: ATTACK_LABELS[p.kind], percent: 100 * p.accuracy }));

export function accuracyChart(points: readonly RobustnessPoint[], o: CurveOptions = {}) {
  const live = rows(points);
  const recorded = rows(o.recorded ?? []);
  const papers = (o.papers ?? []).map((p) => ({ ...p, percent: 100 * p.accuracy, attack: ATTACK_LABELS[p.kind] }));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.curve,
      marginLeft: 44,
      x: { domain: [0, 0.3], label: 'ε (largest change of a pixel) →' },
      y: { domain: [0, 100], label: '↑ test accuracy (%)', grid: true },
      color: { ...COLORS, legend: true },
      marks: [
        Plot.line(recorded, {
          x: 'epsilon',
          y: 'percent',
          stroke: 'attack',
          strokeDasharray: '4 3',
          strokeOpacity: 0.6,
        }),
        Plot.line(live, { x: 'epsilon', y: 'percent', stroke: 'attack', strokeWidth: 2 }),
        Plot.dot(live, { x: 'epsilon', y: 'percent', fill: 'attack', r: 3 }),
        Plot.dot(papers, { x: 'epsilon', y: 'percent', stroke: 'attack', symbol: 'times', r: 5, strokeWidth: 2 }),
      ],
    },
    o.label ?? 'Test accuracy against ε',
  );
}

export function confidenceChart(points: readonly RobustnessPoint[], o: ChartContext & { label?: string } = {}) {
  const live = rows(points.filter((p) => p.errorConfidence !== null)).map((p) => ({
    ...p,
    conf: 100 * p.errorConfidence!,
  }));
  return accessiblePlot(
    {
      document: o.document,
      ...SIZES.confidence,
      marginLeft: 44,
      x: { domain: [0, 0.3], label: 'ε →' },
      y: { domain: [0, 100], label: '↑ mean confidence on errors (%)', grid: true },
      color: COLORS,
      marks: [
        Plot.line(live, { x: 'epsilon', y: 'conf', stroke: 'attack', strokeWidth: 2 }),
        Plot.dot(live, { x: 'epsilon', y: 'conf', fill: 'attack', r: 3 }),
      ],
    },
    o.label ?? 'Mean confidence of the wrong answers against ε',
  );
}
