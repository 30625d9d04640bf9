/**
 * The lab's figure without JavaScript, from the committed runs (scripts/efficiency-distillation.ts): the
 * default settings' students and teacher, per class and in a table, and the held-out-class run. Build
 * time only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { perClassChart } from './charts';
import type { DistillResult } from './protocol';

export const DISTILL_TABLE_FILE = 'data/efficiency/distillation.json';

export interface DistillTable {
  backend: string;
  runs: DistillResult[];
}

export const readDistillTable = () =>
  JSON.parse(readFileSync(join(process.cwd(), 'public', DISTILL_TABLE_FILE), 'utf8')) as DistillTable;

export function staticFigure(t: DistillTable): string {
  const [base, held] = t.runs;
  const q = base.request;
  const chart = renderStatic((ctx) =>
    perClassChart({ teacher: base.teacher.perClass, hard: base.hard.perClass, soft: base.soft.perClass }, { ...ctx }),
  );
  const h = held?.request;
  return html`<p>
      Recorded by the seeded script (${t.backend}): two students 784 → ${q.hidden} → 10 of seed ${q.seed}, trained
      ${q.steps} steps on the first ${formatCount(base.transferCount)} training digits, one on the labels, one on the
      CNN’s soft targets at T = ${q.temperature} with λ = ${q.alpha}; scored on the ${formatCount(base.count)} test
      digits.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        As recorded
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Test accuracy</th>
          <th scope="col">ECE</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>Teacher (CNN)</td>
          <td>${pct(base.teacher.accuracy, 2)}</td>
          <td>${base.teacher.ece.toFixed(3)}</td>
        </tr>
        <tr>
          <td>Student, hard labels</td>
          <td>${pct(base.hard.accuracy, 2)}</td>
          <td>${base.hard.ece.toFixed(3)}</td>
        </tr>
        <tr>
          <td>Student, soft targets</td>
          <td>${pct(base.soft.accuracy, 2)}</td>
          <td>${base.soft.ece.toFixed(3)}</td>
        </tr>
      </tbody>
    </table>
    ${held && held.hard.heldOut && held.soft.heldOut
      ? html`<p>
          With every ${h!.holdOut} left out of ${formatCount(held.transferCount)} transfer digits: test ${h!.holdOut}s
          right, after the bias correction, ${pct(held.hard.heldOut.corrected, 1)} for the hard-label student and
          ${pct(held.soft.heldOut.corrected, 1)} for the distilled one.
        </p>`
      : ''}`.value;
}
