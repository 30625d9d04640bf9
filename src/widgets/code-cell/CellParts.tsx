/**
 * The code cell's panels: what it can use (its bindings), the output of a run (printed lines, tables
 * with headers, charts with accessible names, errors with a button to their line) and its memory
 * report. Plain components of one job each; the view (CodeCellView.tsx) composes them.
 */
import { useMemo } from 'preact/hooks';
import { PlotMount } from '../../lib/ui/PlotMount';
import { ALWAYS_DOCS, BINDING_DOCS, type BindingSet } from './binding-docs';
import { plotChart } from './charts';
import { formatBytes, tableLabel, type MemoryReport, type OutputItem, type PlotItem } from './output';

export function BindingList({ sets, id }: { sets: BindingSet[]; id: string }) {
  const docs = { ...ALWAYS_DOCS, ...Object.assign({}, ...sets.map((s) => BINDING_DOCS[s])) } as Record<string, string>;
  const names = Object.keys(docs);
  return (
    <details class="cell-bindings">
      <summary>
        Available in this cell: <code>{names.join(', ')}</code>
      </summary>
      <dl id={`${id}-bindings`}>
        {names.map((n) => (
          <div key={n}>
            <dt>
              <code>{n}</code>
            </dt>
            <dd>{docs[n]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

type Table = Extract<OutputItem, { kind: 'table' }>;

export function OutputTable({ table, label }: { table: Table; label: string }) {
  return (
    <div class="cell-table" role="region" aria-label={label} tabIndex={0}>
      <table>
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">row</span>
            </th>
            {table.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.header}</th>
              {r.cells.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.note && <p class="cell-note">{table.note}</p>}
    </div>
  );
}

function Chart({ item }: { item: PlotItem }) {
  const make = useMemo(() => () => plotChart(item), [item]);
  return <PlotMount make={make} class="chart cell-chart" />;
}

/** Consecutive printed lines share one block, as in a terminal. */
function groupTexts(
  items: OutputItem[],
): (OutputItem | { kind: 'lines'; lines: Extract<OutputItem, { kind: 'text' }>[] })[] {
  const out: (OutputItem | { kind: 'lines'; lines: Extract<OutputItem, { kind: 'text' }>[] })[] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (item.kind === 'text' && last?.kind === 'lines') last.lines.push(item);
    else if (item.kind === 'text') out.push({ kind: 'lines', lines: [item] });
    else out.push(item);
  }
  return out;
}

export function OutputItems({
  items,
  cell,
  onGoToLine,
}: {
  items: OutputItem[];
  /** The cell's name, for its tables' accessible names (tableLabel). */
  cell: string;
  onGoToLine?: (line: number) => void;
}) {
  let tables = 0;
  return (
    <>
      {groupTexts(items).map((item, i) => {
        switch (item.kind) {
          case 'lines':
            return (
              <pre class="cell-print" key={i}>
                {item.lines.map((l, j) => (
                  <span key={j} class={`cell-line cell-${l.stream}`}>
                    {l.text}
                    {'\n'}
                  </span>
                ))}
              </pre>
            );
          case 'table':
            return <OutputTable table={item} label={tableLabel(item.caption, ++tables, cell)} key={i} />;
          case 'plot':
            return <Chart item={item} key={i} />;
          case 'returned':
            return (
              <pre class="cell-print cell-returned" key={i}>
                returned: {item.text}
              </pre>
            );
          case 'error':
            return (
              <div class="cell-error" key={i}>
                <strong>
                  {item.name}
                  {item.line ? ` on line ${item.line}` : ''}:
                </strong>{' '}
                {item.message}
                {item.line && onGoToLine && (
                  <button type="button" class="cell-goto" onClick={() => onGoToLine(item.line!)}>
                    Go to line {item.line}
                  </button>
                )}
              </div>
            );
          default:
            return null;
        }
      })}
    </>
  );
}

export function MemoryNote({ memory, durationMs }: { memory: MemoryReport; durationMs: number }) {
  return (
    <p class="cell-memory">
      The code ran for {durationMs < 10 ? durationMs.toFixed(1) : Math.round(durationMs)} ms. Memory: it held{' '}
      {memory.heldTensors} tensors ({formatBytes(memory.heldBytes)}) at its end; {memory.disposedTensors} were disposed
      after it
      {memory.leaked ? `, ${memory.leaked} were kept (tf.keep) and stay until the sandbox is replaced` : ''}. The
      sandbox now holds {memory.afterTensors} tensors ({formatBytes(memory.afterBytes)}).
    </p>
  );
}
