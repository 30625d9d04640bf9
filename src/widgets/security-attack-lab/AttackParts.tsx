/**
 * The lab's result panel: the original digit, the perturbation (amplified, with its scale), the
 * adversarial digit, and the victim's class probabilities before and after.
 */
import { useCallback } from 'preact/hooks';
import { formatDuration, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { DigitImage } from '../zoo-shared/DigitImage';
import { probabilityChart } from '../zoo-shared/charts';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { AttackResult } from './protocol';
import { perturbationImage, topClass } from './request';
import { succeeded } from './summary';

function Probabilities({ p, label, title }: { p: number[]; label: number; title: string }) {
  const draw = useCallback(() => probabilityChart(p, { label }), [p, label]);
  return (
    <div>
      <p class="chart-label">{title}</p>
      <PlotMount make={draw} />
    </div>
  );
}

export function AttackPanel({ result }: { result: AttackResult }) {
  const { request, original, adversarial, before, after, label, linf } = result;
  const eps = request.attack.epsilon;
  const b = topClass(before);
  const a = topClass(after);
  const victim = ZOO_MODEL_LABELS[request.victim];
  const perturbation = perturbationImage(original, adversarial, eps);
  const aim = request.attack.target === null ? `away from ${label}` : `towards ${request.attack.target}`;
  return (
    <div class="sec-panel">
      <div class="sec-images">
        <figure>
          <DigitImage pixels={original} label={`The original digit: the ${victim} says ${b}`} />
          <figcaption>original: {b}</figcaption>
        </figure>
        <figure>
          <DigitImage
            pixels={perturbation}
            label={`The perturbation, amplified: largest pixel change ${linf.toFixed(3)}`}
          />
          <figcaption>perturbation × {eps > 0 ? (1 / (2 * eps)).toFixed(1) : '0'}</figcaption>
        </figure>
        <figure>
          <DigitImage pixels={adversarial} label={`The adversarial digit: the ${victim} says ${a}`} />
          <figcaption>adversarial: {a}</figcaption>
        </figure>
      </div>
      <p class="chart-note">
        The perturbation is drawn amplified by 1/(2ε): grey is no change, black +ε (more ink), white −ε. Largest change
        of any pixel: {linf.toFixed(3)} (ε = {eps}). The attack pushes {aim}.
      </p>
      <p class="sec-result" data-testid="attack-result">
        {victim}: {b} ({pct(before[b], 1)}) → {a} ({pct(after[a], 1)}).{' '}
        <strong>{succeeded(result) ? 'The attack succeeded.' : 'The attack failed.'}</strong> Computed in{' '}
        {formatDuration(result.ms, { precise: true })}.
      </p>
      <div class="sec-charts">
        <Probabilities p={before} label={label} title="Before the attack" />
        <Probabilities p={after} label={label} title="After the attack" />
      </div>
    </div>
  );
}
