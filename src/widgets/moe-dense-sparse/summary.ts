/** Dense versus sparse's aria-live sentence, in numbers. */
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import type { DsState } from './controller';
import { compareAt, latest } from './readings';

const mflops = (f: number) => `${(f / 1e6).toFixed(1)} MFLOPs`;

export function describeDenseSparse(s: DsState & Pick<RuntimeState, 'error' | 'backend'>): string {
  if (s.error) return `Error: ${s.error}`;
  if (!s.backend || !s.counts) return 'Loading the models…';
  const { phase, step, totalSteps } = s.progress;
  const d = latest(s.points, 'dense');
  const m = latest(s.points, 'moe');
  const losses = d && m ? `held-out loss dense ${d.loss.toFixed(3)}, mixture of experts ${m.loss.toFixed(3)}` : '';
  if (phase === 'running') {
    return `Training both: step ${Math.floor(step / 100) * 100} of ${totalSteps}; ${losses}.`;
  }
  const c = s.counts;
  const params = `dense ${c.dense.total} parameters; mixture of experts ${c.moe.total} in total, ${c.moe.active} active per point`;
  const flops = compareAt(s.points, 'flops');
  const atFlops = flops
    ? ` At equal training compute (${mflops(flops.budget)}): dense ${flops.dense.toFixed(3)}, mixture of experts ${flops.moe.toFixed(3)}.`
    : '';
  return `After ${step} steps of each: ${losses} (${params}).${atFlops}`;
}
