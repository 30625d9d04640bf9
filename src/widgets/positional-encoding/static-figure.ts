/** The viewer's figure without JavaScript: its starting state's two heatmaps, rendered at build time. */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { encodingHeatmap, similarityHeatmap } from './charts';
import { computePositional } from './compute';
import type { PositionalParams } from './params';

export function staticFigure(start: PositionalParams): string {
  const view = computePositional(start);
  const measure = start.similarity as 'cosine' | 'dot';
  return html`<div class="chart-row">
      <div class="chart">${raw(renderStatic((ctx) => encodingHeatmap(view.encoding, ctx)))}</div>
      <div class="chart">${raw(renderStatic((ctx) => similarityHeatmap(view.similarity, measure, ctx)))}</div>
    </div>
    <p>${view.summary}</p>`.value;
}
