/** Pure chart functions for the router lab: plain arrays in, Elements out (browser and build time alike). */
import type { StepPoint, TrainingCurveOptions } from '../../lib/plot';
import { CATEGORY_COLORS, type ChartContext } from '../../lib/plot';
import { expertMapChart, loadBars, lossCurves, shareCurves, SHARED_SIZES, valueCurve } from '../moe-shared/charts';

/** Chart sizes in pixels (the curves share src/lib/plot.ts's CURVE_SIZE). */
export const SIZES = { map: SHARED_SIZES.map, loadBars: SHARED_SIZES.loadBars } as const;

/** Edges of the task's G × G cells in [-1, 1]. */
export function regimeEdges(regimes: number): number[] {
  const g = Math.round(Math.sqrt(regimes));
  return Array.from({ length: g + 1 }, (_, i) => -1 + (2 * i) / g);
}

export function labMapChart(expert: readonly number[], res: number, regimes: number, ctx: ChartContext = {}) {
  return expertMapChart(expert, res, {
    ...ctx,
    label: `Which expert the router picks first for each point of the square; dashed lines are the ${regimes} regimes`,
    regimeEdges: regimeEdges(regimes),
    size: SIZES.map,
  });
}

export function labLoadBars(f: readonly number[], P: readonly number[], ctx: ChartContext = {}) {
  return loadBars(f, P, {
    ...ctx,
    label: 'Expert loads on the held-out points: share of assignments f and mean router probability P per expert',
  });
}

export function labLossChart(train: readonly StepPoint[], heldOut: readonly StepPoint[], o: TrainingCurveOptions) {
  return lossCurves(
    [
      { name: 'training batch', points: train, thin: true, color: CATEGORY_COLORS[4] },
      { name: 'held-out', points: heldOut, color: CATEGORY_COLORS[0] },
    ],
    { ...o, label: 'Task loss by training step' },
  );
}

export function labShareChart(accuracy: readonly StepPoint[], dropped: readonly StepPoint[], o: TrainingCurveOptions) {
  return shareCurves(
    [
      { name: 'held-out accuracy', points: accuracy, color: CATEGORY_COLORS[2] },
      { name: 'assignments dropped', points: dropped, color: CATEGORY_COLORS[5] },
    ],
    { ...o, label: 'Held-out accuracy and share of assignments dropped, by training step', y: '↑ %' },
  );
}

export function labCvChart(cv: readonly StepPoint[], o: TrainingCurveOptions) {
  return valueCurve(cv, {
    ...o,
    label: 'Coefficient of variation of the expert loads by training step',
    y: '↑ CV of f (0 = even)',
  });
}
