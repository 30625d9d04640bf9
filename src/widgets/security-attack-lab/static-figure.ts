/**
 * The lab's figure without JavaScript: its starting state attacked, as recorded by the seeded script
 * (scripts/security-figures.ts → static-attack.json): the three images and the probabilities before and
 * after, from the same chart function the live widget draws. Build time only.
 */
import { formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { pngDataUrl } from '../../lib/png';
import { renderStatic } from '../../lib/static-figure';
import { DIGIT_SIDE } from '../../math/zoo';
import { probabilityChart } from '../zoo-shared/charts';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { AttackLabParams } from './params';
import { perturbationImage, topClass } from './request';
import recorded from './static-attack.json';

const png = (ink: ArrayLike<number>) =>
  pngDataUrl(
    Uint8Array.from(
      { length: DIGIT_SIDE * DIGIT_SIDE },
      (_, i) => 255 - Math.round(255 * Math.min(1, Math.max(0, ink[i]))),
    ),
    DIGIT_SIDE,
    DIGIT_SIDE,
    1,
  );
const image = (src: string, alt: string) =>
  html`<img
    class="digit-image"
    src="${src}"
    alt="${alt}"
    width="112"
    height="112"
    style="image-rendering: pixelated"
  />`;

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
      ${image(png(original), `The original digit, a ${r.label}`)}
      ${image(png(perturbationImage(original, adversarial, eps)), `The perturbation, amplified ${1 / (2 * eps)} times`)}
      ${image(png(adversarial), `The adversarial digit, which the ${who} reads as ${a}`)}
    </div>
    <p>Original, perturbation (amplified by 1/(2ε): grey no change, black +ε, white −ε), adversarial.</p>
    <div class="sec-charts" style="display:flex;gap:1rem;flex-wrap:wrap">
      <div class="chart">${raw(chart(r.before, 'Probabilities before the attack'))}</div>
      <div class="chart">${raw(chart(r.after, 'Probabilities after the attack'))}</div>
    </div>`.value;
}
