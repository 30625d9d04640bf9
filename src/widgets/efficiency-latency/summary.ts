/**
 * The latency lab's one-sentence result for the aria-live region: how many variants are timed, the
 * chosen one's median for one digit, and the calculator's answer.
 */
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import { edgeCloud } from './compute';
import type { LatencyLabState } from './controller';
import { VARIANT_LABELS, type LatencyLabParams } from './params';

export function chosenTiming(s: LatencyLabState, variant: string) {
  const row = s.rows.find((r) => r.id === variant);
  const one = row?.timings.find((t) => t.batch === 1);
  return row && one ? { row, ms: one.medianMs } : null;
}

export function calculator(s: LatencyLabState, v: LatencyLabParams) {
  const c = chosenTiming(s, v.variant);
  if (!c) return null;
  return edgeCloud({
    deviceMs: c.ms,
    bytes: c.row.bytes,
    rttMs: v.rtt,
    serverMs: v.serverMs,
    pricePerHour: v.pricePerHour,
    serverRps: v.serverRps,
    downloadMBps: v.downloadMBps,
  });
}

export function describeLatencyLab(
  s: LatencyLabState & Pick<RuntimeState, 'error' | 'backend'>,
  v: LatencyLabParams,
): string {
  if (s.error) return `Error: ${s.error}`;
  if (!s.backend || (s.rows.length === 0 && s.phase !== 'running')) return 'Loading the models…';
  const head = `${s.rows.length} of ${10} models timed on ${s.backend}`;
  const c = chosenTiming(s, v.variant);
  const k = calculator(s, v);
  if (!c || !k) return `${head}; ${s.progress.step}.`;
  return (
    `${head}. ${VARIANT_LABELS[v.variant]}: ${c.ms.toFixed(2)} ms for one digit here (median of ${v.repeats} after ${v.warmup} warm-ups), ` +
    `against ${k.cloudMs.toFixed(1)} ms in the cloud with the assumed round trip; the cloud costs ${k.costPer1000.toPrecision(2)} per 1,000 requests at the assumed price.`
  );
}
