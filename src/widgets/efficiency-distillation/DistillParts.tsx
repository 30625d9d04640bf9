/** The distillation lab's result panel: the three models' numbers and their per-class accuracy. */
import { useCallback } from 'preact/hooks';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { perClassChart } from './charts';
import type { DistillResult, ScoredModel, StudentResult } from './protocol';

function Row({
  name,
  m,
  params,
  held,
}: {
  name: string;
  m: ScoredModel;
  params: number;
  held?: StudentResult['heldOut'];
}) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{formatCount(params)}</td>
      <td>{pct(m.accuracy, 2)}</td>
      <td>{m.ece.toFixed(3)}</td>
      <td>{m.nll.toFixed(3)}</td>
      {held !== undefined && (
        <td>{held ? `${pct(held.raw, 1)} → ${pct(held.corrected, 1)} (δ = ${held.delta})` : '—'}</td>
      )}
    </tr>
  );
}

export function DistillPanel({ id, result: r }: { id: string; result: DistillResult }) {
  const q = r.request;
  const draw = useCallback(
    () =>
      perClassChart(
        { teacher: r.teacher.perClass, hard: r.hard.perClass, soft: r.soft.perClass },
        { holdOut: q.holdOut },
      ),
    [r],
  );
  const held = q.holdOut >= 0;
  return (
    <div class="distill-panel" role="group" aria-labelledby={`${id}-result-heading`}>
      <p id={`${id}-result-heading`} class="zoo-heading">
        Two students 784 → {q.hidden} → 10, the same seed, {formatCount(r.transferCount)} transfer digits
        {held && ` (no ${q.holdOut}s)`}, {q.steps} steps; distilled at T = {q.temperature}, λ = {q.alpha}
      </p>
      <table class="distill-table">
        <caption>Scored on the {formatCount(r.count)} test digits (ECE: 15 bins)</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Parameters</th>
            <th scope="col">Test accuracy</th>
            <th scope="col">ECE</th>
            <th scope="col">NLL (nats)</th>
            {held && <th scope="col">Class {q.holdOut}: as trained → bias corrected</th>}
          </tr>
        </thead>
        <tbody>
          <Row name="Teacher (shipped CNN)" m={r.teacher} params={r.teacherParameters} {...(held && { held: null })} />
          <Row
            name="Student, hard labels (λ = 0)"
            m={r.hard}
            params={r.studentParameters}
            {...(held && { held: r.hard.heldOut })}
          />
          <Row
            name="Student, soft targets"
            m={r.soft}
            params={r.studentParameters}
            {...(held && { held: r.soft.heldOut })}
          />
        </tbody>
      </table>
      <div class="chart-row">
        <div>
          <p class="chart-label">Test accuracy per digit class</p>
          <PlotMount make={draw} />
        </div>
      </div>
    </div>
  );
}
