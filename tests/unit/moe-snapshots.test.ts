/**
 * Snapshot tests of the MoE widgets' chart functions and aria-live sentences, on fixed seeded data, in
 * the style of tests/unit/snapshots.test.ts: each chart renders to SVG at build-time settings and is
 * compared with tests/unit/__snapshots__/charts/moe-*.svg. Regenerate on purpose with `npx vitest run -u`.
 */
import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/lib/params';
import type { ChartContext } from '../../src/lib/plot';
import type { StepPoint } from '../../src/lib/runtime/protocol';
import { renderStatic } from '../../src/lib/static-figure';
import { mulberry32, randNormal } from '../../src/math/random';
import { breakdownChart } from '../../src/widgets/moe-calculator/charts';
import { computeCalculator } from '../../src/widgets/moe-calculator/compute';
import { params as calcParams } from '../../src/widgets/moe-calculator/params';
import { costChart } from '../../src/widgets/moe-dense-sparse/charts';
import { INITIAL_STATE as DS_INITIAL } from '../../src/widgets/moe-dense-sparse/controller';
import type { CostPoint } from '../../src/widgets/moe-dense-sparse/protocol';
import { describeDenseSparse } from '../../src/widgets/moe-dense-sparse/summary';
import * as labCharts from '../../src/widgets/moe-router-lab/charts';
import { INITIAL_STATE as LAB_INITIAL } from '../../src/widgets/moe-router-lab/controller';
import { describeLab } from '../../src/widgets/moe-router-lab/summary';
import * as tokenCharts from '../../src/widgets/moe-routing-tokens/charts';
import { INITIAL_STATE as TOKENS_INITIAL } from '../../src/widgets/moe-routing-tokens/controller';
import { describeTokens } from '../../src/widgets/moe-routing-tokens/summary';
import { mergeRuns } from '../../src/widgets/moe-shared/charts';
import { textOn, EXPERT_COLORS } from '../../src/widgets/moe-shared/palette';

const svg = (make: (ctx: Required<ChartContext>) => Element) => renderStatic(make);
const file = (name: string) => `./__snapshots__/charts/moe-${name}.svg`;

function curve(n: number, every: number, start: number, floor: number, seed: number): StepPoint[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({
    step: i * every,
    value: (floor + (start - floor) * Math.exp(-(i * every) / 150)) * Math.exp(0.1 * randNormal(rng)),
  }));
}

/** A 16 × 16 map split into four quadrants, one expert each, with a notch. */
const quadrants = Array.from({ length: 256 }, (_, i) => {
  const [r, c] = [Math.floor(i / 16), i % 16];
  return r === 3 && c === 3 ? 1 : (r >= 8 ? 2 : 0) + (c >= 8 ? 1 : 0);
});

describe('MoE chart snapshots', () => {
  it('router lab: map, loads and curves', async () => {
    await expect(svg((ctx) => labCharts.labMapChart(quadrants, 16, 4, ctx))).toMatchFileSnapshot(file('lab-map'));
    await expect(
      svg((ctx) => labCharts.labLoadBars([0.3, 0.2, 0.25, 0.25], [0.28, 0.22, 0.25, 0.25], ctx)),
    ).toMatchFileSnapshot(file('lab-loads'));
    const o = { totalSteps: 1000 };
    await expect(
      svg((ctx) => labCharts.labLossChart(curve(100, 10, 0.7, 0.05, 1), curve(41, 25, 0.7, 0.06, 2), { ...ctx, ...o })),
    ).toMatchFileSnapshot(file('lab-loss'));
    await expect(
      svg((ctx) => labCharts.labShareChart(curve(41, 25, 0.2, 0.98, 3), curve(41, 25, 0.1, 0, 4), { ...ctx, ...o })),
    ).toMatchFileSnapshot(file('lab-shares'));
    await expect(svg((ctx) => labCharts.labCvChart(curve(41, 25, 0.6, 0.05, 5), { ...ctx, ...o }))).toMatchFileSnapshot(
      file('lab-cv'),
    );
    await expect(svg((ctx) => labCharts.labCvChart([], { ...ctx, ...o }))).toMatchFileSnapshot(file('lab-cv-empty'));
  });

  it('dense versus sparse: loss against FLOPs and seconds', async () => {
    const points: CostPoint[] = [0, 250, 500, 750, 1000].flatMap((step, i) => [
      {
        model: 'dense' as const,
        step,
        flops: step * 98304,
        seconds: step * 0.0026,
        loss: 0.7 - 0.03 * i,
        accuracy: 0.6,
      },
      { model: 'moe' as const, step, flops: step * 172032, seconds: step * 0.021, loss: 0.7 - 0.08 * i, accuracy: 0.7 },
    ]);
    await expect(svg((ctx) => costChart(points, 'flops', { ...ctx, budget: 98304000 }))).toMatchFileSnapshot(
      file('dvs-flops'),
    );
    await expect(svg((ctx) => costChart(points, 'seconds', ctx))).toMatchFileSnapshot(file('dvs-seconds'));
    await expect(svg((ctx) => costChart([], 'flops', ctx))).toMatchFileSnapshot(file('dvs-empty'));
  });

  it('routing tokens: shares by token and by position, legend; calculator breakdown', async () => {
    const rng = mulberry32(9);
    const shares = (rows: number) =>
      Array.from({ length: rows }, () => {
        const raw = [rng(), rng(), rng(), rng()];
        const s = raw.reduce((a, b) => a + b, 0);
        return raw.map((x) => x / s);
      });
    await expect(svg((ctx) => tokenCharts.byTokenHeatmap(shares(11), 0, ctx))).toMatchFileSnapshot(
      file('tokens-by-token'),
    );
    await expect(svg((ctx) => tokenCharts.byPositionHeatmap(shares(12), 0, 6, ctx))).toMatchFileSnapshot(
      file('tokens-by-position'),
    );
    await expect(svg((ctx) => tokenCharts.shareLegend(ctx))).toMatchFileSnapshot(file('tokens-legend'));
    await expect(
      svg((ctx) => breakdownChart(computeCalculator(defaultValues(calcParams)).counts, ctx)),
    ).toMatchFileSnapshot(file('calculator-breakdown'));
  });

  it('merges runs of equal cells into rectangles; picks the text colour of higher contrast', () => {
    // A 2 × 2 grid, bottom row one expert, top row two.
    expect(mergeRuns([0, 0, 1, 0], 2)).toEqual([
      { x1: -1, x2: 1, y1: -1, y2: 0, expert: 0 },
      { x1: -1, x2: 0, y1: 0, y2: 1, expert: 1 },
      { x1: 0, x2: 1, y1: 0, y2: 1, expert: 0 },
    ]);
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#F0E442')).toBe('#000000');
    // Blue and green of Okabe & Ito take black text: it contrasts more than white.
    expect(textOn(EXPERT_COLORS[2])).toBe('#000000');
  });
});

describe('MoE summary snapshots', () => {
  const runtime = { error: null, backend: 'wasm' as const };
  it('router lab', () => {
    const lab = {
      ...LAB_INITIAL,
      ...runtime,
      progress: { phase: 'done' as const, step: 1000, totalSteps: 1000, stepsPerSecond: 95, busyMs: 1 },
      evaluation: {
        step: 1000,
        loss: 0.05,
        accuracy: 0.9854,
        f: [0.2451, 0.2666, 0.2324, 0.2559],
        P: [0.25, 0.26, 0.23, 0.26],
        cv: 0.0507,
        balance: 1,
        entropy: 0.5936,
        dropped: 0,
        tokensDropped: 0,
        activeExperts: 4,
        purity: 0.98,
      },
      capacity: 80,
    };
    expect(describeLab({ ...LAB_INITIAL, ...runtime })).toBe('Loading the model…');
    expect(describeLab(lab)).toMatchInlineSnapshot(
      `"After 1000 steps: held-out accuracy 99%; expert loads f = 25%, 27%, 23%, 26% (CV 0.05, 4 of 4 experts active); router entropy 0.59 nats (ln 4 = 1.39); 0.0% of assignments dropped with 80 slots per expert."`,
    );
    expect(describeLab({ ...lab, progress: { ...lab.progress, phase: 'running', step: 457 } })).toMatchInlineSnapshot(
      `"Training: step 400 of 1000; held-out accuracy 99%, CV of expert loads 0.05, 0.0% of assignments dropped."`,
    );
    expect(describeLab({ ...lab, error: 'boom' })).toBe('Error: boom');
  });

  it('dense versus sparse', () => {
    const counts = {
      dense: { total: 82, active: 82 },
      moe: { total: 1360, active: 130 },
      denseStepFlops: 98304,
      moeStepFlops: 172032,
      capacity: 20,
    };
    const points: CostPoint[] = [
      { model: 'dense', step: 0, flops: 0, seconds: 0, loss: 0.7, accuracy: 0.5 },
      { model: 'moe', step: 0, flops: 0, seconds: 0, loss: 0.7, accuracy: 0.5 },
      { model: 'dense', step: 100, flops: 9830400, seconds: 0.3, loss: 0.6, accuracy: 0.6 },
      { model: 'moe', step: 100, flops: 17203200, seconds: 2, loss: 0.5, accuracy: 0.7 },
    ];
    const ds = {
      ...DS_INITIAL,
      ...runtime,
      counts,
      points,
      progress: { phase: 'done' as const, step: 100, totalSteps: 100, stepsPerSecond: 40, busyMs: 1 },
    };
    expect(describeDenseSparse(ds)).toMatchInlineSnapshot(
      `"After 100 steps of each: held-out loss dense 0.600, mixture of experts 0.500 (dense 82 parameters; mixture of experts 1360 in total, 130 active per point). At equal training compute (9.8 MFLOPs): dense 0.600, mixture of experts 0.586."`,
    );
  });

  it('routing tokens', () => {
    const rt = {
      ...TOKENS_INITIAL,
      ...runtime,
      progress: { phase: 'done' as const, step: 300, totalSteps: 300, stepsPerSecond: 20, busyMs: 1 },
      accuracy: [{ step: 300, value: 1 }],
      evaluation: {
        step: 300,
        loss: 0.004,
        tokenAccuracy: 1,
        f: [[0.3, 0.25, 0.19, 0.26]],
        cv: [0.15],
        dropped: [0],
        byToken: [],
        byPosition: [],
      },
      probe: {
        tokens: [1, 4, 5, 10, 5, 4],
        expected: [5, 4, 1],
        predictions: [5, 4, 1],
        experts: [[[3], [2], [2], [1], [0], [3]]],
        gates: [],
        probs: [],
      },
    };
    expect(describeTokens(rt)).toMatchInlineSnapshot(
      `"After 300 steps: held-out token accuracy 100%, loss 0.00; layer 1 loads 30%, 25%, 19%, 26% (CV 0.15, 0.0% dropped). Your tokens 1 4 5 | 5 4: layer 1 sends them to experts 4 3 3 2 1 4."`,
    );
  });
});
