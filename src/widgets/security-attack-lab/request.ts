/**
 * The attack the lab's settings ask for, as plain data (page side; tests call it too): the victim, the
 * model the perturbation is computed on, and the L∞ attack.
 */
import type { LinfAttack } from '../../ml/security';
import type { DigitRequest } from '../zoo-shared/protocol';
import type { AttackLabParams } from './params';
import type { AttackRequest } from './protocol';

export function linfAttackOf(
  v: Pick<AttackLabParams, 'attack' | 'epsilon' | 'steps' | 'stepSize' | 'randomStart' | 'target'>,
): LinfAttack {
  return {
    kind: v.attack,
    epsilon: v.epsilon,
    steps: v.steps,
    stepSize: v.stepSize,
    randomStart: v.randomStart,
    target: v.target === 'none' ? null : Number(v.target),
  };
}

export function attackRequest(v: AttackLabParams, digit: DigitRequest): AttackRequest {
  return {
    victim: v.model,
    source: v.source === 'same' ? v.model : v.source,
    digit,
    attack: linfAttackOf(v),
    seed: v.seed,
  };
}

/** The perturbation x' − x drawn as a digit image: grey 0.5 for no change, ink for +ε, paper for −ε. */
export function perturbationImage(
  original: ArrayLike<number>,
  adversarial: ArrayLike<number>,
  epsilon: number,
): Float32Array {
  const out = new Float32Array(original.length);
  for (let i = 0; i < out.length; i++)
    out[i] = epsilon > 0 ? 0.5 + (adversarial[i] - original[i]) / (2 * epsilon) : 0.5;
  return out;
}

/** The class a probability vector ranks first. */
export function topClass(p: readonly number[]): number {
  let best = 0;
  p.forEach((v, k) => {
    if (v > p[best]) best = k;
  });
  return best;
}
