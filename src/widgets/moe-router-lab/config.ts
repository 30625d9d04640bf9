/** The lab's settings as the worker's session takes them (numbers, not URL strings), and their checks. */
import { coefficientValue } from '../moe-shared/coefficients';
import type { RouterLabParams } from './params';
import type { LabRunConfig } from './protocol';

export function labRunConfig(v: RouterLabParams): LabRunConfig {
  return {
    regimes: Number(v.regimes),
    experts: v.experts,
    topK: v.topK,
    alpha: coefficientValue(v.alpha),
    zLoss: coefficientValue(v.zLoss),
    capacityFactor: v.capacityFactor,
    noise: v.noise,
    lr: v.lr,
    seed: v.seed,
    steps: v.steps,
  };
}

/** k experts per point need at least k experts: say so rather than fail in the worker. */
export function labConfigProblem(v: Pick<RouterLabParams, 'experts' | 'topK'>): string | null {
  return v.topK <= v.experts
    ? null
    : `${v.topK} experts per point need at least ${v.topK} experts: add experts or lower k.`;
}
