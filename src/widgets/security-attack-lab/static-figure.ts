/**
 * The lab's figure without JavaScript: its starting state attacked, as recorded by the seeded script
 * (scripts/security-figures.ts → static-attack.json): the three images and the probabilities before and
 * after, from the same chart function the live widget draws. Build time only.
 */
import { formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { probabilityChart } from '../zoo-shared/charts';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { digitImage, digitPng } from '../zoo-shared/static-digit';
import type { AttackLabParams } from './params';
import { perturbationImage, topClass } from './request';
import recorded from './static-attack.json';

export function staticFigure(_start: AttackLabParams): string {
  const r = recorded;
  const original = r.original.map((v) => v / 255);
  const adversarial = r.adversarial.map((v) => v / 255);
  const b = topClass(r.before);
  const a = topClass(r.after);
  const who = ZOO_MODEL_LABELS[r.state.model as keyof typeof ZOO_MODEL_LABELS];
  const eps = r.state.epsilon;
  const chart = (p: number[], title: string) =>
    renderStatic(
      (ctx) => probabilityChart(p, { ...ctx, label: r.label }),
      (svg) => svg.setAttribute('aria-label', title),
    );
  return html`<p>
      Recorded by the chapter’s seeded script: test digit ${r.state.testIndex} (a ${r.label}) attacked with FGSM at ε =
      ${eps} on the ${who}. The ${who} says ${b} (${pct(r.before[b], 1)}) before and ${a} (${pct(r.after[a], 1)}) after;
      no pixel moved by more than ${r.linf}.
    </p>
    <div class="sec-images" style="display:flex;gap:1rem;flex-wrap:wrap">
      ${digitImage(digitPng(original), `The original digit, a ${r.label}`)}
      ${digitImage(
        digitPng(perturbationImage(original, adversarial, eps)),
        `The perturbation, amplified ${1 / (2 * eps)} times`,
      )}
      ${digitImage(digitPng(adversarial), `The adversarial digit, which the ${who} reads as ${a}`)}
    </div>
    <p>Original, perturbation (amplified by 1/(2ε): grey no change, black +ε, white −ε), adversarial.</p>
    <div class="sec-charts" style="display:flex;gap:1rem;flex-wrap:wrap">
      <div class="chart">${raw(chart(r.before, 'Probabilities before the attack'))}</div>
      <div class="chart">${raw(chart(r.after, 'Probabilities after the attack'))}</div>
    </div>`.value;
}
