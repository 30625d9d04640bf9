/**
 * Routing tokens without JavaScript: a full run of the default settings recorded by the seeded script
 * (static-run.json): the curves, the seed's example question routed, and the routing by token.
 */
import { formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { formatToken } from '../../math/tasks';
import { expertLabel } from '../moe-shared/palette';
import { byPositionHeatmap, byTokenHeatmap, shareLegend, tokensAccuracyChart, tokensLossChart } from './charts';
import type { RoutingTokensParams } from './params';
import recorded from './static-run.json';
import type { TokensRecord } from './static-run';

export function staticFigure(start: RoutingTokensParams): string {
  const run = (recorded as unknown as TokensRecord).run;
  const s = run.settings;
  const e = run.final;
  const p = run.probe;
  const totalSteps = run.steps;
  const same = JSON.stringify(start) === JSON.stringify(s);
  const chart = (svg: string) => html`<div class="chart">${raw(svg)}</div>`;
  const table = html`<div
    class="moe-scroll"
    role="region"
    tabindex="0"
    aria-label="Table: the expert each token goes to"
  >
    <table class="moe-table moe-routing">
      <caption>
        Where the router sends each token of ${p.tokens.slice(0, s.length).join(' ')}
      </caption>
      <thead>
        <tr>
          <th scope="row">Token</th>
          ${p.tokens.map((t) => html`<th scope="col" class="moe-token-cell">${formatToken(t)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${p.experts.map(
          (layer, l) =>
            html`<tr>
              <th scope="row">Layer ${l + 1}</th>
              ${layer.map(
                (ex, t) =>
                  html`<td class="moe-token-cell">
                    ${ex.map((x, r) => `${expertLabel(x)} ${pct(p.gates[l][t][r])}`).join(', ')}
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
  return html`<p>
      Recorded run of ${same ? 'these' : 'the default'} settings (${s.task}, ${s.length} digits, ${s.layers} layer of
      ${s.experts} experts, top-${s.topK}, α = ${s.alpha}, seed ${s.seed}; ${run.numParameters.toLocaleString('en')}
      parameters, ${run.activeParameters.toLocaleString('en')} active per token): after ${totalSteps} steps, held-out
      token accuracy ${pct(e.tokenAccuracy)}; layer 1 loads f = ${e.f[0].map((x) => pct(x)).join(', ')} (CV
      ${e.cv[0].toFixed(2)}), ${pct(e.dropped[0], 1)} of assignments dropped.
    </p>
    <div class="chart-row">
      ${chart(renderStatic((ctx) => tokensLossChart(run.loss, run.evalLoss, { ...ctx, totalSteps })))}
      ${chart(renderStatic((ctx) => tokensAccuracyChart(run.accuracy, { ...ctx, totalSteps })))}
    </div>
    ${table} ${chart(renderStatic((ctx) => shareLegend(ctx)))}
    <div class="chart-row">
      ${e.byToken.map((shares, l) => chart(renderStatic((ctx) => byTokenHeatmap(shares, l, ctx))))}
      ${e.byPosition.map((shares, l) => chart(renderStatic((ctx) => byPositionHeatmap(shares, l, s.length, ctx))))}
    </div>`.value;
}
