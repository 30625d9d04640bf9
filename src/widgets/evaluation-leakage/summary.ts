/** The leakage lab's one-sentence result for the aria-live region, from plain state. */
import { formatPercent as pct } from '../../lib/format';
import { LEAK_PROTOCOLS, type LeakProtocolId } from '../../math/evaluation-leakage';
import type { LeakResult } from '../../ml/evaluation-leakage';

const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} points`;

export function describeLeakage(
  results: Partial<Record<LeakProtocolId, LeakResult>>,
  status: { error: string | null; done: boolean; running?: boolean },
): string {
  if (status.error) return `Error: ${status.error}`;
  const got = LEAK_PROTOCOLS.filter((p) => results[p.id]);
  if (got.length === 0)
    return status.running ? 'Training the first protocol…' : 'Not trained yet: press Train to run the six protocols.';
  const parts = got.map((p) => {
    const r = results[p.id]!;
    return `${p.id}: test ${pct(r.testAccuracy, 1)}, held-out ${pct(r.heldOutAccuracy, 1)} (${points(r.inflation)})`;
  });
  return `${status.done ? 'All protocols trained' : `${got.length} of ${LEAK_PROTOCOLS.length} protocols trained`}. ${parts.join('; ')}.`;
}
