/**
 * What the dense-versus-sparse curves say, in numbers: each model's held-out loss at the same training
 * FLOPs (or the same seconds) as the other's last evaluation. Pure functions of the recorded points, so
 * the view, the summary, the static figure and the claims test all read them the same way.
 */
import type { CostPoint } from './protocol';

export type CostAxis = 'flops' | 'seconds';

/** The model's held-out loss when it had spent `budget` (linear between evaluations); null beyond its run. */
export function lossAt(
  points: readonly CostPoint[],
  model: CostPoint['model'],
  axis: CostAxis,
  budget: number,
): number | null {
  const mine = points.filter((p) => p.model === model);
  for (let i = 1; i < mine.length; i++) {
    const a = mine[i - 1];
    const b = mine[i];
    if (budget >= a[axis] && budget <= b[axis]) {
      const t = b[axis] === a[axis] ? 1 : (budget - a[axis]) / (b[axis] - a[axis]);
      return a.loss + t * (b.loss - a.loss);
    }
  }
  return null;
}

export interface Comparison {
  /** The budget both are compared at: what the cheaper of the two had spent at its last evaluation. */
  budget: number;
  dense: number;
  moe: number;
}

/** Both models' held-out losses at the largest budget both have reached. */
export function compareAt(points: readonly CostPoint[], axis: CostAxis): Comparison | null {
  const last = (model: CostPoint['model']) => points.filter((p) => p.model === model).at(-1);
  const d = last('dense');
  const m = last('moe');
  if (!d || !m || d.step === 0) return null;
  const budget = Math.min(d[axis], m[axis]);
  const dense = lossAt(points, 'dense', axis, budget);
  const moe = lossAt(points, 'moe', axis, budget);
  return dense === null || moe === null ? null : { budget, dense, moe };
}

export const latest = (points: readonly CostPoint[], model: CostPoint['model']) =>
  points.filter((p) => p.model === model).at(-1) ?? null;
