/**
 * Snapshots of the calibration lab's charts and aria-live sentences on the committed seeded run
 * (static-run.json), and its static figure for two starting states. Regenerate on purpose with
 * `npx vitest run -u tests/unit/evaluation-snapshots.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/lib/params';
import { renderStatic } from '../../src/lib/static-figure';
import { confidenceHistogram, reliabilityChart } from '../../src/widgets/evaluation-calibration/charts';
import { params } from '../../src/widgets/evaluation-calibration/params';
import { staticFigure, STATIC_RUN } from '../../src/widgets/evaluation-calibration/static-figure';
import { describeCalibration } from '../../src/widgets/evaluation-calibration/summary';
import { trainedRun } from '../../src/widgets/evaluation-calibration/trained-run';
import { formatPercent } from '../../src/lib/format';

const file = (name: string) => `./__snapshots__/charts/${name}.svg`;
const robust = STATIC_RUN.models.find((m) => m.name === 'robust-cnn')!;

describe('calibration lab charts', () => {
  it('reliability diagram before and after temperature scaling, and the confidence histogram', async () => {
    const before = renderStatic((ctx) => reliabilityChart(robust.before.bins, ctx));
    expect(before).toMatch(/role="img"/);
    expect(before).toMatch(/95% bootstrap band/);
    await expect(before).toMatchFileSnapshot(file('evaluation-reliability-before'));
    await expect(renderStatic((ctx) => reliabilityChart(robust.after.bins, ctx))).toMatchFileSnapshot(
      file('evaluation-reliability-after'),
    );
    await expect(renderStatic((ctx) => confidenceHistogram(robust.before.histogram, ctx))).toMatchFileSnapshot(
      file('evaluation-confidence-histogram'),
    );
  });
});

describe('calibration lab sentences and static figure', () => {
  it('states the result in numbers', () => {
    const v = defaultValues(params);
    expect(describeCalibration(v, robust, { error: null, loading: false })).toBe(
      'Adversarially trained CNN on 2,000 test digits: accuracy 96.55%, mean confidence 91.95%, ECE 4.62% (15 equal-width bins), NLL 0.147, Brier 0.059. Fitted on 1,000 validation digits: temperature scaling ECE 4.62% → 1.00%; matrix scaling ECE 4.53%, accuracy 94.15%, NLL 0.543.',
    );
    expect(describeCalibration({ ...v, scaled: true, map: 'matrix' }, robust, { error: null, loading: false })).toMatch(
      /^Adversarially trained CNN on 2,000 test digits, after matrix scaling: accuracy 94\.15%, mean confidence [\d.]+%, ECE 4\.53%/,
    );
    expect(describeCalibration({ ...v, scaled: true }, robust, { error: null, loading: false })).toMatch(
      /^Adversarially trained CNN on 2,000 test digits, temperature 0\.68: accuracy 96\.55%/,
    );
    expect(describeCalibration(v, null, { error: 'the weights failed their check', loading: false })).toBe(
      'Error: the weights failed their check',
    );
  });

  it('the static figure names the model, the binning and every model’s before → after', () => {
    const fig = staticFigure(defaultValues(params));
    expect(fig).toContain('Adversarially trained CNN');
    expect(fig).toContain('4.62% → 1.00%');
    expect(fig).toContain('0.80% → 2.99%');
    const scaled = staticFigure({ ...defaultValues(params), model: 'cnn', scaled: true });
    expect(scaled).toContain('after temperature scaling (T = 0.91)');
  });

  it('the static figure tables temperature against matrix for each fitting size, and draws the nearest matrix', () => {
    const fig = staticFigure(defaultValues(params));
    expect(fig).toContain('temperature | matrix (110 parameters) fitted on the first N validation digits');
    for (const x of robust.sweep) expect(fig).toContain(`<td>${x.fit}</td>`);
    const row200 = robust.sweep.find((x) => x.fit === 200)!;
    expect(fig).toContain(
      `<td>${formatPercent(row200.temperatureTest.accuracy, 2)} | ${formatPercent(row200.matrixTest.accuracy, 2)}</td>`,
    );
    const matrix = staticFigure({ ...defaultValues(params), scaled: true, map: 'matrix', fit: 210 });
    expect(matrix).toContain('after matrix scaling fitted on 200 validation digits');
    expect(matrix).toContain(`ECE ${formatPercent(row200.matrixTest.ece, 2)}`);
  });

  it('the static figure of a model trained here: the committed run of those epochs, and every run’s row', () => {
    const last = trainedRun().runs.at(-1)!;
    const fig = staticFigure({ ...defaultValues(params), source: 'trained', epochs: last.epochs });
    expect(fig).toContain(`Reliability diagram of the MLP trained for ${last.epochs} epochs, as trained`);
    expect(fig).toContain(`ECE ${formatPercent(last.calibration.before.ece, 2)}`);
    for (const r of trainedRun().runs) expect(fig).toContain(`<td>${r.epochs}</td>`);
    // The zoo's default start shows the trained runs' table too (the figure without JavaScript).
    expect(staticFigure(defaultValues(params))).toContain('trained for more and more epochs');
  });
});
