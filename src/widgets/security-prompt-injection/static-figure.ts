/**
 * The simulator's figure without JavaScript: the same deterministic pipeline run at build time, at the
 * starting state (its answer, links and tool calls) and over the whole attack list (the verdict table).
 * Every text is escaped by the html template.
 */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { DEFENCE_SETTINGS, verdictTable } from '../../math/security-prompt-attacks';
import { stoppedChart, stoppedRows } from './charts';
import { computeSimulator } from './compute';
import type { PromptInjectionParams } from './params';

export function staticFigure(start: PromptInjectionParams): string {
  const v = computeSimulator(start);
  const r = v.result;
  const table = verdictTable();
  const chart = renderStatic((ctx) => stoppedChart(stoppedRows(DEFENCE_SETTINGS, table), ctx));
  const rows = table.map(
    ({ attack, verdicts }) =>
      html`<tr>
        <th scope="row">${attack.title}</th>
        ${verdicts.map((x) => html`<td>${x}</td>`)}
      </tr>`,
  );
  return html`<p><strong>A simulation: no language model runs here.</strong> ${v.summary}</p>
    <p>Retrieved document:</p>
    <pre class="pi-text">${v.document}</pre>
    <p>The assistant’s answer:</p>
    <pre class="pi-text">${r.answer}</pre>
    <p>
      Links the chat page would load: ${r.links.length > 0 ? r.links.join(', ') : 'none'}. Tool calls:
      ${r.toolCalls.length > 0
        ? r.toolCalls.map((c) => `${c.tool} (${c.executed ? 'ran' : 'blocked'})`).join(', ')
        : 'none'}.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        The fixed list of attacks, replayed under each defence alone and all four together
      </caption>
      <thead>
        <tr>
          <th scope="col">Attack</th>
          ${DEFENCE_SETTINGS.map((s) => html`<th scope="col">${s.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`.value;
}
