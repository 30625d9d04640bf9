/**
 * The leakage lab's figure without JavaScript, from the committed seeded run (static-run.json, written by
 * scripts/evaluation-leakage.ts with the lab's code at its starting settings): each protocol's test score
 * against the clean held-out score, and the inflations. Build time only.
 */
import { formatCount, formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { LEAK_PROTOCOLS, type LeakProtocolId } from '../../math/evaluation-leakage';
import type { LeakResult, LeakSettings } from '../../ml/evaluation-leakage';
import { points, scoresChart, scoreRows } from './charts';
import type { LeakageParams } from './params';
import run from './static-run.json';

export const STATIC_RUN = run as unknown as { settings: LeakSettings; results: Record<LeakProtocolId, LeakResult> };

export function staticFigure(start: LeakageParams): string {
  const s = STATIC_RUN.settings;
  const same = (Object.keys(s) as (keyof LeakSettings)[]).every((k) => s[k] === start[k]);
  const chart = renderStatic((ctx) => scoresChart(scoreRows(STATIC_RUN.results, 1000), ctx));
  return html`<p>
      Measured by the lab’s seeded script${same ? '' : ' at the lab’s default settings'}: the
      ${s.model === 'mlp' ? 'MLP' : 'softmax regression'} trained ${s.steps} steps per protocol on
      ${formatCount(s.sources)} digits × ${s.copies} scans (seed ${s.seed}).
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        Inflation = test accuracy − held-out accuracy
      </caption>
      <thead>
        <tr>
          <th scope="col">Protocol</th>
          <th scope="col">Test</th>
          <th scope="col">Held-out</th>
          <th scope="col">Inflation (points)</th>
        </tr>
      </thead>
      <tbody>
        ${LEAK_PROTOCOLS.map((p) => {
          const r = STATIC_RUN.results[p.id];
          return html`<tr>
            <td>${p.label}</td>
            <td>${pct(r.testAccuracy, 1)}</td>
            <td>${pct(r.heldOutAccuracy, 1)}</td>
            <td>${points(r.inflation)}</td>
          </tr>`;
        })}
      </tbody>
    </table>`.value;
}
