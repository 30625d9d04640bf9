/**
 * The shift lab's figure without JavaScript, from the committed seeded shift study
 * (evaluation-shared/static-run.json, written by scripts/evaluation-shift.ts with the lab's measures):
 * the starting model's accuracy, confidence and ECE against severity for the starting shift, and its
 * AUROCs at the largest severity of every shift. Build time only.
 */
import { formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { describeCorruption } from '../../math/evaluation-shift';
import { severityChart } from './charts';
import type { ShiftParams } from './params';
import { SHIFT_RUN, type StaticShiftPoint } from '../evaluation-shared/shift-run';

const cell = (x: number, f: (x: number) => string) => (Number.isFinite(x) ? f(x) : '—');

export function staticFigure(start: ShiftParams): string {
  const m = SHIFT_RUN.models.find((x) => x.name === start.model) ?? SHIFT_RUN.models[0];
  const curve = m.points.filter((p) => p.corruption === start.corruption);
  const chart = renderStatic((ctx) =>
    severityChart(curve, {
      ...ctx,
      label: `${m.title}: accuracy, mean confidence and ECE against the severity of ${start.corruption}`,
    }),
  );
  const last = m.points.filter((p) => p.severity === 1);
  return html`<p>
      Measured by the lab’s seeded script (seed ${SHIFT_RUN.seed}): the ${m.title} on the ${SHIFT_RUN.testCount} test
      digits, ${start.corruption} at severities ${SHIFT_RUN.severities.join(', ')}.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        ${m.title} at the largest severity of each shift (AUROC: clean test digits against the shifted inputs)
      </caption>
      <thead>
        <tr>
          <th scope="col">Shift</th>
          <th scope="col">Accuracy</th>
          <th scope="col">Mean confidence</th>
          <th scope="col">ECE</th>
          <th scope="col">AUROC, max softmax</th>
          <th scope="col">AUROC, energy</th>
        </tr>
      </thead>
      <tbody>
        ${last.map(
          (p: StaticShiftPoint) =>
            html`<tr>
              <td>${describeCorruption(p.corruption, 1)}</td>
              <td>${cell(p.accuracy, (x) => pct(x, 1))}</td>
              <td>${pct(p.meanConfidence, 1)}</td>
              <td>${cell(p.ece, (x) => pct(x, 1))}</td>
              <td>${p.aurocMaxSoftmax.toFixed(3)}</td>
              <td>${p.aurocEnergy.toFixed(3)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`.value;
}
