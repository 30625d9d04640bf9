/** The metrics lab's panels: the curves, the metrics with their intervals, and the slices. */
import { useCallback } from 'preact/hooks';
import { formatCount, formatPercent } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import type { Interval } from '../../math/evaluation-binary';
import { prChart, rocChart } from './charts';
import type { MetricsParams } from './params';
import type { MetricsStudy } from './report';

const pct = (x: number) => (Number.isFinite(x) ? formatPercent(x, 1) : '—');
const ci = (i: Interval) => (Number.isFinite(i.lo) ? `${pct(i.lo)} – ${pct(i.hi)}` : '—');
const area = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '—');
const areaCi = (i: Interval) => (Number.isFinite(i.lo) ? `${area(i.lo)} – ${area(i.hi)}` : '—');

export function CurvesPanel({ study, values }: { study: MetricsStudy; values: MetricsParams }) {
  const at = study.metrics;
  const drawRoc = useCallback(() => rocChart(study.curve, study.auroc, { at }), [study, at]);
  const drawPr = useCallback(() => prChart(study.curve, study.ap, study.positives / study.count, { at }), [study, at]);
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">
          ROC curve: area {area(study.auroc)}; the dot is threshold {values.threshold.toFixed(2)}
        </p>
        <PlotMount make={drawRoc} />
      </div>
      <div>
        <p class="chart-label">
          Precision–recall: average precision {area(study.ap)}; dashed: prevalence {pct(study.positives / study.count)}
        </p>
        <PlotMount make={drawPr} />
      </div>
    </div>
  );
}

export function MetricsTable({ study }: { study: MetricsStudy }) {
  const m = study.metrics;
  const i = study.intervals;
  const rows: [string, string, string, string][] = [
    ['Accuracy', pct(m.accuracy), ci(i.accuracy), 'Wilson'],
    ['Balanced accuracy', pct(m.balancedAccuracy), ci(i.balancedAccuracy), 'bootstrap'],
    ['Precision', pct(m.precision), ci(i.precision), 'Wilson'],
    ['Recall', pct(m.recall), ci(i.recall), 'Wilson'],
    ['F1', pct(m.f1), ci(i.f1), 'bootstrap'],
    ['AUROC', area(study.auroc), areaCi(i.auroc), 'bootstrap'],
    ['Average precision (PR area)', area(study.ap), areaCi(i.ap), 'bootstrap'],
  ];
  return (
    <table class="metrics-table" data-testid="metrics-table">
      <caption>
        {formatCount(study.count)} test digits, {formatCount(study.positives)} of them {study.digit}s: TP {m.tp}, FP{' '}
        {m.fp}, TN {m.tn}, FN {m.fn}. Intervals are 95%.
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Value</th>
          <th scope="col">95% interval</th>
          <th scope="col">Interval</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, v, c, how]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{v}</td>
            <td>{c}</td>
            <td>{how}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SlicesTable({ study }: { study: MetricsStudy }) {
  return (
    <table class="metrics-table" data-testid="slices-table">
      <caption>
        Slices by ink: each test digit ranked by its total ink among the digits of its own class, in thirds.
      </caption>
      <thead>
        <tr>
          <th scope="col">Slice</th>
          <th scope="col">Positives</th>
          <th scope="col">Recall (95%)</th>
          <th scope="col">False-positive rate (95%)</th>
        </tr>
      </thead>
      <tbody>
        {study.slices.map((s) => (
          <tr key={s.name}>
            <th scope="row">{s.name}</th>
            <td>{formatCount(s.metrics.tp + s.metrics.fn)}</td>
            <td>
              {pct(s.metrics.recall)} ({ci(s.recall)})
            </td>
            <td>
              {pct(s.metrics.fpr)} ({ci(s.fpr)})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NegativesTable({ study }: { study: MetricsStudy }) {
  return (
    <table class="metrics-table" data-testid="negatives-table">
      <caption>False alarms by the negative’s digit</caption>
      <thead>
        <tr>
          <th scope="col">Digit</th>
          {study.negatives.map((d) => (
            <th scope="col" key={d.digit}>
              {d.digit}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Called {study.digit}</th>
          {study.negatives.map((d) => (
            <td key={d.digit}>
              {d.fp}/{d.n}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
