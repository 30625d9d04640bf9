/**
 * The lab's one-sentence result for the aria-live region, from plain state: what the victim answered
 * before and after the attack, and whether the attack succeeded.
 */
import { formatPercent as pct } from '../../lib/format';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { AttackResult } from './protocol';
import { topClass } from './request';

const ATTACK_NAMES = { fgsm: 'FGSM', pgd: 'PGD', noise: 'Random-sign noise' } as const;

/** Whether the attack did what it set out to: a different class (untargeted) or the target class. */
export function succeeded(r: AttackResult): boolean {
  const after = topClass(r.after);
  return r.request.attack.target === null ? after !== r.label : after === r.request.attack.target;
}

export function describeAttack(r: AttackResult | null, error: string | null, blank: boolean): string {
  if (error) return `Error: ${error}`;
  if (blank) return 'Draw a digit to attack it.';
  if (!r) return 'Loading the models…';
  const { attack, victim, source } = r.request;
  const b = topClass(r.before);
  const a = topClass(r.after);
  const who = ZOO_MODEL_LABELS[victim];
  const how =
    `${ATTACK_NAMES[attack.kind]}${attack.kind === 'pgd' ? ` (${attack.steps} steps)` : ''} at ε = ${attack.epsilon}` +
    (source !== victim ? `, computed on the ${ZOO_MODEL_LABELS[source]}` : '') +
    (attack.target !== null ? `, aiming at ${attack.target}` : '');
  const verdict = succeeded(r) ? 'the attack succeeded' : 'the attack failed';
  return `${how}: the ${who} said ${b} (${pct(r.before[b], 1)}) and now says ${a} (${pct(r.after[a], 1)}); ${verdict}.`;
}
