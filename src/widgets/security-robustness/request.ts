/** The curve the settings ask for, and its check (page side and worker side share it). */
import { ZOO_MODEL_NAMES } from '../../math/zoo';
import type { RobustnessSettings } from '../../ml/security-robustness';
import { CURVE_BATCH, CURVE_EPSILONS, params, type RobustnessParams } from './params';
import type { CurveRequest } from './protocol';

export function curveSettings(v: Pick<RobustnessParams, 'count' | 'pgdSteps' | 'seed'>): RobustnessSettings {
  return {
    epsilons: CURVE_EPSILONS,
    kinds: ['fgsm', 'pgd', 'noise'],
    pgdSteps: v.pgdSteps,
    count: v.count,
    batchSize: CURVE_BATCH,
    seed: v.seed,
  };
}

export const curveRequest = (v: RobustnessParams): CurveRequest => ({ model: v.model, settings: curveSettings(v) });

/** Throws a RangeError naming the first setting outside the widget's bounds (the compute cap). */
export function checkCurveRequest(r: CurveRequest): void {
  if (!(ZOO_MODEL_NAMES as readonly string[]).includes(r.model)) throw new RangeError(`no zoo model ${r.model}`);
  const s = r.settings;
  const within = (k: 'count' | 'pgdSteps', v: number) => {
    const spec = params[k];
    if (!(Number.isInteger(v) && v >= spec.min && v <= spec.max)) {
      throw new RangeError(`${k} must be an integer from ${spec.min} to ${spec.max}, got ${v}`);
    }
  };
  within('count', s.count);
  within('pgdSteps', s.pgdSteps);
  if (s.epsilons.length > 20 || s.epsilons.some((e) => !(e >= 0 && e <= 0.5)))
    throw new RangeError('ε must be in [0, 0.5]');
  if (!(s.batchSize >= 1 && s.batchSize <= 200)) throw new RangeError('batchSize must be 1 to 200');
}
