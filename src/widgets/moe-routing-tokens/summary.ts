/** Routing tokens' aria-live sentence, in numbers. */
import { formatPercent as pct } from '../../lib/format';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import { formatToken } from '../../math/tasks';
import type { TokensState } from './controller';

export function describeTokens(s: TokensState & Pick<RuntimeState, 'error' | 'backend'>): string {
  if (s.error) return `Error: ${s.error}`;
  const e = s.evaluation;
  if (!s.backend || !e || !s.probe) return 'Loading the model…';
  const acc = s.accuracy.at(-1);
  const measured = acc ? `held-out token accuracy ${pct(acc.value)}, loss ${e.loss.toFixed(2)}` : '';
  const { phase, step, totalSteps } = s.progress;
  if (phase === 'running') return `Training: step ${Math.floor(step / 100) * 100} of ${totalSteps}; ${measured}.`;
  const loads = e.f
    .map(
      (f, l) =>
        `layer ${l + 1} loads ${f.map((x) => pct(x)).join(', ')} (CV ${e.cv[l].toFixed(2)}, ${pct(e.dropped[l], 1)} dropped)`,
    )
    .join('; ');
  const p = s.probe;
  const routes = p.experts
    .map((layer, l) => `layer ${l + 1} sends them to experts ${layer.map((ex) => ex[0] + 1).join(' ')}`)
    .join('; ');
  return (
    `After ${step} steps: ${measured}; ${loads}. ` + `Your tokens ${p.tokens.map(formatToken).join(' ')}: ${routes}.`
  );
}
