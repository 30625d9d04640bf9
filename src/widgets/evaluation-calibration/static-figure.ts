/**
 * The calibration lab's figure without JavaScript, from the committed seeded runs (static-run.json,
 * written by scripts/evaluation-calibration.ts, and public/data/evaluation/calibration-trained.json, by
 * scripts/evaluation-calibration-trained.ts, with the lab's code): the starting model's reliability
 * diagram on the test split (15 equal-width bins, before or after temperature scaling as the start asks;
 * for a model trained here, the committed run of the nearest number of epochs; after a matrix, the
 * committed fit on the nearest number of fitting digits), every zoo model's test ECE, NLL and Brier before
 * and after, the start model's temperature against matrix scaling for 20 … 1,000 fitting digits, and the
 * MLP trained here for each committed number of epochs.
 * Build time only.
 */
import { formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import type { CalibrationRun } from '../../ml/evaluation-calibration';
import { reliabilityChart } from './charts';
import type { CalibrationParams } from './params';
import run from './static-run.json';
import { trainedRun } from './trained-run';

export const STATIC_RUN = run as CalibrationRun;

/** The committed calibration of the starting model (a trained one: the run of the nearest epochs). */
function startModel(start: CalibrationParams) {
  if (start.source === 'trained' && trainedRun().runs.length) {
    const near = trainedRun().runs.reduce((a, b) =>
      Math.abs(b.epochs - start.epochs) < Math.abs(a.epochs - start.epochs) ? b : a,
    );
    return { ...near.calibration, title: `MLP trained for ${near.epochs} epochs` };
  }
  return STATIC_RUN.models.find((x) => x.name === start.model) ?? STATIC_RUN.models[0];
}

/** The zoo model whose temperature-against-matrix sweep is tabled (a trained start: the model param's). */
const sweepModel = (start: CalibrationParams) =>
  STATIC_RUN.models.find((x) => x.name === start.model) ?? STATIC_RUN.models[0];

/** The sweep's row nearest to the start's fitting digits. */
const nearestRow = (start: CalibrationParams) =>
  sweepModel(start).sweep.reduce((a, b) => (Math.abs(b.fit - start.fit) < Math.abs(a.fit - start.fit) ? b : a));

/** The start's diagram: as trained, after its temperature, or (a shipped model) after the nearest sweep's matrix. */
function startReport(start: CalibrationParams) {
  const m = startModel(start);
  if (!start.scaled) return { m, r: m.before, which: 'as trained' };
  if (start.map === 'matrix' && start.source !== 'trained') {
    const row = nearestRow(start);
    return { m, r: row.matrixTest, which: `after matrix scaling fitted on ${row.fit} validation digits` };
  }
  return { m, r: m.after, which: `after temperature scaling (T = ${m.temperature.toFixed(2)})` };
}

export function staticFigure(start: CalibrationParams): string {
  const { m, r, which } = startReport(start);
  const o = STATIC_RUN.options;
  const chart = renderStatic((ctx) =>
    reliabilityChart(r.bins, {
      ...ctx,
      label: `Reliability diagram of the ${m.title}, ${which}, ${o.bins} equal-width bins`,
    }),
  );
  return html`<p>
      Measured by the lab’s seeded script: the ${m.title} on the ${STATIC_RUN.testCount} test digits ${which}, with
      ${o.bins} equal-width bins and ${o.resamples} bootstrap draws (seed ${o.seed}) for the bands. Accuracy
      ${pct(r.accuracy, 2)}, mean confidence ${pct(r.meanConfidence, 2)}, ECE ${pct(r.ece, 2)}.
    </p>
    <div class="chart">${raw(chart)}</div>
    <table>
      <caption>
        Temperature fitted on the ${STATIC_RUN.validationCount} validation digits; test split before → after
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">T</th>
          <th scope="col">Accuracy</th>
          <th scope="col">ECE (15 bins)</th>
          <th scope="col">NLL</th>
          <th scope="col">Brier</th>
        </tr>
      </thead>
      <tbody>
        ${STATIC_RUN.models.map(
          (x) =>
            html`<tr>
              <td>${x.title}</td>
              <td>${x.temperature.toFixed(2)}</td>
              <td>${pct(x.accuracy, 2)}</td>
              <td>${pct(x.before.ece15, 2)} → ${pct(x.after.ece15, 2)}</td>
              <td>${x.before.nll.toFixed(3)} → ${x.after.nll.toFixed(3)}</td>
              <td>${x.before.brier.toFixed(3)} → ${x.after.brier.toFixed(3)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${sweepTable(start)} ${trainedTable()}`.value;
}

function sweepTable(start: CalibrationParams) {
  const m = sweepModel(start);
  const pair = (t: number, x: number, f: (v: number) => string) => `${f(t)} | ${f(x)}`;
  const p2 = (v: number) => pct(v, 2);
  const n4 = (v: number) => v.toFixed(3);
  return html`<table>
    <caption>
      The ${m.title}: temperature | matrix (110 parameters) fitted on the first N validation digits, then the
      ${STATIC_RUN.testCount} test digits (as trained: accuracy ${pct(m.accuracy, 2)}, ECE ${pct(m.before.ece15, 2)},
      NLL ${m.before.nll.toFixed(3)})
    </caption>
    <thead>
      <tr>
        <th scope="col">Fitting digits</th>
        <th scope="col">T</th>
        <th scope="col">Fitting NLL</th>
        <th scope="col">Test accuracy</th>
        <th scope="col">Test ECE (15 bins)</th>
        <th scope="col">Test NLL</th>
      </tr>
    </thead>
    <tbody>
      ${m.sweep.map(
        (x) =>
          html`<tr>
            <td>${x.fit}</td>
            <td>${x.temperature.toFixed(2)}</td>
            <td>${pair(x.fitNll.temperature, x.fitNll.matrix, n4)}</td>
            <td>${pair(x.temperatureTest.accuracy, x.matrixTest.accuracy, p2)}</td>
            <td>${pair(x.temperatureTest.ece15, x.matrixTest.ece15, p2)}</td>
            <td>${pair(x.temperatureTest.nll, x.matrixTest.nll, n4)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function trainedTable() {
  if (!trainedRun().runs.length) return '';
  return html`<table>
    <caption>
      The zoo’s MLP recipe trained for more and more epochs (seed 1, ${trainedRun().backend}); test split at T = 1, 15
      equal-width bins
    </caption>
    <thead>
      <tr>
        <th scope="col">Epochs</th>
        <th scope="col">Training time</th>
        <th scope="col">Accuracy</th>
        <th scope="col">Mean confidence</th>
        <th scope="col">ECE</th>
        <th scope="col">NLL</th>
        <th scope="col">Fitted T</th>
      </tr>
    </thead>
    <tbody>
      ${trainedRun().runs.map(
        (x) =>
          html`<tr>
            <td>${x.epochs}</td>
            <td>${(x.trainMs / 1000).toFixed(1)} s</td>
            <td>${pct(x.calibration.accuracy, 2)}</td>
            <td>${pct(x.calibration.before.meanConfidence, 2)}</td>
            <td>${pct(x.calibration.before.ece15, 2)}</td>
            <td>${x.calibration.before.nll.toFixed(3)}</td>
            <td>${x.calibration.temperature.toFixed(2)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
