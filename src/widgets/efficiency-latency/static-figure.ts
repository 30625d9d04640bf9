/**
 * The lab's figure without JavaScript: the size and accuracy of every variant the lab times, from the
 * manifest and the committed quantization and pruning tables (the same variants, the same test digits).
 * Latency is not in it: it is measured on the reader's device, live. Build time only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { PRUNE_TABLE_FILE, type PruneTable } from '../../math/pruning-table';
import { QUANT_TABLE_FILE, type QuantTable } from '../../math/quantization-table';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest } from '../../math/zoo';
import { tradeoffChart, type TradeoffPoint } from './charts';
import { VARIANT_IDS, VARIANT_LABELS } from './params';

const read = <T>(file: string) => JSON.parse(readFileSync(join(process.cwd(), 'public', file), 'utf8')) as T;

export function staticPoints(): TradeoffPoint[] {
  const zoo = read<ZooManifest>(`${ZOO_WEIGHTS_DIR}/${ZOO_WEIGHTS_MANIFEST}`);
  const quant = read<QuantTable>(QUANT_TABLE_FILE);
  const prune = read<PruneTable>(PRUNE_TABLE_FILE);
  return VARIANT_IDS.flatMap((id): TradeoffPoint[] => {
    const [model, tag] = id.split(/-(?=int|structured)/);
    if (!tag) {
      const m = zoo.models.find((x) => x.name === model)!;
      return [{ label: id, model, bytes: m.bytes, accuracy: m.test.accuracy, ms: null }];
    }
    if (tag.startsWith('int')) {
      const bits = tag === 'int8' ? 8 : 4;
      const r = quant.rows.find(
        (x) =>
          x.model === model &&
          x.bits === bits &&
          x.mode === 'symmetric' &&
          x.granularity === 'channel' &&
          x.clipping === 'minmax',
      );
      return r ? [{ label: id, model, bytes: r.bytes, accuracy: r.accuracy, ms: null }] : [];
    }
    const r = prune.rows.find((x) => x.model === model && x.method === 'structured' && x.sparsity === 0.5);
    return r ? [{ label: id, model, bytes: r.denseBytes, accuracy: r.accuracy, ms: null }] : [];
  });
}

export function staticFigure(): string {
  const points = staticPoints();
  const chart = renderStatic((ctx) =>
    tradeoffChart(points, { ...ctx, label: 'Bytes against test accuracy of every variant the lab times (recorded)' }),
  );
  return html`<p>
      The variants the lab times, with their bytes and their accuracy on the 2,000 test digits as recorded by the seeded
      scripts. Their latency is measured live on your device, so it needs JavaScript.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        Size and accuracy, as recorded
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Bytes</th>
          <th scope="col">Test accuracy</th>
        </tr>
      </thead>
      <tbody>
        ${points.map(
          (p) =>
            html`<tr>
              <td>${VARIANT_LABELS[p.label as (typeof VARIANT_IDS)[number]]}</td>
              <td>${formatCount(p.bytes)}</td>
              <td>${pct(p.accuracy, 2)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`.value;
}
