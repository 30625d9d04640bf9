/** The leaderboard lab's one-sentence result for the aria-live region, from plain state. */
import { formatCount, formatPercent as pct } from '../../lib/format';
import { gapAt, type LeaderboardStudy } from '../../math/evaluation-leaderboard';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { LeaderboardParams } from './params';

const points = (x: number) => `${x >= 0 ? '+' : '−'}${(100 * Math.abs(x)).toFixed(1)} points`;

export function describeLeaderboard(
  v: Pick<LeaderboardParams, 'model' | 'submissions' | 'thresholdout'>,
  study: LeaderboardStudy | null,
  status: { error: string | null },
): string {
  if (status.error) return `Error: ${status.error}`;
  const who = ZOO_MODEL_LABELS[v.model];
  if (!study) return `Scoring ${who} on the validation and test digits…`;
  const last = study.points[study.points.length - 1];
  return (
    `${who}, ${formatCount(last.k)} submissions to a reused test set of ${formatCount(study.holdoutCount)} digits` +
    `${v.thresholdout ? ' behind Thresholdout' : ''}: reported ${pct(last.reported, 1)}, fresh test set ` +
    `(${formatCount(study.freshCount)} digits) ${pct(last.fresh, 1)}, gap ${points(gapAt(study, last.k))}; ` +
    `the model as trained scores ${pct(study.base.fresh, 1)} on the fresh set.`
  );
}
