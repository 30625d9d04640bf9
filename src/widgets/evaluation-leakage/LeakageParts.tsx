/** The leakage lab's panels: the chart of test against held-out scores, and the table of inflations. */
import { useCallback } from 'preact/hooks';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { LEAK_PROTOCOLS, type LeakProtocolId } from '../../math/evaluation-leakage';
import type { LeakResult } from '../../ml/evaluation-leakage';
import { points, scoresChart, scoreRows } from './charts';

type Results = Partial<Record<LeakProtocolId, LeakResult>>;

export function ScoresPanel({ results, heldOut }: { results: Results; heldOut: number }) {
  const draw = useCallback(() => scoresChart(scoreRows(results, heldOut)), [results, heldOut]);
  return (
    <div>
      <p class="chart-label">Each protocol’s own test score against the same model on clean held-out digits</p>
      <PlotMount make={draw} />
    </div>
  );
}

export function LeakTable({ results }: { results: Results }) {
  return (
    <table class="leak-table" data-testid="leak-table">
      <caption>Inflation = test accuracy − held-out accuracy, in points</caption>
      <thead>
        <tr>
          <th scope="col">Protocol</th>
          <th scope="col">Train / test images</th>
          <th scope="col">Test images with a near-copy in train</th>
          <th scope="col">Test</th>
          <th scope="col">Held-out</th>
          <th scope="col">Inflation</th>
        </tr>
      </thead>
      <tbody>
        {LEAK_PROTOCOLS.map((p) => {
          const r = results[p.id];
          return (
            <tr key={p.id}>
              <th scope="row">{p.label}</th>
              {r ? (
                <>
                  <td>
                    {formatCount(r.trainCount)} / {formatCount(r.testCount)}
                  </td>
                  <td>{formatCount(r.testWithSiblingInTrain)}</td>
                  <td>{pct(r.testAccuracy, 1)}</td>
                  <td>{pct(r.heldOutAccuracy, 1)}</td>
                  <td>{points(r.inflation)}</td>
                </>
              ) : (
                <td colSpan={5}>training…</td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
