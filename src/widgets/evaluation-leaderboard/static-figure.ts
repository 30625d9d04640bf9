/**
 * The leaderboard lab's figure without JavaScript, from the committed seeded run (static-run.json,
 * written by scripts/evaluation-leaderboard.ts with the lab's code): the default state's curve for the
 * starting model when the run has it (the softmax regression and the CNN), and the mean gap over the
 * run's 20 seeds at each reused-test-set size. Build time only.
 */
import { formatCount, formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { leaderboardChart } from './charts';
import type { LeaderboardParams } from './params';
import { STATIC_RUN } from './static-data';

const pts = (x: number) => (100 * x).toFixed(2);

export function staticFigure(start: LeaderboardParams): string {
  const m = STATIC_RUN.models.find((x) => x.name === start.model) ?? STATIC_RUN.models[0];
  const s = m.start;
  const last = s.points[s.points.length - 1];
  const chart = renderStatic((ctx) =>
    leaderboardChart(s.points, {
      ...ctx,
      base: s.base.fresh,
      label: `The ${m.title}: kept variant on the reused and the fresh test set over ${formatCount(s.points.length)} submissions`,
    }),
  );
  const rows = m.table.filter((r) => r.strategy === 'climb' && !r.thresholdout);
  return html`<p>
      Measured by the lab’s seeded script: the ${m.title}, ${formatCount(s.points.length)} climbing submissions to a
      reused test set of ${s.holdoutCount} digits (seed 1): reported ${pct(last.reported, 1)}, fresh test set
      (${formatCount(s.freshCount)} digits) ${pct(last.fresh, 1)}.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        Gap (reported − fresh, points), mean of ${STATIC_RUN.seeds} seeds, climbing variants, σ = ${STATIC_RUN.spread}
      </caption>
      <thead>
        <tr>
          <th scope="col">Reused test set</th>
          <th scope="col">10 submissions</th>
          <th scope="col">100</th>
          <th scope="col">1,000</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>${r.holdout} digits</td>
              ${r.gap.map((g) => html`<td>${pts(g)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`.value;
}
