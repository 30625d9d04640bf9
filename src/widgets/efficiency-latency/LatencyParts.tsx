/** The latency lab's panels: the timing table, the trade-off chart and the edge-versus-cloud calculator. */
import { useCallback } from 'preact/hooks';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { tradeoffChart } from './charts';
import type { EdgeCloudResult } from './compute';
import type { VariantTiming } from './protocol';

export function TimingTable({
  rows,
  batches,
  backend,
}: {
  rows: readonly VariantTiming[];
  batches: readonly number[];
  backend: string | null;
}) {
  return (
    <table class="latency-table">
      <caption>
        Median milliseconds per forward pass on {backend ?? '…'}, measured in your browser (a page’s clock ticks in
        steps of about 0.1 ms, so times under a millisecond are coarse)
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Bytes</th>
          <th scope="col">Test accuracy</th>
          {batches.map((b) => (
            <th scope="col" key={b}>
              batch {formatCount(b)}
            </th>
          ))}
          <th scope="col">ms per digit at batch {formatCount(Math.max(...batches))}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const big = r.timings.find((t) => t.batch === Math.max(...batches));
          return (
            <tr key={r.id}>
              <th scope="row">{r.label}</th>
              <td>{formatCount(r.bytes)}</td>
              <td>{pct(r.accuracy, 2)}</td>
              {batches.map((b) => {
                const t = r.timings.find((x) => x.batch === b);
                return <td key={b}>{t ? t.medianMs.toFixed(2) : '—'}</td>;
              })}
              <td>{big ? (big.medianMs / big.batch).toFixed(3) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function TradeoffPanel({ rows }: { rows: readonly VariantTiming[] }) {
  const draw = useCallback(
    () =>
      tradeoffChart(
        rows.map((r) => ({
          label: r.id,
          model: r.model,
          bytes: r.bytes,
          accuracy: r.accuracy,
          ms: r.timings.find((t) => t.batch === 1)?.medianMs ?? null,
        })),
      ),
    [rows],
  );
  return (
    <div>
      <p class="chart-label">Size, accuracy and measured time for one digit, every variant</p>
      <PlotMount make={draw} />
    </div>
  );
}

export function CalculatorPanel({ id, k, label }: { id: string; k: EdgeCloudResult; label: string }) {
  return (
    <div role="group" aria-labelledby={`${id}-calc-heading`}>
      <p id={`${id}-calc-heading`} class="zoo-heading">
        Edge or cloud for {label}: your measured device time against the assumed round trip and server
      </p>
      <dl class="latency-facts">
        <dt>On this device (measured)</dt>
        <dd>
          {k.edgeMs.toFixed(2)} ms per digit, after a one-time download of {k.downloadMs.toFixed(0)} ms
        </dd>
        <dt>In the cloud (your inputs)</dt>
        <dd>{k.cloudMs.toFixed(1)} ms per request (round trip + server)</dd>
        <dt>Latency</dt>
        <dd>
          {k.savedMs > 0
            ? `the edge answers ${k.savedMs.toFixed(1)} ms sooner; the download has paid for itself after ${formatCount(k.breakEven)} request${k.breakEven === 1 ? '' : 's'}`
            : `the cloud answers ${(-k.savedMs).toFixed(1)} ms sooner`}
        </dd>
        <dt>Cloud cost</dt>
        <dd>
          {k.costPer1000.toPrecision(3)} per 1,000 requests (price per hour × 1,000 / (3,600 × requests per second))
        </dd>
      </dl>
    </div>
  );
}
