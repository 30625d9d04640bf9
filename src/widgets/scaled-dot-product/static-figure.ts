/** The explorer's figure without JavaScript: its starting state's charts, rendered at build time. */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { saturationChart, scoresHeatmap, weightsHeatmap } from './charts';
import { computeScaledDotProduct } from './compute';
import type { ScaledDotProductParams } from './params';

export function staticFigure(start: ScaledDotProductParams): string {
  const view = computeScaledDotProduct(start);
  const chart = (svg: string) => html`<div class="chart">${raw(svg)}</div>`;
  return html`<div class="chart-row">
      ${chart(
        renderStatic((ctx) => scoresHeatmap(view.scores, view.mask, { query: view.query, scaled: start.scale }, ctx)),
      )}
      ${chart(renderStatic((ctx) => weightsHeatmap(view.weights, view.query, ctx)))}
    </div>
    ${chart(
      renderStatic((ctx) =>
        saturationChart(view.curve, { d: start.d, tokens: start.tokens, scaled: start.scale }, ctx),
      ),
    )}
    <p>${view.summary}</p>
    <p>${view.curveNote}</p>`.value;
}
