/**
 * The distillation lab's one-sentence result for the aria-live region: both students' test accuracy and
 * ECE against the teacher's, and the held-out class's accuracy before and after the bias correction.
 */
import { formatPercent as pct } from '../../lib/format';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import type { DistillLabState } from './controller';

export function describeDistillLab(s: DistillLabState & Pick<RuntimeState, 'error' | 'backend'>): string {
  if (s.error) return `Error: ${s.error}`;
  if (!s.backend || (!s.result && s.phase !== 'running')) return 'Loading the teacher…';
  if (s.phase === 'running' || !s.result) return `Distilling: ${s.progress.step}.`;
  const r = s.result;
  const q = r.request;
  const head =
    `Students 784 → ${q.hidden} → 10 on ${r.transferCount} digits, ${q.steps} steps: hard labels ${pct(r.hard.accuracy, 2)} ` +
    `(ECE ${r.hard.ece.toFixed(3)}), soft targets at T = ${q.temperature}, λ = ${q.alpha}: ${pct(r.soft.accuracy, 2)} ` +
    `(ECE ${r.soft.ece.toFixed(3)}); teacher ${pct(r.teacher.accuracy, 2)}.`;
  if (!r.hard.heldOut || !r.soft.heldOut) return head;
  return (
    `${head} Held-out class ${q.holdOut}: hard ${pct(r.hard.heldOut.raw, 1)}, soft ${pct(r.soft.heldOut.raw, 1)} as trained; ` +
    `after the bias correction hard ${pct(r.hard.heldOut.corrected, 1)}, soft ${pct(r.soft.heldOut.corrected, 1)}.`
  );
}
