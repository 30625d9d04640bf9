/** The settings as the worker's session takes them (numbers, not URL strings), and their checks. */
import { coefficientValue } from '../moe-shared/coefficients';
import type { DenseSparseParams } from './params';
import type { DsRunConfig } from './protocol';

export function dsRunConfig(v: DenseSparseParams): DsRunConfig {
  return {
    regimes: Number(v.regimes),
    experts: v.experts,
    topK: v.topK,
    expertHidden: v.expertHidden,
    capacityFactor: v.capacityFactor,
    alpha: coefficientValue(v.alpha),
    lr: v.lr,
    seed: v.seed,
    steps: v.steps,
  };
}

export function dsConfigProblem(v: Pick<DenseSparseParams, 'experts' | 'topK'>): string | null {
  return v.topK <= v.experts
    ? null
    : `${v.topK} experts per point need at least ${v.topK} experts: add experts or lower k.`;
}
