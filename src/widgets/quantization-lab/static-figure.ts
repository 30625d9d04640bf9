/**
 * The lab's figure without JavaScript, from the committed table (scripts/efficiency-quantization.ts):
 * the starting model's test accuracy against bits under the starting mapping and scales, the CNN's dense
 * layer at 4 bits with its grid, and the bytes and accuracy at each bit width. Build time only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { QUANT_TABLE_FILE, type QuantTable } from '../../math/quantization-table';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { histogramChart, sweepChart } from './charts';
import type { QuantLabParams } from './params';

export function readQuantTable(): QuantTable {
  return JSON.parse(readFileSync(join(process.cwd(), 'public', QUANT_TABLE_FILE), 'utf8')) as QuantTable;
}

/** The table's rows for the starting settings (min-max clipping where the table has no other). */
export function staticRows(start: QuantLabParams, t: QuantTable) {
  const match = (clipping: string) =>
    t.rows.filter(
      (r) =>
        r.model === start.model &&
        r.mode === start.mode &&
        r.granularity === start.granularity &&
        r.clipping === clipping,
    );
  const exact = match(start.clipping);
  return exact.length
    ? { rows: exact, clipping: start.clipping }
    : { rows: match('minmax'), clipping: 'minmax' as const };
}

export function staticFigure(start: QuantLabParams, t: QuantTable): string {
  const { rows, clipping } = staticRows(start, t);
  const float = t.float.find((f) => f.model === start.model)!;
  const name = ZOO_MODEL_LABELS[start.model];
  const how = `${start.mode}, one scale per ${start.granularity === 'tensor' ? 'tensor' : 'output channel'}, ${clipping === 'minmax' ? 'min-max' : `${clipping.slice(1)}th-percentile`} range`;
  const sweep = renderStatic((ctx) =>
    sweepChart(rows, {
      ...ctx,
      floatAccuracy: float.accuracy,
      chosen: start.bits,
      label: `${name}: recorded test accuracy against bits (${how})`,
    }),
  );
  const h = t.histogram;
  const hist = renderStatic((ctx) =>
    histogramChart(h, {
      ...ctx,
      label: `The CNN’s dense-layer weights with the ${h.levels.length} levels of its 4-bit symmetric grid inside their range`,
    }),
  );
  return html`<p>
      Recorded by the seeded script on the ${formatCount(t.testDigits)} test digits (${t.backend}): ${name} quantized
      ${how}. Float32: ${formatCount(float.bytes)} bytes, ${pct(float.accuracy, 2)}.
    </p>
    <div class="chart-row">
      <div class="chart">${raw(sweep)}</div>
      <div class="chart">${raw(hist)}</div>
    </div>
    <table>
      <caption>
        ${name}, ${how}, as recorded
      </caption>
      <thead>
        <tr>
          <th scope="col">Bits</th>
          <th scope="col">Bytes</th>
          <th scope="col">Test accuracy</th>
          <th scope="col">Largest weight error</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>${r.bits}</td>
              <td>${formatCount(r.bytes)}</td>
              <td>${pct(r.accuracy, 2)}</td>
              <td>${r.maxError.toPrecision(3)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`.value;
}
