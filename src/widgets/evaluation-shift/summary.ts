/** The shift lab's one-sentence result for the aria-live region, from plain state. */
import { formatCount, formatPercent as pct } from '../../lib/format';
import { describeCorruption } from '../../math/evaluation-shift';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { ShiftStudy } from './protocol';

export function describeShift(study: ShiftStudy | null, status: { error: string | null; model: string }): string {
  if (status.error) return `Error: ${status.error}`;
  if (!study) return `Scoring the ${status.model} on the clean and shifted test digits…`;
  const { request: r, point: p } = study;
  const who = ZOO_MODEL_LABELS[r.model];
  const what =
    r.corruption === 'uniform'
      ? `${formatCount(p.count)} ${describeCorruption(r.corruption, r.severity)}`
      : `${formatCount(p.count)} test digits ${describeCorruption(r.corruption, r.severity)}`;
  const scores = Number.isFinite(p.accuracy)
    ? `accuracy ${pct(p.accuracy, 1)} (clean ${pct(study.clean.accuracy, 1)}), mean confidence ${pct(p.meanConfidence, 1)}, ECE ${pct(p.ece, 1)}`
    : `mean confidence ${pct(p.meanConfidence, 1)} (clean digits ${pct(study.clean.meanConfidence, 1)})`;
  return (
    `${who} on ${what}: ${scores}. ` +
    `Telling them from clean digits: AUROC ${p.aurocMaxSoftmax.toFixed(3)} by max softmax, ${p.aurocEnergy.toFixed(3)} by energy.`
  );
}
