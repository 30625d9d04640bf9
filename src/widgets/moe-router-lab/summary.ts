/**
 * The router lab's one-sentence result for the aria-live region. While training it changes at most
 * every 100 steps, so a screen reader hears progress without a flood.
 */
import { formatPercent as pct } from '../../lib/format';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import type { LabState } from './controller';

export function describeLab(s: LabState & Pick<RuntimeState, 'error' | 'backend'>): string {
  if (s.error) return `Error: ${s.error}`;
  const e = s.evaluation;
  if (!s.backend || !e) return 'Loading the model…';
  const N = e.f.length;
  const { phase, step, totalSteps } = s.progress;
  const dropped = `${pct(e.dropped, 1)} of assignments dropped`;
  if (phase === 'running') {
    const shown = Math.floor(step / 100) * 100;
    return `Training: step ${shown} of ${totalSteps}; held-out accuracy ${pct(e.accuracy)}, CV of expert loads ${e.cv.toFixed(2)}, ${dropped}.`;
  }
  return (
    `After ${step} steps: held-out accuracy ${pct(e.accuracy)}; expert loads f = ${e.f.map((x) => pct(x)).join(', ')} ` +
    `(CV ${e.cv.toFixed(2)}, ${e.activeExperts} of ${N} experts active); router entropy ${e.entropy.toFixed(2)} nats ` +
    `(ln ${N} = ${Math.log(N).toFixed(2)}); ${dropped} with ${s.capacity} slots per expert.`
  );
}
