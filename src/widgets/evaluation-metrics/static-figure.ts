/**
 * The metrics lab's figure without JavaScript, from the committed seeded run (static-run.json, written
 * by scripts/evaluation-metrics.ts with the lab's code): every zoo model's study at the lab's default
 * settings (the digit 1 against the rest at the natural prevalence, threshold 0.5, seed 1); the starting
 * model's ROC curve, and each model's metrics and slices. Build time only.
 */
import { formatPercent } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import type { ZooModelName } from '../../math/zoo';
import { rocChart } from './charts';
import type { MetricsParams } from './params';
import type { MetricsStudy } from './report';
import run from './static-run.json';

export const STATIC_FILE = 'src/widgets/evaluation-metrics/static-run.json';
export interface MetricsRun {
  settings: Omit<MetricsParams, 'model'>;
  models: { name: ZooModelName; title: string; study: MetricsStudy }[];
}
export const STATIC_RUN = run as MetricsRun;

const pct = (x: number) => formatPercent(x, 1);

export function staticFigure(start: MetricsParams): string {
  const m = STATIC_RUN.models.find((x) => x.name === start.model) ?? STATIC_RUN.models[0];
  const s = m.study;
  const o = STATIC_RUN.settings;
  const chart = renderStatic((ctx) =>
    rocChart(s.curve, s.auroc, {
      ...ctx,
      at: s.metrics,
      label: `ROC curve of the ${m.title} as a detector of ${s.digit}s, area ${s.auroc.toFixed(3)}`,
    }),
  );
  return html`<p>
      Measured by the lab’s seeded script: the ${m.title} as a detector of ${s.digit}s on the ${s.count} test digits
      (${s.positives} positive), threshold ${o.threshold}: recall ${pct(s.metrics.recall)}, precision
      ${pct(s.metrics.precision)}, AUROC ${s.auroc.toFixed(3)}.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        Detector of ${s.digit}s, threshold ${o.threshold}: overall recall and recall by ink third
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Accuracy</th>
          <th scope="col">Recall</th>
          <th scope="col">Thinnest third</th>
          <th scope="col">Middle third</th>
          <th scope="col">Thickest third</th>
        </tr>
      </thead>
      <tbody>
        ${STATIC_RUN.models.map(
          (x) =>
            html`<tr>
              <td>${x.title}</td>
              <td>${pct(x.study.metrics.accuracy)}</td>
              <td>${pct(x.study.metrics.recall)}</td>
              ${x.study.slices.map((sl) => html`<td>${pct(sl.metrics.recall)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`.value;
}
