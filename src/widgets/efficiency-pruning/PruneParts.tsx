/** The pruning lab's result panels: the pruned model's numbers and sweep, and the ticket's rounds. */
import { useCallback } from 'preact/hooks';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import type { TicketRow } from '../../ml/efficiency-pruning';
import { sparsityChart, ticketChart, type SparsityPoint } from './charts';
import type { PruneResult, PruneSweepRow, TicketRequest } from './protocol';
import { methodLabel } from './summary';

export function sweepPoints(rows: readonly PruneSweepRow[], r: PruneResult): SparsityPoint[] {
  const pts: SparsityPoint[] = [
    { sparsity: 0, accuracy: r.float.accuracy, series: 'no fine-tuning' },
    ...rows.map((x) => ({ sparsity: x.sparsity, accuracy: x.accuracy, series: 'no fine-tuning' })),
  ];
  if (r.fineTuned)
    pts.push({
      sparsity: r.request.sparsity,
      accuracy: r.fineTuned.accuracy,
      series: `fine-tuned ${r.fineTuned.steps} steps`,
    });
  return pts;
}

export function PrunePanel(props: { id: string; result: PruneResult; rows: readonly PruneSweepRow[] }) {
  const { id, result: r, rows } = props;
  const draw = useCallback(
    () => sparsityChart(sweepPoints(rows, r), { floatAccuracy: r.float.accuracy, chosen: r.request.sparsity }),
    [rows, r],
  );
  const ratio = r.float.bytes / r.sparseBytes;
  return (
    <div class="prune-panel" role="group" aria-labelledby={`${id}-result-heading`}>
      <p id={`${id}-result-heading`} class="zoo-heading">
        {methodLabel(r.request)}, {pct(r.request.sparsity, 0)} requested
      </p>
      <dl class="prune-facts" data-testid="prune-facts">
        <dt>Weights kept</dt>
        <dd>
          {formatCount(r.kept)} of {formatCount(r.prunableSize)} ({pct(r.sparsity, 2)} removed; biases kept)
          {r.request.structure === 'structured' && <>: {r.architecture}</>}
        </dd>
        <dt>Test accuracy</dt>
        <dd>
          {pct(r.pruned.accuracy, 2)} right after pruning ({formatCount(r.pruned.correct)} of {formatCount(r.count)})
          {r.fineTuned && (
            <>
              ; {pct(r.fineTuned.accuracy, 2)} after {r.fineTuned.steps} fine-tuning steps with the pruned weights held
              at 0
            </>
          )}
          ; unpruned {pct(r.float.accuracy, 2)}
        </dd>
        <dt>Bytes stored</dt>
        <dd>
          {r.request.structure === 'structured' ? (
            <>
              {formatCount(r.denseBytes)} B as a smaller dense float32 model, {ratio.toFixed(1)}× smaller than the{' '}
              {formatCount(r.float.bytes)} B original
            </>
          ) : (
            <>
              dense float32 {formatCount(r.denseBytes)} B (zeros still stored); sparse (CSR: a float32 value and a
              uint32 column index per kept weight, a uint32 pointer per row, biases dense) {formatCount(r.sparseBytes)}{' '}
              B, {r.sparseBytes < r.denseBytes ? `${ratio.toFixed(1)}× smaller` : 'larger than dense'}
            </>
          )}
        </dd>
        <dt>Multiply-adds per digit</dt>
        <dd>
          {formatCount(r.multiplyAdds)} of {formatCount(r.float.multiplyAdds)}
          {r.request.structure === 'unstructured' && ' (dense kernels still multiply by the zeros)'}
        </dd>
      </dl>
      <div class="chart-row">
        <div>
          <p class="chart-label">Test accuracy against sparsity, same method</p>
          <PlotMount make={draw} />
        </div>
      </div>
      <table class="prune-layers">
        <caption>Each weight array after pruning</caption>
        <thead>
          <tr>
            <th scope="col">Array</th>
            <th scope="col">Shape</th>
            <th scope="col">Kept</th>
            <th scope="col">Removed</th>
          </tr>
        </thead>
        <tbody>
          {r.layers.map((l) => (
            <tr key={l.name}>
              <td>{l.name}</td>
              <td>{l.shape.join(' × ')}</td>
              <td>{formatCount(l.kept)}</td>
              <td>{r.request.structure === 'structured' ? '—' : pct(1 - l.kept / l.size, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TicketPanel(props: { id: string; rows: readonly TicketRow[]; request: TicketRequest | null }) {
  const { id, rows, request } = props;
  const draw = useCallback(() => ticketChart(rows), [rows]);
  return (
    <div class="prune-panel" role="group" aria-labelledby={`${id}-ticket-heading`}>
      <p id={`${id}-ticket-heading`} class="zoo-heading">
        Lottery ticket: an MLP 784 → {request?.hidden ?? '…'} → 10, {request?.steps ?? '…'} steps per training run, half
        of each layer’s remaining weights removed per round
      </p>
      <div class="chart-row">
        <div>
          <p class="chart-label">Test accuracy after training with each round’s mask</p>
          <PlotMount make={draw} />
        </div>
      </div>
      <table class="prune-layers">
        <caption>Both arms train with the same mask and the same batches; only the initial weights differ</caption>
        <thead>
          <tr>
            <th scope="col">Round</th>
            <th scope="col">Sparsity</th>
            <th scope="col">Weights kept</th>
            <th scope="col">Rewound to w₀</th>
            <th scope="col">Re-initialised</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.round}>
              <td>{x.round}</td>
              <td>{pct(x.sparsity, 1)}</td>
              <td>{formatCount(x.kept)}</td>
              <td>{pct(x.rewound, 1)}</td>
              <td>{x.round === 0 ? '(dense)' : pct(x.random, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
