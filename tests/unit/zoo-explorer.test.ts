/**
 * Snapshots of the zoo's chart functions (shared and the explorer's) and of the explorer's aria-live
 * sentences, on fixed data (the committed manifests' numbers and a seeded run), in the style of
 * tests/unit/snapshots.test.ts; and the explorer's static figure from the catalog. Regenerate on
 * purpose with `npx vitest run -u tests/unit/zoo-explorer.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { ChartContext } from '../../src/lib/plot';
import { renderStatic } from '../../src/lib/static-figure';
import { mulberry32, randNormal } from '../../src/math/random';
import * as charts from '../../src/widgets/zoo-explorer/charts';
import { INITIAL_STATE } from '../../src/widgets/zoo-explorer/controller';
import { staticFigure } from '../../src/widgets/zoo-explorer/static-figure';
import { describeExplorer, describeTraining } from '../../src/widgets/zoo-explorer/summary';
import { readZooCatalog } from '../../src/widgets/zoo-shared/catalog-files';
import type { EvaluationResult } from '../../src/widgets/zoo-shared/protocol';
import { digitInputParams } from '../../src/widgets/zoo-shared/digit-input';
import { params } from '../../src/widgets/zoo-explorer/params';
import { defaultValues } from '../../src/lib/params';

const svg = (make: (ctx: Required<ChartContext>) => Element) => renderStatic(make);
const file = (name: string) => `./__snapshots__/charts/${name}.svg`;
const catalog = readZooCatalog();
const cnn = catalog.models.find((m) => m.name === 'cnn')!;

/** A confusion matrix with the CNN's recorded per-class accuracy, its mistakes spread by a seeded stream. */
function confusion(): number[][] {
  const rng = mulberry32(9);
  return cnn.test.perClass.map((a, t) => {
    const row = new Array(10).fill(0);
    row[t] = Math.round(200 * a);
    for (let miss = 200 - row[t]; miss > 0; miss--) {
      let p = Math.floor(rng() * 9);
      if (p >= t) p++;
      row[p]++;
    }
    return row;
  });
}

function curve(n: number, every: number, start: number, floor: number, seed: number) {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const step = i * every;
    return { step, value: (floor + (start - floor) * Math.exp(-step / 60)) * Math.exp(0.1 * randNormal(rng)) };
  });
}

describe('zoo chart snapshots', () => {
  it('confusion matrix, accuracy per class (with and without the manifest), class probabilities', async () => {
    await expect(svg((ctx) => charts.confusionChart(confusion(), ctx))).toMatchFileSnapshot(file('zoo-confusion'));
    await expect(
      svg((ctx) =>
        charts.perClassChart(cnn.test.perClass, { ...ctx, reference: cnn.test.perClass, referenceLabel: 'manifest' }),
      ),
    ).toMatchFileSnapshot(file('zoo-per-class'));
    const softmax = catalog.models.find((m) => m.name === 'softmax')!;
    const perClass = svg((ctx) => charts.perClassChart(softmax.test.perClass, ctx));
    await expect(perClass).toMatchFileSnapshot(file('zoo-per-class-plain'));
    // The axis starts below the weakest class (85.5%), in percent.
    expect(perClass).toMatch(/>80</);
    const p = [0.001, 0.002, 0.01, 0.9, 0.003, 0.05, 0.001, 0.02, 0.01, 0.003];
    await expect(svg((ctx) => charts.probabilityChart(p, { ...ctx, label: 5 }))).toMatchFileSnapshot(
      file('zoo-probabilities'),
    );
  });

  it('training loss and accuracy, a run and before training', async () => {
    const loss = curve(100, 2, 2.3, 0.2, 1);
    const heldOut = curve(11, 20, 2.3, 0.25, 2);
    const acc = curve(100, 2, 0.9, 0.05, 3).map((q) => ({ step: q.step, value: Math.min(1, 1 - q.value) }));
    const heldAcc = curve(11, 20, 0.9, 0.06, 4).map((q) => ({ step: q.step, value: Math.min(1, 1 - q.value) }));
    await expect(
      svg((ctx) => charts.trainingLossChart(loss, heldOut, { ...ctx, totalSteps: 200 })),
    ).toMatchFileSnapshot(file('zoo-train-loss'));
    await expect(
      svg((ctx) => charts.trainingAccuracyChart(acc, heldAcc, { ...ctx, totalSteps: 200, target: 0.9805 })),
    ).toMatchFileSnapshot(file('zoo-train-accuracy'));
    await expect(
      svg((ctx) => charts.trainingLossChart([], [{ step: 0, value: 2.3026 }], { ...ctx, totalSteps: 200 })),
    ).toMatchFileSnapshot(file('zoo-train-loss-one-point'));
  });
});

describe('explorer summaries', () => {
  const runtime = { backend: 'wasm' as const, error: null };
  const values = defaultValues(params);
  const result = (over: Partial<EvaluationResult> = {}): EvaluationResult =>
    ({
      request: { model: 'cnn', split: 'test' },
      count: 2000,
      correct: 1961,
      accuracy: 0.9805,
      computeMs: 611,
      wallMs: 1400,
      manifest: { accuracy: 0.9805, correct: 1961, count: 2000 },
      ...over,
    }) as EvaluationResult;
  const answered = {
    ...INITIAL_STATE,
    classified: {
      run: 1,
      pending: false,
      model: 'cnn' as const,
      result: {
        model: 'cnn' as const,
        digit: 'test' as const,
        index: 3,
        pixels: new Float32Array(784),
        label: 3,
        probabilities: [0, 0, 0, 0.999, 0, 0, 0, 0, 0.001, 0],
      },
    },
  };

  it('say what loads, what was measured, and what the model answers', () => {
    expect(describeExplorer(values, { ...INITIAL_STATE, ...runtime }, false)).toBe('Loading the model…');
    expect(describeExplorer(values, { ...answered, ...runtime }, false)).toMatchInlineSnapshot(
      `"Test digit (a 3): CNN says 3 (99.9%)."`,
    );
    const evaluated = {
      ...answered,
      evaluation: {
        ...answered.evaluation,
        run: 2,
        phase: 'done' as const,
        request: result().request,
        result: result(),
      },
    };
    expect(describeExplorer(values, { ...evaluated, ...runtime }, false)).toMatchInlineSnapshot(
      `"CNN on the 2,000 test digits: 98.05% (1,961 right, as recorded), scored in 611 ms. Test digit (a 3): CNN says 3 (99.9%)."`,
    );
    const off = {
      ...evaluated,
      evaluation: { ...evaluated.evaluation, result: result({ correct: 1960, accuracy: 0.98 }) },
    };
    expect(describeExplorer(values, { ...off, ...runtime }, true)).toMatchInlineSnapshot(
      `"CNN on the 2,000 test digits: 98.00% (1,960 right; the manifest records 98.05%), scored in 611 ms. Draw a digit to see the model’s answer."`,
    );
    const running = {
      ...answered,
      evaluation: {
        ...answered.evaluation,
        run: 3,
        phase: 'running' as const,
        request: { model: 'mlp' as const, split: 'test' as const },
        done: 1400,
        total: 2000,
      },
    };
    expect(describeExplorer(values, { ...running, ...runtime }, false)).toMatch(
      /^Scoring MLP: 1,000 of 2,000 test digits\./,
    );
    expect(describeExplorer(values, { ...answered, backend: 'wasm', error: 'kaput' }, false)).toBe('Error: kaput');
  });

  it('say where training is', () => {
    const t = {
      ...INITIAL_STATE.training,
      phase: 'running' as const,
      request: { model: 'cnn' as const, from: 'scratch' as const, steps: 200, seed: 1 },
      progress: { phase: 'running' as const, step: 137, totalSteps: 200, stepsPerSecond: 9.3, busyMs: 1000 },
      validation: [{ step: 120, value: 0.912 }],
    };
    expect(describeTraining(t)).toBe('Training CNN from scratch: step 100 of 200, validation accuracy 91%.');
    expect(describeTraining({ ...t, phase: 'done', progress: { ...t.progress, phase: 'done', step: 200 } })).toBe(
      'CNN trained 200 of 200 steps, validation accuracy 91%, 9.3 steps/s.',
    );
    expect(describeTraining({ ...t, phase: 'loading' })).toBe('Loading the training digits for CNN…');
  });
});

describe('explorer static figure', () => {
  it('shows the starting model’s recorded accuracy per class and the four models, as SVG and a table', () => {
    const markup = staticFigure({ ...defaultValues(params), model: 'robust-cnn' }, catalog);
    expect(markup).toContain('<svg');
    expect(markup).toMatch(/Adversarially trained CNN \(CNN: 3×3 conv 16.*96\.55% of the\s+2,000 test digits/s);
    expect(markup.match(/<tr>/g)).toHaveLength(5);
    expect(markup).not.toMatch(/<(button|input|select)/);
  });

  it('declares the shared input’s params in the widget’s state', () => {
    for (const key of Object.keys(digitInputParams)) expect(params).toHaveProperty(key);
  });
});
