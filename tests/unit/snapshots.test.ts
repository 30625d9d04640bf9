/**
 * Snapshot tests of every chart function and every aria-live summary sentence, on fixed seeded data, in
 * the style of Observable Plot's own tests: each chart renders to SVG at build-time settings (linkedom,
 * geometry cut to 0.1 px) and is compared with the file committed in __snapshots__/charts/. A changed
 * chart shows as a diff of that file; regenerate on purpose with `npx vitest run -u`.
 */
import { describe, expect, it } from 'vitest';
import { renderStatic } from '../../src/lib/static-figure';
import type { StepPoint } from '../../src/lib/runtime/protocol';
import type { ChartContext } from '../../src/lib/plot';
import { defaultValues } from '../../src/lib/params';
import { mulberry32, randNormal } from '../../src/math/random';
import { softmax } from '../../src/math/softmax';
import * as playgroundCharts from '../../src/widgets/attention-playground/charts';
import { IDLE_PROGRESS } from '../../src/lib/runtime/sliced-runner';
import { INITIAL_STATE as PLAYGROUND_INITIAL } from '../../src/widgets/attention-playground/controller';
import { describePlayground } from '../../src/widgets/attention-playground/summary';
import * as labCharts from '../../src/widgets/denoiser-lab/charts';
import { INITIAL_STATE as LAB_INITIAL } from '../../src/widgets/denoiser-lab/controller';
import { describeLab, describeSample } from '../../src/widgets/denoiser-lab/summary';
import { INITIAL_RUN_STATE } from '../../src/widgets/digit-diffusion/controller';
import { describeSampling } from '../../src/widgets/digit-diffusion/summary';
import * as forwardCharts from '../../src/widgets/forward-process/charts';
import { computeForward } from '../../src/widgets/forward-process/compute';
import { params as forwardParams } from '../../src/widgets/forward-process/params';
import * as peCharts from '../../src/widgets/positional-encoding/charts';
import { computePositional } from '../../src/widgets/positional-encoding/compute';
import { params as peParams } from '../../src/widgets/positional-encoding/params';
import * as sdpCharts from '../../src/widgets/scaled-dot-product/charts';
import { computeScaledDotProduct } from '../../src/widgets/scaled-dot-product/compute';
import { params as sdpParams } from '../../src/widgets/scaled-dot-product/params';

const svg = (make: (ctx: Required<ChartContext>) => Element) => renderStatic(make);
const file = (name: string) => `./__snapshots__/charts/${name}.svg`;

/** A seeded training curve: exponential decay from `start` towards `floor`, with multiplicative noise. */
function curve(n: number, every: number, start: number, floor: number, seed: number): StepPoint[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const step = i * every;
    return { step, value: (floor + (start - floor) * Math.exp(-step / 150)) * Math.exp(0.1 * randNormal(rng)) };
  });
}

/** Seeded attention-like rows: a causal softmax over random scores, sharpened towards the anti-diagonal. */
function attention(n: number, seed: number): number[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const scores = Array.from({ length: i + 1 }, (_, j) => randNormal(rng) + (j === n - 1 - i ? 3 : 0));
    return [...softmax(scores), ...Array(n - i - 1).fill(0)];
  });
}

describe('chart snapshots: attention playground', () => {
  const loss = curve(200, 5, 2.4, 0.05, 1);
  const evalLoss = curve(41, 25, 2.4, 0.06, 2);
  const accuracy = curve(41, 25, 1, 0.02, 3).map((p) => ({ step: p.step, value: Math.min(1, 1 - p.value) }));
  it('loss chart: a run, one point (before training), and none', async () => {
    await expect(
      svg((ctx) => playgroundCharts.lossChart(loss, evalLoss, { ...ctx, totalSteps: 1000 })),
    ).toMatchFileSnapshot(file('playground-loss'));
    const onePoint = svg((ctx) =>
      playgroundCharts.lossChart([], [{ step: 0, value: 2.76983 }], { ...ctx, totalSteps: 1000 }),
    );
    await expect(onePoint).toMatchFileSnapshot(file('playground-loss-one-point'));
    // The issue this guards against: a lone tick printed in full ("2.76983") and clipped to "76983".
    expect(onePoint).not.toMatch(/>\d*76983</);
    await expect(svg((ctx) => playgroundCharts.lossChart([], [], { ...ctx, totalSteps: 1000 }))).toMatchFileSnapshot(
      file('playground-loss-empty'),
    );
  });
  it('accuracy chart, attention map and legend', async () => {
    await expect(
      svg((ctx) => playgroundCharts.accuracyChart(accuracy, { ...ctx, totalSteps: 1000 })),
    ).toMatchFileSnapshot(file('playground-accuracy'));
    await expect(svg((ctx) => playgroundCharts.accuracyChart([], { ...ctx, totalSteps: 1000 }))).toMatchFileSnapshot(
      file('playground-accuracy-empty'),
    );
    const tokens = ['3', '1', '4', '1', '5', '9', '|', '9', '5', '1', '4', '1'];
    await expect(
      svg((ctx) =>
        playgroundCharts.attentionHeatmap(attention(12, 4), tokens, 'Layer 1, head 1 attention weight', ctx),
      ),
    ).toMatchFileSnapshot(file('playground-attention'));
    await expect(svg((ctx) => playgroundCharts.attentionLegend(ctx))).toMatchFileSnapshot(file('playground-legend'));
  });
});

describe('chart snapshots: denoiser lab', () => {
  const rng = mulberry32(5);
  const data = Array.from({ length: 400 }, () => randNormal(rng));
  const samples = Array.from({ length: 200 }, () => 1.3 * randNormal(rng));
  const grid = Array.from({ length: 18 }, (_, i) => (i % 6) - 2.5);
  const directions = grid.map((g) => -0.5 * g);
  it('samples, field, loss and quality charts', async () => {
    await expect(svg((ctx) => labCharts.samplesChart(data, samples, { ...ctx, label: 'samples' }))).toMatchFileSnapshot(
      file('lab-samples'),
    );
    await expect(
      svg((ctx) => labCharts.fieldChart(data, grid, directions, { ...ctx, label: 'field', spacing: 1 })),
    ).toMatchFileSnapshot(file('lab-field'));
    await expect(
      svg((ctx) => labCharts.lossChart(curve(300, 5, 1, 0.2, 6), { ...ctx, totalSteps: 1500 })),
    ).toMatchFileSnapshot(file('lab-loss'));
    await expect(
      svg((ctx) => labCharts.lossChart([{ step: 1, value: 1.0041 }], { ...ctx, totalSteps: 1500 })),
    ).toMatchFileSnapshot(file('lab-loss-one-point'));
    const checks = curve(7, 250, 0.2, 0.06, 7);
    await expect(
      svg((ctx) =>
        labCharts.qualityChart(checks, [{ step: 1500, value: 0.07 }], {
          ...ctx,
          totalSteps: 1500,
          baseline: 0.22,
          threshold: 0.11,
        }),
      ),
    ).toMatchFileSnapshot(file('lab-quality'));
    await expect(
      svg((ctx) => labCharts.qualityChart([], [], { ...ctx, totalSteps: 1500, baseline: 0.22, threshold: 0.11 })),
    ).toMatchFileSnapshot(file('lab-quality-empty'));
  });
});

describe('chart snapshots: plain-math widgets at their defaults', () => {
  it('scaled dot-product explorer', async () => {
    const p = defaultValues(sdpParams);
    const v = computeScaledDotProduct(p);
    const detail = { query: v.query, mask: v.mask[v.query], topKey: v.topKey };
    await expect(
      svg((ctx) => sdpCharts.scoresHeatmap(v.scores, v.mask, { query: v.query, scaled: p.scale }, ctx)),
    ).toMatchFileSnapshot(file('sdp-scores'));
    await expect(svg((ctx) => sdpCharts.weightsHeatmap(v.weights, v.query, ctx))).toMatchFileSnapshot(
      file('sdp-weights'),
    );
    await expect(
      svg((ctx) => sdpCharts.queryScoresChart(v.queryScores, { ...detail, scaled: p.scale }, ctx)),
    ).toMatchFileSnapshot(file('sdp-query-scores'));
    await expect(
      svg((ctx) => sdpCharts.queryWeightsChart(v.queryWeights, { ...detail, visibleKeys: v.visibleKeys }, ctx)),
    ).toMatchFileSnapshot(file('sdp-query-weights'));
    await expect(
      svg((ctx) => sdpCharts.saturationChart(v.curve, { d: p.d, tokens: p.tokens, scaled: p.scale }, ctx)),
    ).toMatchFileSnapshot(file('sdp-saturation'));
  });
  it('positional encoding viewer', async () => {
    const v = computePositional(defaultValues(peParams));
    await expect(svg((ctx) => peCharts.encodingHeatmap(v.encoding, ctx))).toMatchFileSnapshot(file('pe-encoding'));
    await expect(svg((ctx) => peCharts.similarityHeatmap(v.similarity, 'cosine', ctx))).toMatchFileSnapshot(
      file('pe-similarity'),
    );
    await expect(svg((ctx) => peCharts.probeChart(v.probeRow, v.probe, 'cosine', ctx))).toMatchFileSnapshot(
      file('pe-probe'),
    );
  });
  it('forward process explorer, including an empty drawing', async () => {
    const p = defaultValues(forwardParams);
    const v = computeForward(p);
    const o = { t: v.t, T: v.T, schedule: v.schedule };
    await expect(svg((ctx) => forwardCharts.scatterChart(v.points, { ...ctx, ...o }))).toMatchFileSnapshot(
      file('forward-scatter'),
    );
    await expect(
      svg((ctx) => forwardCharts.scheduleChart(v.curves, v.markers, { ...ctx, ...o, metric: 'logSnr' })),
    ).toMatchFileSnapshot(file('forward-log-snr'));
    const empty = computeForward({ ...p, dataset: 'drawn', points: '' });
    await expect(svg((ctx) => forwardCharts.scatterChart(empty.points, { ...ctx, ...o }))).toMatchFileSnapshot(
      file('forward-scatter-empty'),
    );
  });
});

describe('summary sentences', () => {
  const runtime = { backend: 'wasm' as const, fallbacks: [], error: null, numTensors: 20 };
  it('attention playground: loading, training, done', () => {
    const p = { task: 'reverse' as const };
    expect(describePlayground(p, { ...PLAYGROUND_INITIAL, ...runtime, backend: null })).toMatchInlineSnapshot(
      `"Loading the model…"`,
    );
    const probe = {
      tokens: [3, 1, 4, 10, 4, 1],
      expected: [4, 1, 3],
      predictions: [4, 1, 1],
      generated: [4, 1, 1],
      attention: [],
    };
    const state = {
      ...PLAYGROUND_INITIAL,
      ...runtime,
      probe,
      accuracy: [{ step: 250, value: 0.913 }],
      evalLoss: [{ step: 250, value: 0.2531 }],
    };
    expect(
      describePlayground(p, {
        ...state,
        progress: { ...IDLE_PROGRESS, phase: 'running', step: 257, totalSteps: 1000 },
      }),
    ).toMatchInlineSnapshot(`"Training reverse: step 200 of 1000; held-out token accuracy 91%, loss 0.25."`);
    expect(
      describePlayground(p, {
        ...state,
        stepsTo95: 300,
        progress: { ...IDLE_PROGRESS, phase: 'done', step: 1000, totalSteps: 1000 },
      }),
    ).toMatchInlineSnapshot(
      `"After 1000 steps, held-out token accuracy 91%, loss 0.25. Reached 95% at step 300. For your input the model writes 4 1 1 (2 of 3 right)."`,
    );
    expect(describePlayground(p, { ...state, error: 'out of memory' })).toMatchInlineSnapshot(`"Error: out of memory"`);
  });

  it('denoiser lab: untrained, training, a sample with a class', () => {
    const model = {
      source: { kind: 'untrained' as const, reason: 'x' },
      numClasses: 2,
      numParameters: 11906,
      data: new Float32Array(),
      labels: null,
      baseline: 0.2201,
    };
    expect(describeLab({ ...LAB_INITIAL, ...runtime, model }, 1000, null)).toMatchInlineSnapshot(
      `"This model is untrained: press Train from scratch."`,
    );
    const training = {
      progress: { phase: 'running' as const, step: 433, totalSteps: 1500, stepsPerSecond: 98.2, busyMs: 4400 },
      loss: [{ step: 433, value: 0.2718 }],
      quality: [{ step: 250, value: 0.1542 }],
      threshold: null,
      trainMs: 4400,
    };
    expect(describeLab({ ...LAB_INITIAL, ...runtime, model, training }, 1000, null)).toMatchInlineSnapshot(
      `"Training from scratch: step 400 of 1500, loss 0.27; quick check at step 250: sliced Wasserstein 0.15 (noise baseline 0.22)."`,
    );
    const sample = {
      request: { method: 'ddim' as const, steps: 50, n: 1000, cls: 0, guidance: 2 },
      quality: { sw: 0.0671, baseline: 0.2201, floor: 0.0449, classFraction: 0.974 },
      ms: 239.4,
      atStep: 3000,
    };
    expect(describeSample(sample, 1000, 'class 1')).toMatchInlineSnapshot(
      `"1000 samples with DDIM, 50 steps, in 0.24 s: sliced Wasserstein 0.067 (noise baseline 0.22; fresh data 0.045), beats half the noise baseline. 97% of them lie nearest to class 1's data (guidance w = 2)."`,
    );
  });

  it('digit diffusion: loading, paused, stopped, done', () => {
    const request = { digit: 3, guidance: 2, sampler: 'ddim' as const, steps: 50, seed: 1, n: 16 };
    const base = { ...INITIAL_RUN_STATE, ...runtime, numParameters: 185796, request, totalSteps: 50 };
    const frames = [{ step: 21, t: 580, xt: new Uint8Array(), x0: null }];
    expect(describeSampling({ ...INITIAL_RUN_STATE, ...runtime }, 1000)).toMatchInlineSnapshot(
      `"Loading the pre-trained denoiser…"`,
    );
    expect(describeSampling({ ...base, phase: 'paused', frames }, 1000)).toMatchInlineSnapshot(
      `"Sampling paused at step 21 of 50."`,
    );
    expect(describeSampling({ ...base, phase: 'cancelled', frames }, 1000)).toMatchInlineSnapshot(
      `"Sampling stopped at step 21 of 50."`,
    );
    const result = { request, computeMs: 612, nearest: [], agree: 14 };
    expect(describeSampling({ ...base, phase: 'done', result }, 1000)).toMatchInlineSnapshot(
      `"16 samples of digit 3 with DDIM, 50 steps, guidance 2, in 0.6 s; 14 of 16 look most like a 3 (nearest real digit)."`,
    );
  });

  it('plain-math widgets at their defaults', () => {
    expect(computeScaledDotProduct(defaultValues(sdpParams)).summary).toMatchSnapshot();
    expect(computePositional(defaultValues(peParams)).summary).toMatchSnapshot();
    expect(computeForward(defaultValues(forwardParams)).summary).toMatchSnapshot();
  });
});
