/** The curve's aria-live sentence from plain state (rounded while it runs, so a screen reader is not flooded). */
import { formatCount, formatDuration, formatPercent as pct } from '../../lib/format';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { CurveProgress } from './protocol';

export function describeCurve(c: CurveProgress | null, error: string | null): string {
  if (error) return `Error: ${error}`;
  if (!c) return 'Ready: press Compute to attack the test digits.';
  const who = ZOO_MODEL_LABELS[c.request.model];
  const n = formatCount(c.request.settings.count);
  switch (c.phase) {
    case 'loading':
      return `Loading the ${who} and the test digits…`;
    case 'running':
    case 'paused':
      return `Attacking the ${who} on ${n} test digits: ${Math.floor((10 * c.done) / Math.max(1, c.total)) * 10}% done.`;
    case 'cancelled':
      return `Stopped after ${c.points.length} of ${c.request.settings.epsilons.length * 3} points.`;
    case 'done': {
      const at = (kind: string) => c.points.find((p) => p.kind === kind && p.epsilon === 0.3);
      const [f, p, z] = [at('fgsm'), at('pgd'), at('noise')];
      return (
        `The ${who} on ${n} test digits at ε = 0.3: FGSM ${f ? pct(f.accuracy, 1) : '–'}, PGD ${p ? pct(p.accuracy, 1) : '–'}, ` +
        `random signs ${z ? pct(z.accuracy, 1) : '–'} (computed in ${formatDuration(c.computeMs)}).`
      );
    }
    default:
      return '';
  }
}
