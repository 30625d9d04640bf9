/** The calibration lab's one-sentence result for the aria-live region, from plain state. */
import { formatCount, formatPercent as pct } from '../../lib/format';
import type { TemperatureStudy } from '../../math/evaluation-calibration';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { CalibrationParams } from './params';

export function describeCalibration(
  v: Pick<CalibrationParams, 'model' | 'bins' | 'binning' | 'scaled'>,
  study: TemperatureStudy | null,
  status: { error: string | null; loading: boolean },
): string {
  if (status.error) return `Error: ${status.error}`;
  const who = ZOO_MODEL_LABELS[v.model];
  if (!study) return `Scoring ${who} on the validation and test digits…`;
  const r = v.scaled ? study.after : study.before;
  const bins = `${v.bins} ${v.binning === 'width' ? 'equal-width' : 'equal-mass'} bins`;
  return (
    `${who} on ${formatCount(r.count)} test digits${v.scaled ? `, temperature ${study.temperature.toFixed(2)}` : ''}: ` +
    `accuracy ${pct(r.accuracy, 2)}, mean confidence ${pct(r.meanConfidence, 2)}, ECE ${pct(r.ece, 2)} (${bins}), ` +
    `NLL ${r.nll.toFixed(3)}, Brier ${r.brier.toFixed(3)}. Temperature scaling: ECE ${pct(study.before.ece, 2)} → ${pct(study.after.ece, 2)}.`
  );
}
