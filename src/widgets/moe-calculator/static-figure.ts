/** The calculator without JavaScript: its starting settings counted at build time (plain math). */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { breakdownChart } from './charts';
import { billions, computeCalculator, formatWeightBytes } from './compute';
import type { CalculatorParams } from './params';

export function staticFigure(start: CalculatorParams): string {
  const r = computeCalculator(start);
  const c = r.counts;
  const published = r.preset
    ? html`<p>
        Published for ${r.preset.name}: ${r.preset.published.total}B total, ${r.preset.published.active}B active
        (${r.preset.published.source}).
      </p>`
    : '';
  return html`<p>${r.summary}</p>
    ${published}
    <p>
      Stored: ${c.total.toLocaleString('en')} (${billions(c.total)}); used per token: ${c.active.toLocaleString('en')}
      (${billions(c.active)}); ${formatWeightBytes(c.weightBytes)} of weights.
    </p>
    <div class="chart">${raw(renderStatic((ctx) => breakdownChart(c, ctx)))}</div>`.value;
}
