/** The calibration lab's one-sentence result for the aria-live region, from plain state. */
import { formatCount, formatPercent as pct } from '../../lib/format';
import type { TemperatureStudy } from '../../math/evaluation-calibration';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { CalibrationParams } from './params';

/** "MLP", or "the MLP trained here for 30 epochs". */
export function modelLabel(v: Pick<CalibrationParams, 'model' | 'source' | 'epochs'>): string {
  if (v.source !== 'trained') return ZOO_MODEL_LABELS[v.model];
  return `MLP trained here for ${v.epochs} epoch${v.epochs === 1 ? '' : 's'}`;
}

export function describeCalibration(
  v: Pick<CalibrationParams, 'model' | 'source' | 'epochs' | 'bins' | 'binning' | 'scaled'>,
  study: TemperatureStudy | null,
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
  const r = v.scaled ? study.after : study.before;
  const bins = `${v.bins} ${v.binning === 'width' ? 'equal-width' : 'equal-mass'} bins`;
  return (
    `${who} on ${formatCount(r.count)} test digits${v.scaled ? `, temperature ${study.temperature.toFixed(2)}` : ''}: ` +
    `accuracy ${pct(r.accuracy, 2)}, mean confidence ${pct(r.meanConfidence, 2)}, ECE ${pct(r.ece, 2)} (${bins}), ` +
    `NLL ${r.nll.toFixed(3)}, Brier ${r.brier.toFixed(3)}. Temperature scaling: ECE ${pct(study.before.ece, 2)} → ${pct(study.after.ece, 2)}.`
  );
}
