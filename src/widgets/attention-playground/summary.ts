/**
 * The playground's one-sentence result for the aria-live region. It changes at most every 100 steps
 * while training, so a screen reader hears progress without a flood.
 */
import { formatPercent as pct } from '../../lib/format';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import { countCorrect, formatToken } from '../../math/tasks';
import type { PlaygroundState } from './controller';
import type { PlaygroundParams } from './params';

export function describePlayground(
  p: Pick<PlaygroundParams, 'task'>,
  s: PlaygroundState & Pick<RuntimeState, 'error' | 'backend'>,
): string {
  if (s.error) return `Error: ${s.error}`;
  if (!s.backend || !s.probe) return 'Loading the model…';
  const acc = s.accuracy.at(-1);
  const loss = s.evalLoss.at(-1);
  const measured = acc && loss ? `held-out token accuracy ${pct(acc.value)}, loss ${loss.value.toFixed(2)}` : '';
  const { phase, step, totalSteps } = s.progress;
  if (phase === 'running') {
    const shownStep = Math.floor(step / 100) * 100;
    return `Training ${p.task}: step ${shownStep} of ${totalSteps}${measured ? `; ${measured}` : ''}.`;
  }
  const right = countCorrect(s.probe.generated, s.probe.expected);
  const answer = s.probe.generated.map(formatToken).join(' ');
  const reached = s.stepsTo95 !== null ? ` Reached 95% at step ${s.stepsTo95}.` : '';
  return (
    `After ${step} steps, ${measured}.${reached} ` +
    `For your input the model writes ${answer} (${right} of ${s.probe.expected.length} right).`
  );
}
