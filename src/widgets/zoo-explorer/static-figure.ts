/**
 * The explorer's figure without JavaScript, from the committed manifests: the starting model's recorded
 * test accuracy per class (the same chart the live widget draws), and the four models' recorded test
 * accuracy, validation calibration and size. Build time only.
 */
import { formatCount, formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { modelFacts, type ZooCatalog } from '../zoo-shared/catalog';
import { perClassChart } from './charts';
import type { ExplorerParams } from './params';

export function staticFigure(start: ExplorerParams, catalog: ZooCatalog): string {
  const m = modelFacts(catalog, start.model);
  const chart = renderStatic((ctx) =>
    perClassChart(m.test.perClass, { ...ctx, label: `${m.title}: recorded test accuracy per class` }),
  );
  return html`<p>
      Recorded by the training script: ${m.title} (${m.description}) classifies ${pct(m.test.accuracy, 2)} of the
      ${formatCount(m.test.count)} test digits right (${formatCount(m.test.correct)}). Its accuracy per class:
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        The zoo’s four models as recorded
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Parameters</th>
          <th scope="col">Test accuracy</th>
          <th scope="col">Validation ECE</th>
        </tr>
      </thead>
      <tbody>
        ${catalog.models.map(
          (e) =>
            html`<tr>
              <td>${e.title}</td>
              <td>${formatCount(e.parameters)}</td>
              <td>${pct(e.test.accuracy, 2)}</td>
              <td>${pct(e.validation.ece, 1)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`.value;
}
