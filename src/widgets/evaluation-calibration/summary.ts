/** The calibration lab's one-sentence result for the aria-live region, from plain state. */
import { formatCount, formatPercent as pct } from '../../lib/format';
import type { CalibrationReport } from '../../math/evaluation-calibration';
import type { ScalingStudy } from '../../math/evaluation-matrix-scaling';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { FIT_BOUNDS, type CalibrationParams } from './params';

/** "MLP", or "the MLP trained here for 30 epochs". */
export function modelLabel(v: Pick<CalibrationParams, 'model' | 'source' | 'epochs'>): string {
  if (v.source !== 'trained') return ZOO_MODEL_LABELS[v.model];
  return `MLP trained here for ${v.epochs} epoch${v.epochs === 1 ? '' : 's'}`;
}

/** The test split's report the diagram shows: as trained, or after the chosen map. */
export function shownReport(study: ScalingStudy, v: Pick<CalibrationParams, 'scaled' | 'map'>): CalibrationReport {
  if (!v.scaled) return study.before;
  return v.map === 'matrix' ? study.matrix.after : study.after;
}

/** "as trained", "after temperature scaling (T = 0.68)", "after matrix scaling" (with its fitting digits). */
export function shownMap(study: ScalingStudy, v: Pick<CalibrationParams, 'scaled' | 'map'>): string {
  if (!v.scaled) return 'as trained';
  const on = study.fitCount < FIT_BOUNDS[1] ? ` fitted on ${formatCount(study.fitCount)} digits` : '';
  return v.map === 'matrix'
    ? `after matrix scaling${on}`
    : `after temperature scaling (T = ${study.temperature.toFixed(2)})${on}`;
}

export function describeCalibration(
  v: Pick<CalibrationParams, 'model' | 'source' | 'epochs' | 'bins' | 'binning' | 'scaled' | 'map'>,
  study: ScalingStudy | null,
  status: {
    error: string | null;
    loading: boolean;
    training?: { step: number; totalSteps: number; phase?: string } | null;
    /** The training was reset and waits for Train. */
    reset?: boolean;
  },
): string {
  if (status.error) return `Error: ${status.error}`;
  const who = modelLabel(v);
  const e = `${v.epochs} epoch${v.epochs === 1 ? '' : 's'}`;
  if (!study && status.reset) return `Training reset: the MLP for ${e} waits for Train.`;
  if (!study && status.training) {
    const paused = status.training.phase === 'paused';
    return `${paused ? 'Paused training' : 'Training'} the MLP for ${e}: step ${formatCount(status.training.step)} of ${formatCount(status.training.totalSteps)}${paused ? '.' : '…'}`;
  }
  if (!study) return `Scoring ${v.source === 'trained' ? `the ${who}` : who} on the validation and test digits…`;
  const r = shownReport(study, v);
  const bins = `${v.bins} ${v.binning === 'width' ? 'equal-width' : 'equal-mass'} bins`;
  const map = !v.scaled
    ? ''
    : v.map === 'matrix'
      ? ', after matrix scaling'
      : `, temperature ${study.temperature.toFixed(2)}`;
  const m = study.matrix.after;
  return (
    `${who} on ${formatCount(r.count)} test digits${map}: ` +
    `accuracy ${pct(r.accuracy, 2)}, mean confidence ${pct(r.meanConfidence, 2)}, ECE ${pct(r.ece, 2)} (${bins}), ` +
    `NLL ${r.nll.toFixed(3)}, Brier ${r.brier.toFixed(3)}. Fitted on ${formatCount(study.fitCount)} validation digits: ` +
    `temperature scaling ECE ${pct(study.before.ece, 2)} → ${pct(study.after.ece, 2)}; matrix scaling ECE ${pct(m.ece, 2)}, ` +
    `accuracy ${pct(m.accuracy, 2)}, NLL ${m.nll.toFixed(3)}.`
  );
}
