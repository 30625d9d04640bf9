/**
 * The lab's one-sentence result for the aria-live region, and the numbers behind it. While training it
 * changes at most every 100 steps, so a screen reader hears progress without a flood.
 */
import { THRESHOLD_FRACTION } from './constants';
import type { SampleRequest } from './session';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import type { LabState, SampleResult } from './controller';

const num = (x: number) => (Number.isFinite(x) ? (x < 0.1 ? x.toFixed(3) : x.toFixed(2)) : 'not finite');
const seconds = (ms: number) => (ms < 1000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);

export function describeSampler(r: SampleRequest, T: number): string {
  return r.method === 'ddpm' ? `DDPM, ${T} steps` : `DDIM, ${Math.min(r.steps, T)} steps`;
}

/** "1000 samples with DDIM, 50 steps, in 0.80 s: sliced Wasserstein 0.081 (noise baseline 0.22; fresh data 0.049)." */
export function describeSample(s: SampleResult, T: number, classLabel: string | null): string {
  const q = s.quality;
  let out =
    `${s.request.n} samples with ${describeSampler(s.request, T)}, in ${seconds(s.ms)}: ` +
    `sliced Wasserstein ${num(q.sw)} (noise baseline ${num(q.baseline)}; fresh data ${num(q.floor)})`;
  out +=
    q.sw <= THRESHOLD_FRACTION * q.baseline ? ', beats half the noise baseline.' : ', not yet half the noise baseline.';
  if (classLabel !== null && q.classFraction !== null) {
    out += ` ${Math.round(100 * q.classFraction)}% of them lie nearest to ${classLabel}'s data (guidance w = ${s.request.guidance}).`;
  }
  return out;
}

export function describeLab(
  s: LabState & Pick<RuntimeState, 'error' | 'backend'>,
  T: number,
  classLabel: string | null,
): string {
  if (s.error) return `Error: ${s.error}`;
  if (s.dataError) return s.dataError;
  if (!s.backend || !s.model) return 'Loading the model…';
  const tr = s.training;
  const p = tr?.progress;
  if (tr && p && p.phase === 'running') {
    const shown = Math.floor(p.step / 100) * 100;
    const check = tr.quality.at(-1);
    const loss = tr.loss.at(-1);
    return (
      `Training from scratch: step ${shown} of ${p.totalSteps}` +
      (loss ? `, loss ${num(loss.value)}` : '') +
      (check
        ? `; quick check at step ${check.step}: sliced Wasserstein ${num(check.value)} (noise baseline ${num(s.model.baseline)})`
        : '') +
      '.'
    );
  }
  if (s.sampling) return 'Sampling…';
  const parts: string[] = [];
  if (tr && p && p.step > 0) {
    const crossed = tr.threshold
      ? ` It first beat half the noise baseline at step ${tr.threshold.step}, after ${seconds(tr.threshold.ms)} of training.`
      : '';
    parts.push(`Trained ${p.step} of ${p.totalSteps} steps (${p.stepsPerSecond.toFixed(0)} steps/s).${crossed}`);
  }
  if (s.lastSample) parts.push(describeSample(s.lastSample, T, classLabel));
  else if (s.model.source.kind !== 'pretrained' && (!p || p.step === 0)) {
    parts.push('This model is untrained: press Train from scratch.');
  }
  return parts.join(' ') || 'Ready.';
}
