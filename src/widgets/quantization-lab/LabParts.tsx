/** The quantization lab's result panel: the numbers, the sweep, one layer's histogram and its error. */
import { useCallback } from 'preact/hooks';
import { formatBytes, formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { errorChart, histogramChart, sweepChart } from './charts';
import type { QuantizeResult, SweepRow } from './protocol';
import { schemeLabel } from './summary';

export function ResultPanel(props: {
  id: string;
  result: QuantizeResult;
  rows: readonly SweepRow[];
  backend: string | null;
}) {
  const { id, result: r, rows, backend } = props;
  const h = r.histogram;
  const s = r.summary;
  const l = r.latency;
  const layer = s.layers.find((x) => x.index === h.index);
  const drawSweep = useCallback(
    () => sweepChart(rows, { floatAccuracy: r.float.accuracy, chosen: r.request.scheme.bits }),
    [rows, r],
  );
  const drawHistogram = useCallback(() => histogramChart(h), [h]);
  const drawError = useCallback(() => errorChart(h.errorCounts, h.maxError), [h]);
  const ratio = r.float.bytes / s.bytes;
  return (
    <div class="quant-panel" role="group" aria-labelledby={`${id}-result-heading`}>
      <p id={`${id}-result-heading`} class="zoo-heading">
        {schemeLabel(r.request)}
      </p>
      <dl class="quant-facts" data-testid="quant-facts">
        <dt>Model bytes (as encoded)</dt>
        <dd>
          {formatCount(s.bytes)} B, {ratio.toFixed(1)}× smaller than float32’s {formatCount(r.float.bytes)} B
        </dd>
        <dt>Test accuracy</dt>
        <dd>
          {pct(r.accuracy, 2)} ({formatCount(r.correct)} of {formatCount(r.count)}); float32: {pct(r.float.accuracy, 2)}
        </dd>
        <dt>Weight error</dt>
        <dd>
          largest {s.maxError.toPrecision(3)}, mean {s.meanError.toPrecision(3)} over {formatCount(s.quantizedWeights)}{' '}
          weights; {formatCount(s.clipped)} clipped
        </dd>
        <dt>Measured latency, {l.batch} digits</dt>
        <dd>
          quantized {l.quantizedMs.toFixed(1)} ms, float32 {l.floatMs.toFixed(1)} ms (medians of 5 after 2 warm-ups, on{' '}
          {backend ?? '…'}): the same, because tfjs decodes the weights to float32 before computing
        </dd>
      </dl>
      <div class="chart-row">
        <div>
          <p class="chart-label">Test accuracy against bits, same mapping and scales</p>
          <PlotMount make={drawSweep} />
        </div>
        <div>
          <p class="chart-label">
            Weight layer {h.layer + 1} of {r.layers} ({layer ? layer.shape.join(' × ') : ''}) with the grid
            {r.request.scheme.granularity === 'channel' ? ' of its first output channel' : ''}
          </p>
          <PlotMount make={drawHistogram} />
        </div>
        <div>
          <p class="chart-label">How far each of the layer’s weights moved</p>
          <PlotMount make={drawError} />
        </div>
      </div>
      <table class="quant-sweep">
        <caption>The sweep: the same model, mapping, scales and clipping at each bit width</caption>
        <thead>
          <tr>
            <th scope="col">Bits</th>
            <th scope="col">Bytes</th>
            <th scope="col">Test accuracy</th>
            <th scope="col">Largest error</th>
          </tr>
        </thead>
        <tbody>
          {[...rows]
            .sort((a, b) => b.bits - a.bits)
            .map((row) => (
              <tr key={row.bits}>
                <td>{row.bits}</td>
                <td>{formatBytes(row.bytes)}</td>
                <td>{pct(row.accuracy, 2)}</td>
                <td>{row.maxError.toPrecision(3)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
