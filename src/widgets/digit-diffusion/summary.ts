/**
 * The widget's one-sentence result for the aria-live region: the last sampling run, in words and
 * numbers (the forward view's numbers are in each image's own description). It stays still while a
 * run animates, so a screen reader hears "sampling…" once and then the result, not every frame.
 */
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import type { DigitRunState } from './controller';

const SAMPLER_NAMES = { ddpm: 'DDPM', ddim: 'DDIM' } as const;

export function describeRequest(
  r: { digit: number; sampler: 'ddpm' | 'ddim'; steps: number; guidance: number },
  T: number,
) {
  const steps = r.sampler === 'ddpm' ? T : r.steps;
  return `digit ${r.digit} with ${SAMPLER_NAMES[r.sampler]}, ${steps} step${steps === 1 ? '' : 's'}, guidance ${r.guidance}`;
}

export function describeSampling(s: DigitRunState & Pick<RuntimeState, 'error' | 'backend'>, T: number): string {
  if (s.error) return `Error: ${s.error}`;
  if (!s.backend || s.numParameters === 0) return 'Loading the pre-trained denoiser…';
  const r = s.request;
  if (!r) return 'The denoiser is ready: press Sample.';
  if (s.phase === 'running') return `Sampling ${r.n} images of ${describeRequest(r, T)}…`;
  if (s.phase === 'paused') return `Sampling paused at step ${s.frames.at(-1)?.step ?? 0} of ${s.totalSteps}.`;
  if (s.phase === 'cancelled') return `Sampling stopped at step ${s.frames.at(-1)?.step ?? 0} of ${s.totalSteps}.`;
  const res = s.result;
  if (!res) return '';
  return (
    `${res.request.n} samples of ${describeRequest(res.request, T)}, in ${(res.computeMs / 1000).toFixed(1)} s; ` +
    `${res.agree} of ${res.request.n} look most like a ${res.request.digit} (nearest real digit).`
  );
}
