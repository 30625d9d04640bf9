/** Dense versus sparse's view parts: the two cost charts and the table of what each model is and did. */
import { useCallback } from 'preact/hooks';
import { formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { costChart, MODEL_NAMES } from './charts';
import type { DsState } from './controller';
import { compareAt, latest } from './readings';

export function CostCharts({ points }: { points: DsState['points'] }) {
  const flopsBudget = compareAt(points, 'flops')?.budget;
  const secondsBudget = compareAt(points, 'seconds')?.budget;
  const drawFlops = useCallback(() => costChart(points, 'flops', { budget: flopsBudget }), [points, flopsBudget]);
  const drawSeconds = useCallback(
    () => costChart(points, 'seconds', { budget: secondsBudget }),
    [points, secondsBudget],
  );
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">Loss against training FLOPs (counted)</p>
        <PlotMount make={drawFlops} />
      </div>
      <div>
        <p class="chart-label">Loss against wall-clock time (measured here)</p>
        <PlotMount make={drawSeconds} />
      </div>
    </div>
  );
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));

export function DsTable({ s }: { s: DsState }) {
  const c = s.counts!;
  const d = latest(s.points, 'dense');
  const m = latest(s.points, 'moe');
  const flops = compareAt(s.points, 'flops');
  const seconds = compareAt(s.points, 'seconds');
  return (
    <>
      <div class="moe-scroll" role="region" tabIndex={0} aria-label="Table: the two models after training">
        <table class="moe-table">
          <caption>The two models after {s.progress.step} steps each</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Parameters</th>
              <th scope="col">Active per point</th>
              <th scope="col">Training FLOPs per step</th>
              <th scope="col">ms per step (here)</th>
              <th scope="col">Held-out loss</th>
              <th scope="col">Held-out accuracy</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{MODEL_NAMES.dense}</th>
              <td>{c.dense.total.toLocaleString('en')}</td>
              <td>{c.dense.active.toLocaleString('en')}</td>
              <td>{c.denseStepFlops.toLocaleString('en')}</td>
              <td>{s.msPerStep.dense.toFixed(1)}</td>
              <td>{f3(d?.loss)}</td>
              <td>{d ? pct(d.accuracy, 1) : '–'}</td>
            </tr>
            <tr>
              <th scope="row">{MODEL_NAMES.moe}</th>
              <td>{c.moe.total.toLocaleString('en')}</td>
              <td>{c.moe.active.toLocaleString('en')}</td>
              <td>{c.moeStepFlops.toLocaleString('en')}</td>
              <td>{s.msPerStep.moe.toFixed(1)}</td>
              <td>{f3(m?.loss)}</td>
              <td>{m ? pct(m.accuracy, 1) : '–'}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="chart-note">
        {flops
          ? `At equal training FLOPs (${(flops.budget / 1e6).toFixed(1)} million, the dashed line): dense ${f3(flops.dense)}, mixture of experts ${f3(flops.moe)}. `
          : ''}
        {seconds
          ? `At equal wall time (${seconds.budget.toFixed(1)} s): dense ${f3(seconds.dense)}, mixture of experts ${f3(seconds.moe)}. `
          : ''}
        The experts' load CV is {s.moeCv.toFixed(2)} and {pct(s.moeDropped, 1)} of assignments were dropped (
        {c.capacity} slots per expert). FLOPs count the router and every expert slot, filled or not; the gather and
        scatter are data movement and are not counted, but their time is in the wall clock.
      </p>
    </>
  );
}
