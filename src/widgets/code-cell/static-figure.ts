/**
 * A code cell without JavaScript, or before its island hydrates: the lesson's code, highlighted at build
 * time with the same parser and `tok-*` classes as the live editor, and its output as recorded by
 * scripts/code-cells-static.ts (a run of the same evaluator in Node: static-outputs.json), printed lines,
 * tables and charts drawn with the same chart functions. Build time only.
 */
import { typescriptLanguage } from '@codemirror/lang-javascript';
import { classHighlighter, highlightCode } from '@lezer/highlight';
import { escapeHtml, html, raw, type Markup } from '../../lib/html';
import { sha256HexSync } from '../../lib/sha256';
import { renderStatic } from '../../lib/static-figure';
import { bindingNames, type BindingSet } from './binding-docs';
import { plotChart } from './charts';
import { tableLabel, type OutputItem } from './output';
import recorded from './static-outputs.json';

export interface RecordedCell {
  /** Where the code is (lesson and export name), for people reading the JSON. */
  source: string;
  sets: BindingSet[];
  outputs: OutputItem[];
  ok: boolean;
}

/** The key of a recorded output: the code and its bindings, hashed. */
export function cellKey(code: string, sets: readonly BindingSet[]): string {
  return sha256HexSync(new TextEncoder().encode(`${[...sets].sort().join(',')}\n${code}`)).slice(0, 16);
}

/** The recorded output of this code, or a build error that says how to record it. */
export function recordedOutput(code: string, sets: readonly BindingSet[], id: string): RecordedCell {
  const entry = (recorded as Record<string, RecordedCell>)[cellKey(code, sets)];
  if (!entry) {
    throw new Error(
      `<CodeCell id="${id}">: no recorded output for this code. Run \`npm run static:cells\` to record it (src/widgets/code-cell/static-outputs.json).`,
    );
  }
  return entry;
}

/**
 * The `tok-*` classes styles.css gives a rule (a unit test keeps the two in step). A token of any other
 * class looks like plain text, so the static figure writes it as plain text: no span (the diffusion
 * lesson's cells had ~500 spans that changed nothing on screen).
 */
export const STYLED_TOKEN_CLASSES: ReadonlySet<string> = new Set([
  'tok-keyword',
  'tok-operatorKeyword',
  'tok-modifier',
  'tok-string',
  'tok-string2',
  'tok-number',
  'tok-bool',
  'tok-atom',
  'tok-comment',
  'tok-definition',
  'tok-typeName',
  'tok-className',
  'tok-namespace',
  'tok-invalid',
]);

/** Highlighted code as markup: spans with CodeMirror's `tok-*` classes where the stylesheet colours them. */
export function highlightedCode(code: string): string {
  let out = '';
  highlightCode(
    code,
    typescriptLanguage.parser.parse(code),
    classHighlighter,
    (text, classes) => {
      const styled = classes.split(' ').filter((c) => STYLED_TOKEN_CLASSES.has(c));
      out += styled.length ? `<span class="${styled.join(' ')}">${escapeHtml(text)}</span>` : escapeHtml(text);
    },
    () => {
      out += '\n';
    },
  );
  return out;
}

/** The output items as static markup (the live view draws the same items with Preact). */
export function outputMarkup(items: readonly OutputItem[], cell: string): Markup {
  let prints: string[] = [];
  let tables = 0;
  const parts: Markup[] = [];
  const flush = () => {
    if (prints.length) parts.push(html`<pre class="cell-print">${prints.join('\n')}</pre>`);
    prints = [];
  };
  for (const item of items) {
    if (item.kind === 'text') {
      prints.push(item.text);
      continue;
    }
    flush();
    if (item.kind === 'table') {
      parts.push(
        html`<div
          class="cell-table"
          role="region"
          aria-label="${tableLabel(item.caption, ++tables, cell)}"
          tabindex="0"
        >
          <table>
            <caption>
              ${item.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col"><span class="visually-hidden">row</span></th>
                ${item.columns.map((c) => html`<th scope="col">${c}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${item.rows.map(
                (r) =>
                  html`<tr>
                    <th scope="row">${r.header}</th>
                    ${r.cells.map((c) => html`<td>${c}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>
          ${item.note ? html`<p class="cell-note">${item.note}</p>` : ''}
        </div>`,
      );
    } else if (item.kind === 'plot') {
      parts.push(html`<div class="chart cell-chart">${raw(renderStatic((ctx) => plotChart(item, ctx)))}</div>`);
    } else if (item.kind === 'returned') {
      parts.push(html`<pre class="cell-print cell-returned">returned: ${item.text}</pre>`);
    } else if (item.kind === 'error') {
      parts.push(
        html`<p class="cell-error">
          <strong>${item.name}${item.line ? ` on line ${item.line}` : ''}:</strong> ${item.message}
        </p>`,
      );
    }
  }
  flush();
  return html`${parts}`;
}

/** `cell` names the cell (its title) in its tables' accessible names. */
export function staticFigure(
  code: string,
  sets: readonly BindingSet[],
  outputs: readonly OutputItem[],
  cell: string,
): string {
  return html`<p class="cell-static-bindings">Uses: <code>${bindingNames(sets).join(', ')}</code></p>
    <pre class="cell-code-static"><code>${raw(highlightedCode(code))}</code></pre>
    <div class="cell-output">${outputMarkup(outputs, cell)}</div>
    <p class="cell-note">Output of this code, run in Node with the same sandbox when the site was built.</p>`.value;
}
