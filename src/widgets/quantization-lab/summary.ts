/**
 * The quantization lab's one-sentence result for the aria-live region: the scheme, its bytes against
 * float32, its test accuracy against the float model's, and the measured latency of both.
 */
import { formatBytes, formatCount, formatPercent as pct } from '../../lib/format';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { QuantLabState } from './controller';
import type { QuantizeRequest } from './protocol';

export function schemeLabel(r: Pick<QuantizeRequest, 'scheme'>): string {
  const s = r.scheme;
  const clip = s.clipping === 'minmax' ? 'min-max' : `${s.clipping.slice(1)}th-percentile`;
  return `${s.bits}-bit ${s.mode}, per ${s.granularity}, ${clip} range`;
}

export function describeQuantLab(s: QuantLabState & Pick<RuntimeState, 'error' | 'backend'>): string {
  if (s.error) return `Error: ${s.error}`;
  if (!s.backend || (!s.result && s.phase !== 'running')) return 'Loading the model…';
  if (s.phase === 'running' || !s.result) {
    return `Quantizing ${s.request ? ZOO_MODEL_LABELS[s.request.model] : 'the model'}: ${s.rows.length} of 5 bit widths scored.`;
  }
  const r = s.result;
  const l = r.latency;
  return (
    `${ZOO_MODEL_LABELS[r.request.model]}, ${schemeLabel(r.request)}: ${formatBytes(r.summary.bytes)} instead of ` +
    `${formatBytes(r.float.bytes)}, test accuracy ${pct(r.accuracy, 2)} (${formatCount(r.correct)} of ` +
    `${formatCount(r.count)}; float32 ${pct(r.float.accuracy, 2)}), largest weight error ${r.summary.maxError.toPrecision(2)}. ` +
    `${l.batch} digits take ${l.quantizedMs.toFixed(1)} ms quantized and ${l.floatMs.toFixed(1)} ms in float32 on ${s.backend}.`
  );
}
