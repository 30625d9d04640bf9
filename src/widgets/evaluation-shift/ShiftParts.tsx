/** The shift lab's panels: the results table, the two charts, the strip of shifted images, one input. */
import { useCallback } from 'preact/hooks';
import { formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { describeCorruption } from '../../math/evaluation-shift';
import { DigitImage } from '../zoo-shared/DigitImage';
import { probabilityChart } from '../zoo-shared/charts';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { rocChart, severityChart } from './charts';
import type { ShiftClassification, ShiftStudy } from './protocol';

const num = (x: number, f: (x: number) => string) => (Number.isFinite(x) ? f(x) : 'no labels');

export function ShiftTable({ study }: { study: ShiftStudy }) {
  const { point: p, clean: c, request: r } = study;
  return (
    <table class="shift-table" data-testid="shift-table">
      <caption>
        {ZOO_MODEL_LABELS[r.model]}: the {formatCount(2000)} clean test digits against {formatCount(p.count)}{' '}
        {r.corruption === 'uniform' ? '' : 'test digits '}
        {describeCorruption(r.corruption, r.severity)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">Clean</th>
          <th scope="col">Shifted</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Accuracy</th>
          <td>{pct(c.accuracy, 1)}</td>
          <td>{num(p.accuracy, (x) => pct(x, 1))}</td>
        </tr>
        <tr>
          <th scope="row">Mean confidence</th>
          <td>{pct(c.meanConfidence, 1)}</td>
          <td>{pct(p.meanConfidence, 1)}</td>
        </tr>
        <tr>
          <th scope="row">ECE (15 bins)</th>
          <td>{pct(c.ece, 1)}</td>
          <td>{num(p.ece, (x) => pct(x, 1))}</td>
        </tr>
        <tr>
          <th scope="row">AUROC, max softmax</th>
          <td>—</td>
          <td>{p.aurocMaxSoftmax.toFixed(3)}</td>
        </tr>
        <tr>
          <th scope="row">AUROC, energy</th>
          <td>—</td>
          <td>{p.aurocEnergy.toFixed(3)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function ShiftCharts({ study }: { study: ShiftStudy }) {
  const { request: r } = study;
  const drawCurve = useCallback(
    () =>
      severityChart(study.curve, {
        severity: r.severity,
        label: `${ZOO_MODEL_LABELS[r.model]}: accuracy, mean confidence and ECE against the severity of ${r.corruption}`,
      }),
    [study],
  );
  const drawRoc = useCallback(
    () =>
      rocChart(study.roc, {
        label: `ROC curves, clean test digits against inputs ${describeCorruption(r.corruption, r.severity)}: AUROC ${study.point.aurocMaxSoftmax.toFixed(3)} by max softmax, ${study.point.aurocEnergy.toFixed(3)} by energy`,
      }),
    [study],
  );
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">Against severity (the band marks {r.severity.toFixed(2)}; dashes: chance accuracy)</p>
        <PlotMount make={drawCurve} />
      </div>
      <div>
        <p class="chart-label">Detecting the shifted inputs at severity {r.severity.toFixed(2)}</p>
        <PlotMount make={drawRoc} />
      </div>
    </div>
  );
}

export function SampleStrip({ study }: { study: ShiftStudy }) {
  const { request: r } = study;
  return (
    <figure class="shift-samples">
      <div class="shift-strip">
        {study.samples.map((s, i) => (
          <DigitImage
            key={i}
            size={56}
            pixels={Float32Array.from(s.pixels, (v) => v / 255)}
            label={
              r.corruption === 'uniform'
                ? `uniform noise image ${i + 1}`
                : `test digit ${s.label}, ${describeCorruption(r.corruption, r.severity)}`
            }
          />
        ))}
      </div>
      <figcaption>The first {study.samples.length} inputs the model scored, as it received them.</figcaption>
    </figure>
  );
}

/** Where one input's confidence falls among the clean test digits', and what a 95%-keeping threshold does. */
export function InputVerdict({ result }: { result: ShiftClassification }) {
  const p = result.probabilities;
  const best = p.indexOf(Math.max(...p));
  const kept = result.mspPercentile >= 0.05;
  const drawProbs = useCallback(() => probabilityChart(p, { label: result.label }), [result]);
  return (
    <div class="shift-verdict">
      <PlotMount make={drawProbs} />
      <p data-testid="shift-verdict">
        The model answers <strong>{best}</strong> with {pct(result.msp, 1)} confidence (energy score{' '}
        {result.energy.toFixed(2)}): more confident than {pct(result.mspPercentile, 0)} of the clean test digits. A
        max-softmax detector set to keep 95% of clean digits would{' '}
        <strong>{kept ? 'accept it as a digit' : 'reject it as out of distribution'}</strong>.
      </p>
    </div>
  );
}
