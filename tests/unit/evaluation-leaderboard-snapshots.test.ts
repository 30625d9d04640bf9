/**
 * Snapshots of the leaderboard and metrics labs' charts and aria-live sentences on their committed
 * seeded runs (static-run.json), and their static figures at two starting states each. Regenerate on
 * purpose with `npx vitest run -u tests/unit/evaluation-leaderboard-snapshots.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/lib/params';
import { renderStatic } from '../../src/lib/static-figure';
import { leaderboardChart, logSample } from '../../src/widgets/evaluation-leaderboard/charts';
import { params as lbParams } from '../../src/widgets/evaluation-leaderboard/params';
import { STATIC_RUN as LB_RUN } from '../../src/widgets/evaluation-leaderboard/static-data';
import { staticFigure as lbFigure } from '../../src/widgets/evaluation-leaderboard/static-figure';
import { describeLeaderboard } from '../../src/widgets/evaluation-leaderboard/summary';
import { prChart, rocChart } from '../../src/widgets/evaluation-metrics/charts';
import { params as metParams } from '../../src/widgets/evaluation-metrics/params';
import { staticFigure as metFigure, STATIC_RUN as MET_RUN } from '../../src/widgets/evaluation-metrics/static-figure';
import { describeMetrics } from '../../src/widgets/evaluation-metrics/summary';

const file = (name: string) => `./__snapshots__/charts/${name}.svg`;
const softmax = LB_RUN.models.find((m) => m.name === 'softmax')!;
const cnn = MET_RUN.models.find((m) => m.name === 'cnn')!;

describe('leaderboard lab', () => {
  it('chart of the kept variant on the reused and fresh sets', async () => {
    const svg = renderStatic((ctx) =>
      leaderboardChart(softmax.start.points, { ...ctx, base: softmax.start.base.fresh }),
    );
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/fresh test set/);
    await expect(svg).toMatchFileSnapshot(file('evaluation-leaderboard'));
  });

  it('samples the curve on a log scale, keeping the last point', () => {
    const points = Array.from({ length: 1000 }, (_, i) => ({ k: i + 1 }));
    const s = logSample(points);
    expect(s.slice(0, 20).map((p) => p.k)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(s.at(-1)!.k).toBe(1000);
    expect(s.length).toBeLessThan(120);
  });

  it('states the result in numbers, and the static figure follows the start', () => {
    expect(describeLeaderboard(defaultValues(lbParams), softmax.start, { error: null })).toBe(
      'Softmax regression, 1,000 submissions to a reused test set of 200 digits: reported 94.0%, fresh test set (1,800 digits) 90.0%, gap +4.0 points; the model as trained scores 90.8% on the fresh set.',
    );
    expect(lbFigure(defaultValues(lbParams))).toMatch(/Softmax regression, 1,000 climbing submissions/);
    expect(lbFigure({ ...defaultValues(lbParams), model: 'cnn' })).toMatch(/the CNN, 1,000 climbing submissions/);
  });
});

describe('metrics lab', () => {
  it('ROC and precision–recall charts with the operating point', async () => {
    const s = cnn.study;
    const roc = renderStatic((ctx) => rocChart(s.curve, s.auroc, { ...ctx, at: s.metrics }));
    expect(roc).toMatch(/role="img"/);
    await expect(roc).toMatchFileSnapshot(file('evaluation-metrics-roc'));
    await expect(
      renderStatic((ctx) => prChart(s.curve, s.ap, s.positives / s.count, { ...ctx, at: s.metrics })),
    ).toMatchFileSnapshot(file('evaluation-metrics-pr'));
  });

  it('states the result in numbers, and the static figure follows the start', () => {
    expect(describeMetrics(defaultValues(metParams), cnn.study, { error: null })).toBe(
      'CNN as a detector of 1s on 2,000 test digits (200 positive) at threshold 0.50: accuracy 99.7%, balanced accuracy 98.5%, precision 100.0%, recall 97.0%, F1 98.5%; AUROC 1.000, average precision 0.999. Lowest recall: the thickest third by ink, 92.4%.',
    );
    expect(metFigure(defaultValues(metParams))).toMatch(/the CNN as a detector of 1s/);
    expect(metFigure({ ...defaultValues(metParams), model: 'softmax' })).toMatch(/Softmax regression as a detector/);
  });
});
