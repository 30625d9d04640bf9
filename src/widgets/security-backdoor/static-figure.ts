/**
 * The lab's figure without JavaScript: what the seeded script (scripts/security-backdoor.ts →
 * static-backdoor.json) measured at the lab's starting state: attack success and clean accuracy at each
 * poison rate for both models, the spectral check's precision and recall, and the starting digit with
 * and without the trigger on the p = 1% model. Build time only.
 */
import { formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { parseTrigger, stampTrigger, triggerPixels } from '../../math/security-backdoor';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { digitImage, digitPng } from '../zoo-shared/static-digit';
import { rateChart } from './charts';
import type { BackdoorParams } from './params';
import recorded from './static-backdoor.json';
import { topClass } from './summary';

export const RECORDED = recorded;

export function staticFigure(_start: BackdoorParams): string {
  const r = recorded;
  const digit = Float32Array.from(r.digit, (v) => v / 255);
  const stamped = Float32Array.from(digit);
  stampTrigger(stamped, triggerPixels(parseTrigger(r.state.trigger)), 0, 1);
  const main = r.models.find((m) => m.model === r.state.model)!;
  const rows = r.models.flatMap((m) =>
    m.runs.map(
      (run) =>
        html`<tr>
          <td>${ZOO_MODEL_LABELS[m.model as keyof typeof ZOO_MODEL_LABELS]}</td>
          <td>${Number((100 * run.rate).toFixed(1))}%</td>
          <td>${run.poisoned}</td>
          <td>${pct(run.cleanAccuracy, 1)}</td>
          <td>${pct(run.attackSuccess, 1)}</td>
          <td>${run.poisoned > 0 ? pct(run.truePositives / run.flagged) : '–'}</td>
          <td>${run.poisoned > 0 ? pct(run.truePositives / run.poisoned) : '–'}</td>
        </tr>`,
    ),
  );
  const s = r.stamp!;
  const b = topClass(s.before);
  const a = topClass(s.after);
  const chart = renderStatic((ctx) =>
    rateChart(main.runs, {
      ...ctx,
      label: `Attack success and clean accuracy of the ${ZOO_MODEL_LABELS[r.state.model as 'softmax']} against the poison rate`,
    }),
  );
  return html`<p>
      Recorded by the chapter’s seeded script: the trigger (a 4 × 4 checkerboard in the bottom-right corner) stamped on
      a share p of the 7,000 training digits, relabelled ${r.state.target}, and each model retrained for
      ${r.state.steps} steps (seed ${r.state.seed}). Attack success is the share of the test digits of other classes
      that the model sends to ${r.state.target} once the trigger is stamped on them.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <thead>
        <tr>
          <th>model</th>
          <th>p</th>
          <th>poisoned</th>
          <th>clean accuracy</th>
          <th>attack success</th>
          <th>check precision</th>
          <th>check recall</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    <div class="bd-images" style="display:flex;gap:1rem;flex-wrap:wrap">
      ${digitImage(digitPng(digit), `Test digit ${r.testIndex}, a ${r.label}: the p = 1% model says ${b}`)}
      ${digitImage(digitPng(stamped), `The same digit with the trigger: the p = 1% model says ${a}`)}
    </div>
    <p>
      Test digit ${r.testIndex} (a ${r.label}) on the p = ${100 * r.stampRate}% model: ${b} (${pct(s.before[b], 1)})
      without the trigger, ${a} (${pct(s.after[a], 1)}) with it.
    </p>`.value;
}
