/** The calibration lab's panels: the before/after table, and the diagram with its histogram. */
import { useCallback } from 'preact/hooks';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import type { CalibrationReport, TemperatureStudy } from '../../math/evaluation-calibration';
import { confidenceHistogram, reliabilityChart } from './charts';
import type { CalibrationParams } from './params';

const ROWS: { label: string; value: (r: CalibrationReport) => string }[] = [
  { label: 'Accuracy', value: (r) => pct(r.accuracy, 2) },
  { label: 'Mean confidence', value: (r) => pct(r.meanConfidence, 2) },
  { label: 'ECE, the chosen bins', value: (r) => pct(r.ece, 2) },
  { label: 'ECE, 15 equal-width bins', value: (r) => pct(r.ece15, 2) },
  { label: 'NLL (nats)', value: (r) => r.nll.toFixed(4) },
  { label: 'Brier score', value: (r) => r.brier.toFixed(4) },
];

export function ResultsTable({ study, title }: { study: TemperatureStudy; title: string }) {
  return (
    <table class="calibration-table" data-testid="calibration-table">
      <caption>
        {title} on the {formatCount(study.before.count)} test digits. Temperature fitted on the validation digits: T ={' '}
        {study.temperature.toFixed(3)} (validation NLL {study.validationNll.before.toFixed(4)} →{' '}
        {study.validationNll.after.toFixed(4)}).
      </caption>
      <thead>
        <tr>
          <th scope="col">Test split</th>
          <th scope="col">T = 1 (as trained)</th>
          <th scope="col">T = {study.temperature.toFixed(2)}</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.value(study.before)}</td>
            <td>{row.value(study.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DiagramPanel({ report, values }: { report: CalibrationReport; values: CalibrationParams }) {
  const which = values.scaled ? `after temperature scaling (T = ${report.temperature.toFixed(2)})` : 'as trained';
  const bins = `${values.bins} ${values.binning === 'width' ? 'equal-width' : 'equal-mass'} bins`;
  const drawDiagram = useCallback(
    () => reliabilityChart(report.bins, { label: `Reliability diagram, ${which}, ${bins}` }),
    [report, which, bins],
  );
  const drawHistogram = useCallback(() => confidenceHistogram(report.histogram), [report]);
  const empty = report.bins.filter((b) => b.count === 0).length;
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">
          Test digits {which}, {bins}
          {empty ? ` (${empty} empty)` : ''}
        </p>
        <PlotMount make={drawDiagram} />
      </div>
      <div>
        <p class="chart-label">Where the confidences fall</p>
        <PlotMount make={drawHistogram} />
      </div>
    </div>
  );
}
