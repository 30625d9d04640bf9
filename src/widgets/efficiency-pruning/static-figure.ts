/**
 * The lab's figure without JavaScript, from the committed tables (scripts/efficiency-pruning.ts and
 * scripts/efficiency-ticket.ts): the starting model's test accuracy against sparsity under the starting
 * method, without and after the seeded fine-tune, with the bytes; or the default ticket experiment.
 * Build time only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import {
  PRUNE_TABLE_FILE,
  TICKET_TABLE_FILE,
  type PruneTable,
  type PruneTableRow,
  type TicketTable,
} from '../../math/pruning-table';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { sparsityChart, ticketChart } from './charts';
import type { PruneLabParams } from './params';
import { methodLabel } from './summary';

const read = <T>(file: string) => JSON.parse(readFileSync(join(process.cwd(), 'public', file), 'utf8')) as T;
export const readPruneTable = () => read<PruneTable>(PRUNE_TABLE_FILE);
export const readTicketTable = () => read<TicketTable>(TICKET_TABLE_FILE);

export function methodKey(start: Pick<PruneLabParams, 'structure' | 'scope'>): PruneTableRow['method'] {
  if (start.structure === 'structured') return 'structured';
  return start.scope === 'global' ? 'unstructured-global' : 'unstructured-layer';
}

export function staticFigure(start: PruneLabParams, t: PruneTable, ticket: TicketTable): string {
  if (start.experiment === 'ticket') {
    const chart = renderStatic((ctx) => ticketChart(ticket.rows, { ...ctx }));
    const q = ticket.request;
    return html`<p>
        Recorded by the seeded script (${ticket.backend}): an MLP 784 → ${q.hidden} → 10, ${q.steps} steps per run, seed
        ${q.seed}, scored on ${formatCount(ticket.testDigits)} test digits.
      </p>
      <div class="chart">${raw(chart)}</div>
      <table>
        <caption>
          Rewound against re-initialised, as recorded
        </caption>
        <thead>
          <tr>
            <th scope="col">Sparsity</th>
            <th scope="col">Rewound to w₀</th>
            <th scope="col">Re-initialised</th>
          </tr>
        </thead>
        <tbody>
          ${ticket.rows.map(
            (r) =>
              html`<tr>
                <td>${pct(r.sparsity, 1)}</td>
                <td>${pct(r.rewound, 1)}</td>
                <td>${pct(r.random, 1)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`.value;
  }
  const rows = t.rows.filter((r) => r.model === start.model && r.method === methodKey(start));
  const name = ZOO_MODEL_LABELS[start.model];
  const float = rows.find((r) => r.sparsity === 0)!;
  const steps = rows[0]?.fineTuned.steps ?? 0;
  const chart = renderStatic((ctx) =>
    sparsityChart(
      rows.flatMap((r) => [
        { sparsity: r.sparsity, accuracy: r.accuracy, series: 'no fine-tuning' },
        { sparsity: r.sparsity, accuracy: r.fineTuned.accuracy, series: `fine-tuned ${steps} steps` },
      ]),
      {
        ...ctx,
        floatAccuracy: float.accuracy,
        label: `${name}, ${methodLabel(start)}: recorded test accuracy against sparsity`,
      },
    ),
  );
  return html`<p>
      Recorded by the seeded script on the ${formatCount(t.testDigits)} test digits (${t.backend}): ${name} pruned
      ${methodLabel(start)}, without fine-tuning and after ${steps} seeded fine-tuning steps with the pruned weights
      held at 0.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        ${name}, ${methodLabel(start)}, as recorded
      </caption>
      <thead>
        <tr>
          <th scope="col">Sparsity</th>
          <th scope="col">No fine-tuning</th>
          <th scope="col">Fine-tuned</th>
          <th scope="col">Dense bytes</th>
          <th scope="col">Sparse bytes (CSR)</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>${pct(r.sparsity, 0)}</td>
              <td>${pct(r.accuracy, 2)}</td>
              <td>${pct(r.fineTuned.accuracy, 2)}</td>
              <td>${formatCount(r.denseBytes)}</td>
              <td>${formatCount(r.sparseBytes)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`.value;
}
