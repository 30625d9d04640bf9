/** The leaderboard lab's panels: the curve, and the gap after 10, 100 and 1,000 submissions. */
import { useCallback } from 'preact/hooks';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { gapAt, type LeaderboardStudy } from '../../math/evaluation-leaderboard';
import { leaderboardChart } from './charts';
import type { LeaderboardParams } from './params';

export const CHECKPOINTS = [1, 10, 100, 1000] as const;

export function CurvePanel({ study, values }: { study: LeaderboardStudy; values: LeaderboardParams }) {
  const draw = useCallback(
    () => leaderboardChart(study.points, { base: study.base.fresh, thresholdout: values.thresholdout }),
    [study, values.thresholdout],
  );
  return (
    <div>
      <p class="chart-label">
        The kept variant after each submission; dashed: the model as trained on the fresh set (
        {pct(study.base.fresh, 1)})
      </p>
      <PlotMount make={draw} />
    </div>
  );
}

export function GapTable({ study, values }: { study: LeaderboardStudy; values: LeaderboardParams }) {
  const ks = CHECKPOINTS.filter((k) => k <= study.points.length);
  return (
    <table class="leaderboard-table" data-testid="leaderboard-table">
      <caption>
        Reused test set of {formatCount(study.holdoutCount)} digits, fresh test set of {formatCount(study.freshCount)};
        the kept variant changed {formatCount(study.kept)} times
        {values.thresholdout ? `; Thresholdout revealed the holdout ${formatCount(study.revealed)} times` : ''}. After
        one submission the gap is only the sampling difference between the two sets (about 0 on average over seeds).
      </caption>
      <thead>
        <tr>
          <th scope="col">Submissions</th>
          <th scope="col">Reported</th>
          <th scope="col">Fresh</th>
          <th scope="col">Gap (points)</th>
        </tr>
      </thead>
      <tbody>
        {ks.map((k) => {
          const p = study.points[k - 1];
          return (
            <tr key={k}>
              <th scope="row">{formatCount(k)}</th>
              <td>{pct(p.reported, 2)}</td>
              <td>{pct(p.fresh, 2)}</td>
              <td>{(100 * gapAt(study, k)).toFixed(2)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
