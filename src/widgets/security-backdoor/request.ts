/**
 * The run the lab's settings ask for, as plain data (page side; the worker and tests call it too), and
 * its checks: a bad trigger or an out-of-range request gets a message naming what is wrong.
 */
import { BACKDOOR_MODELS, MAX_BACKDOOR_STEPS, parseTrigger } from '../../math/security-backdoor';
import type { BackdoorParams } from './params';
import type { BackdoorRequest } from './protocol';

export function backdoorRequest(
  v: Pick<BackdoorParams, 'model' | 'trigger' | 'target' | 'rate' | 'steps' | 'seed'>,
): BackdoorRequest {
  return {
    model: v.model,
    trigger: v.trigger,
    target: Number(v.target),
    rate: v.rate / 100,
    steps: v.steps,
    seed: v.seed,
  };
}

/** The trigger's problem, or null when it is a valid one. */
export function triggerProblem(text: string): string | null {
  try {
    parseTrigger(text);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Throws a RangeError naming the first bad field (the worker checks what it is sent). */
export function checkBackdoorRequest(r: BackdoorRequest): void {
  if (!(BACKDOOR_MODELS as readonly string[]).includes(r.model)) throw new RangeError(`no backdoor model "${r.model}"`);
  parseTrigger(r.trigger);
  if (!(Number.isInteger(r.target) && r.target >= 0 && r.target <= 9))
    throw new RangeError(`target ${r.target} is not 0 … 9`);
  if (!(r.rate >= 0 && r.rate <= 0.1)) throw new RangeError(`the poison rate must be 0 … 10%, got ${100 * r.rate}%`);
  if (!(Number.isInteger(r.steps) && r.steps >= 1 && r.steps <= MAX_BACKDOOR_STEPS)) {
    throw new RangeError(`steps must be 1 … ${MAX_BACKDOOR_STEPS}, got ${r.steps}`);
  }
  if (!(Number.isInteger(r.seed) && r.seed >= 0))
    throw new RangeError(`the seed must be a whole number, got ${r.seed}`);
}
