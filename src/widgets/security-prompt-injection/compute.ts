/**
 * The simulator's state turned into what it shows (pure: the view, the static figure, the tests and the
 * lesson's claims all call it): the document read, the pipeline's result, what the attacker got, and the
 * sentence for the aria-live region.
 */
import { ATTACKS, type Attack } from '../../math/security-prompt-attacks';
import {
  GOALS,
  GOAL_LABELS,
  hijacked,
  outcome,
  simulate,
  type Defences,
  type Outcome,
  type SimulationResult,
} from '../../math/security-prompt-injection';
import type { PromptInjectionParams } from './params';

export interface SimulatorView {
  attack: Attack | null;
  document: string;
  defences: Defences;
  result: SimulationResult;
  outcome: Outcome;
  /** The goals reached: the attack's own, or any for the reader's document. */
  reached: (typeof GOALS)[number][];
  hijacked: boolean;
  summary: string;
}

export function defencesOf(
  v: Pick<PromptInjectionParams, 'delimit' | 'planner' | 'allowlist' | 'outputCheck'>,
): Defences {
  return { delimit: v.delimit, planner: v.planner, allowlist: v.allowlist, outputCheck: v.outputCheck };
}

export function computeSimulator(v: PromptInjectionParams): SimulatorView {
  const attack = ATTACKS.find((a) => a.id === v.attack) ?? null;
  const document = attack ? attack.document : v.document;
  const defences = defencesOf(v);
  const result = simulate(document, defences);
  const o = outcome(result);
  const goals = attack ? attack.goals : GOALS;
  const reached = goals.filter((g) => o[g]);
  const isHijacked = hijacked(o, goals);
  const on = Object.entries(defences)
    .filter(([, b]) => b)
    .map(([k]) => k);
  const with_ = on.length > 0 ? `with ${on.length} defence${on.length > 1 ? 's' : ''} on` : 'with no defence';
  const name = attack ? `“${attack.title}”` : 'your document';
  let summary: string;
  if (attack && attack.goals.length === 0) {
    summary = `${name}, ${with_}: ${isHijacked ? 'the answer is broken' : 'the assistant summarises it as asked'}.`;
  } else if (isHijacked) {
    summary = `${name}, ${with_}: hijacked (${reached.map((g) => GOAL_LABELS[g]).join('; ')}).`;
  } else {
    summary = `${name}, ${with_}: stopped; the assistant answers with a summary and nothing leaks.`;
  }
  if (result.truncated) summary += ' The document was cut to its first 1,200 characters.';
  return { attack, document, defences, result, outcome: o, reached, hijacked: isHijacked, summary };
}
