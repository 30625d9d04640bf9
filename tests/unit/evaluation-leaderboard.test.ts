/**
 * The evaluation chapter's leaderboard and metrics labs: the leaderboard's variants and Thresholdout
 * by hand, the selected test score above its fresh score on average across seeds (real logits of the
 * zoo's softmax regression), AUROC and average precision against hand-computed examples (weighted and
 * tied), the metrics at a threshold, bootstrap intervals that cover a known value at about their
 * nominal rate, the prevalence sample and ink slices, the params under hostile URLs, the study
 * controller through a fake port, and the study worker scoring a model once with a flat tensor count.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeWorkerScope } from './fake-worker-port';
import { decodeParams } from '../../src/lib/params';
import type { RuntimeEvent } from '../../src/lib/runtime/protocol';
import type { WorkerPort } from '../../src/lib/runtime/worker-controller';
import { serveModelWorker } from '../../src/lib/runtime/worker-server';
import type { DigitSplit } from '../../src/math/digit-split';
import {
  bootstrapIntervals,
  countsAt,
  curves,
  inkTerciles,
  metricsFromCounts,
  prevalenceSample,
  sortScores,
  weightedAreas,
  wilson,
} from '../../src/math/evaluation-binary';
import { gapAt, laplace, leaderboardStudy, Thresholdout, variantAccuracy } from '../../src/math/evaluation-leaderboard';
import { auroc, averagePrecision } from '../../src/math/evaluation-metrics';
import { mulberry32 } from '../../src/math/random';
import { evaluateSplit } from '../../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../../src/ml/zoo/models';
import { StudyServer } from '../../src/widgets/evaluation-shared/study-server';
import { LeaderboardController } from '../../src/widgets/evaluation-leaderboard/controller';
import { params as lbParams } from '../../src/widgets/evaluation-leaderboard/params';
import type { Command, LeaderboardRequest, WorkerEvent } from '../../src/widgets/evaluation-leaderboard/protocol';
import { labLeaderboard } from '../../src/widgets/evaluation-leaderboard/report';
import { describeLeaderboard } from '../../src/widgets/evaluation-leaderboard/summary';
import { params as metParams } from '../../src/widgets/evaluation-metrics/params';
import { labMetrics, type MetricsStudy } from '../../src/widgets/evaluation-metrics/report';
import { describeMetrics } from '../../src/widgets/evaluation-metrics/summary';
import { entryAndWeights, splitFromDisk } from './evaluation-disk';
import { fsFetch } from './zoo-fs-fetch';

describe('leaderboard variants and Thresholdout by hand', () => {
  // Three digits, three classes: logits favour class 0, 1, 2 in turn; labels 0, 1, 1.
  const d = { logits: [3, 0, 0, 0, 2, 1, 0, 1, 2], labels: [0, 1, 1] };
  it('a variant is argmax(z + b), scored on the rows asked', () => {
    expect(variantAccuracy(d, 3, [0, 0, 0])).toBeCloseTo(2 / 3);
    expect(variantAccuracy(d, 3, [0, 1.5, 0])).toBe(1); // row 3 becomes class 1
    expect(variantAccuracy(d, 3, [0, 0, 0], [2])).toBe(0);
    expect(variantAccuracy(d, 3, [-5, 0, 0], [0])).toBe(0);
  });

  it('Laplace draws have mean 0 and mean |x| = scale', () => {
    const rng = mulberry32(3);
    const xs = Array.from({ length: 20000 }, () => laplace(rng, 0.5));
    expect(xs.reduce((a, x) => a + x, 0) / xs.length).toBeCloseTo(0, 1);
    expect(xs.reduce((a, x) => a + Math.abs(x), 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('Thresholdout answers with the training score when the two agree, and spends budget when not', () => {
    const t = new Thresholdout(mulberry32(1), { threshold: 0.04, sigma: 0.001, budget: 2 });
    expect(t.answer(0.9, 0.9)).toBe(0.9);
    expect(t.revealed).toBe(0);
    const a = t.answer(0.99, 0.6); // far apart: the holdout, with noise
    expect(t.revealed).toBe(1);
    expect(Math.abs(a - 0.6)).toBeLessThan(0.02);
    t.answer(0.99, 0.6);
    expect(t.revealed).toBe(2);
    expect(t.answer(0.99, 0.6)).toBe(0.99); // budget spent
  });

  it('checks its bounds with the bound in the message', () => {
    const o = { submissions: 10, holdout: 2, spread: 1, strategy: 'climb', thresholdout: false, seed: 1 } as const;
    expect(() => leaderboardStudy(d, d, 3, o)).toThrow(/holdout must be/);
    expect(() => leaderboardStudy(d, d, 3, { ...o, submissions: 0 })).toThrow(/submissions must be/);
  });
});

describe('the leaderboard on real logits (softmax regression)', () => {
  let scored: {
    validation: { logits: Float32Array; labels: Uint8Array };
    test: { logits: Float32Array; labels: Uint8Array };
  };
  beforeAll(async () => {
    const [validation, test] = await Promise.all([splitFromDisk('validation'), splitFromDisk('test')]);
    const { entry, weights } = entryAndWeights('softmax');
    const model = zooModelFromWeights(entry, weights);
    try {
      scored = {
        validation: { logits: evaluateSplit(model, validation).logits, labels: validation.labels },
        test: { logits: evaluateSplit(model, test).logits, labels: test.labels },
      };
    } finally {
      model.dispose();
    }
  }, 60_000);

  it('across seeds the selected test score exceeds its fresh score on average', () => {
    const gaps: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const s = labLeaderboard(scored, {
        strategy: 'climb',
        submissions: 200,
        holdout: 200,
        spread: 0.3,
        thresholdout: false,
        seed,
      });
      // The reported score never falls, and it starts at the model as trained.
      for (let k = 1; k < s.points.length; k++)
        expect(s.points[k].reported).toBeGreaterThanOrEqual(s.points[k - 1].reported);
      expect(s.points[0].reported).toBe(s.base.holdout);
      gaps.push(gapAt(s, 200) - gapAt(s, 1));
    }
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const se = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1) / gaps.length);
    expect(mean).toBeGreaterThan(2 * se); // selection adds to the gap, beyond the split's own noise
    expect(mean).toBeGreaterThan(0.005);
  });

  it('is deterministic for a seed and splits the 2,000 test digits', () => {
    const o = { strategy: 'best-of', submissions: 50, holdout: 300, spread: 1, thresholdout: true, seed: 4 } as const;
    const a = labLeaderboard(scored, o);
    expect(labLeaderboard(scored, o)).toEqual(a);
    expect(a.holdoutCount + a.freshCount).toBe(2000);
    expect(a.points).toHaveLength(50);
  });
});

describe('AUROC and average precision by hand', () => {
  // Positives 0.9, 0.6, 0.4; negatives 0.7, 0.4, 0.2, 0.1. Pairs in order: 0.9 beats 4; 0.6 beats 3;
  // 0.4 beats 2 and ties 1 (½): 9.5 of 12.
  const pos = [0.9, 0.6, 0.4];
  const neg = [0.7, 0.4, 0.2, 0.1];
  const scores = [...pos, ...neg];
  const flags = [1, 1, 1, 0, 0, 0, 0];
  it('one pass over sorted scores gives the rank-based values', () => {
    const s = sortScores(scores, flags);
    const a = weightedAreas(s);
    expect(a.auroc).toBeCloseTo(9.5 / 12, 12);
    expect(a.auroc).toBeCloseTo(auroc(pos, neg), 12);
    // AP: 0.9 → recall 1/3 at precision 1; 0.7 → no step; 0.6 → 2/3 at 2/3; 0.4 (tie, both) → 1 at 3/5.
    expect(a.ap).toBeCloseTo((1 / 3) * 1 + (1 / 3) * (2 / 3) + (1 / 3) * (3 / 5), 12);
    expect(a.ap).toBeCloseTo(averagePrecision(pos, neg), 12);
  });

  it('weights act as repeated examples', () => {
    const s = sortScores(scores, flags);
    const w = [2, 0, 1, 1, 3, 0, 1];
    const rep = (xs: number[], ws: number[]) => xs.flatMap((x, i) => Array(ws[i]).fill(x));
    const a = weightedAreas(s, w);
    expect(a.auroc).toBeCloseTo(auroc(rep(pos, w.slice(0, 3)), rep(neg, w.slice(3))), 12);
    expect(a.ap).toBeCloseTo(averagePrecision(rep(pos, w.slice(0, 3)), rep(neg, w.slice(3))), 12);
  });

  it('curves step through the distinct scores', () => {
    const c = curves(sortScores(scores, flags));
    expect(c.map((p) => p.threshold)).toEqual([Infinity, 0.9, 0.7, 0.6, 0.4, 0.2, 0.1]);
    expect(c[4]).toMatchObject({ recall: 1, fpr: 0.5, precision: 0.6 });
    expect(c.at(-1)).toMatchObject({ recall: 1, fpr: 1 });
  });

  it('metrics at a threshold', () => {
    const m = metricsFromCounts(countsAt(scores, flags, 0.5));
    expect(m).toMatchObject({ tp: 2, fp: 1, tn: 3, fn: 1, n: 7 });
    expect(m.accuracy).toBeCloseTo(5 / 7);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.balancedAccuracy).toBeCloseTo((2 / 3 + 3 / 4) / 2);
    expect(metricsFromCounts(countsAt([0.1], [0], 0.5)).precision).toBeNaN(); // 0/0, not 0
  });
});

describe('intervals', () => {
  it('the percentile bootstrap covers a known accuracy at about its nominal 95% rate', () => {
    const rng = mulberry32(11);
    const p = 0.9;
    const n = 150;
    const trials = 300;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const right = Uint8Array.from({ length: n }, () => (rng() < p ? 1 : 0));
      const { acc } = bootstrapIntervals(
        n,
        (w) => {
          let k = 0;
          for (let i = 0; i < n; i++) k += w[i] * right[i];
          return { acc: k / n };
        },
        200,
        1000 + t,
      );
      if (acc.lo <= p && p <= acc.hi) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.9);
    expect(covered / trials).toBeLessThan(0.985);
  });

  it('Wilson is NaN-safe for empty slices', () => {
    expect(wilson(0, 0).lo).toBeNaN();
    expect(wilson(27, 30).lo).toBeCloseTo(0.7436, 3);
  });
});

describe('prevalence samples and ink slices', () => {
  const positive = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 100 of 1,000
  it('reaches the prevalence asked by dropping one side only', () => {
    const low = prevalenceSample(positive, 0.01, 1);
    expect(low.filter((i) => positive[i]).length).toBe(9); // 900 × 0.01/0.99
    expect(low.length).toBe(909);
    const high = prevalenceSample(positive, 0.5, 1);
    expect(high.filter((i) => positive[i]).length).toBe(100);
    expect(high.length).toBe(200);
    expect(prevalenceSample(positive, 0.1, 1)).toHaveLength(1000);
    expect(() => prevalenceSample(positive, 0, 1)).toThrow(/prevalence/);
  });

  it('cuts each class in thirds by ink', () => {
    const images = [1, 1, 3, 3, 2, 2, 0, 0, 9, 9, 5, 5]; // six images of two pixels
    const labels = [0, 0, 0, 1, 1, 1];
    expect(Array.from(inkTerciles(images, labels, 2))).toEqual([0, 2, 1, 0, 2, 1]);
  });
});

describe('the labs’ params, summaries and controller', () => {
  it('decode hostile URLs without throwing', () => {
    const lb = decodeParams(
      lbParams,
      new URLSearchParams(
        'lb.model=gpt&lb.submissions=1e9&lb.holdout=17&lb.spread=-1&lb.strategy=magic&lb.thresholdout=2',
      ),
      'lb',
    );
    expect(lb.values).toMatchObject({
      model: 'softmax',
      submissions: 1000,
      holdout: 100,
      spread: 0.1,
      strategy: 'climb',
    });
    expect(lb.notices.length).toBeGreaterThanOrEqual(5);
    const met = decodeParams(metParams, new URLSearchParams('met.digit=12&met.prevalence=0&met.threshold=abc'), 'met');
    expect(met.values).toMatchObject({ digit: 9, prevalence: 0.01, threshold: 0.5 });
    expect(met.notices.length).toBeGreaterThanOrEqual(3);
  });

  it('summaries state the result in numbers', () => {
    expect(describeLeaderboard({ model: 'cnn', submissions: 5, thresholdout: false }, null, { error: null })).toBe(
      'Scoring CNN on the validation and test digits…',
    );
    expect(describeMetrics({ model: 'mlp', threshold: 0.5 }, null, { error: 'boom' })).toBe('Error: boom');
  });

  it('send one study per change of settings, drop stale runs, and show the newest', () => {
    const sent: Record<string, unknown>[] = [];
    const port: WorkerPort = {
      postMessage: (m: unknown) => sent.push(m as Record<string, unknown>),
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      terminate() {},
    };
    const emit = (data: unknown) => port.onmessage!({ data } as MessageEvent);
    const c = new LeaderboardController({ backends: ['wasm'], baseUrl: '/' }, () => port);
    emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    const first: LeaderboardRequest = {
      model: 'softmax',
      strategy: 'climb',
      submissions: 1000,
      holdout: 200,
      spread: 0.3,
      thresholdout: false,
      seed: 1,
    };
    c.study(first);
    c.study({ ...first });
    const studies = () => sent.filter((m) => m.type === 'eval-study');
    expect(studies()).toHaveLength(1);
    expect(c.status).toBe('loading');
    const second = { ...first, holdout: 500 };
    c.study(second);
    const [a, b] = studies();
    emit({ type: 'eval-scoring', run: a.run, request: first, split: 'test', done: 400, total: 2000 });
    expect(c.state.scoring).toBeNull();
    emit({ type: 'eval-scoring', run: b.run, request: second, split: 'test', done: 400, total: 2000 });
    expect(c.state.scoring).toEqual({ split: 'test', done: 400, total: 2000 });
    const study = { points: [] } as never;
    emit({ type: 'eval-study', run: b.run, request: second, study, computeMs: 7 });
    expect(c.state).toMatchObject({ shown: second, study, scoring: null, computeMs: 7 });
    expect(c.status).toBe('ready');
    c.study({ ...second, seed: 2 });
    expect(c.status).toBe('running');
  });
});

describe('the study worker (cpu)', () => {
  it('scores a model once, answers studies from the cache, with a flat tensor count', async () => {
    type Posted = (WorkerEvent | RuntimeEvent) & Record<string, unknown>;
    const { scope, posted, send, start, waitFor, memory } = fakeWorkerScope<Posted>();
    const server = new StudyServer<LeaderboardRequest, ReturnType<typeof labLeaderboard>>(labLeaderboard, {
      fetch: fsFetch('http://site/').fetch,
    });
    serveModelWorker<Command, WorkerEvent>({ handle: (cmd, ctx) => server.handle(cmd, ctx) }, scope);
    await start('cpu');
    let run = 0;
    const base: LeaderboardRequest = {
      model: 'softmax',
      strategy: 'climb',
      submissions: 50,
      holdout: 200,
      spread: 0.3,
      thresholdout: false,
      seed: 1,
    };
    const study = async (patch: Partial<LeaderboardRequest>) => {
      const r = ++run;
      send({ type: 'eval-study', run: r, request: { ...base, ...patch } });
      const e = await waitFor((x) => x.type === 'eval-study' && x.run === r);
      await new Promise((res) => setTimeout(res, 30));
      return e as Extract<WorkerEvent, { type: 'eval-study' }>;
    };
    const first = await study({});
    expect(first.study.points).toHaveLength(50);
    const warm = memory();
    const scorings = posted.filter((e) => e.type === 'eval-scoring').length;
    expect(scorings).toBeGreaterThan(0);
    for (const seed of [2, 3, 4]) expect((await study({ seed })).study.holdoutCount).toBe(200);
    expect(posted.filter((e) => e.type === 'eval-scoring').length).toBe(scorings); // from the cache
    expect(memory()).toBe(warm);
    expect((await study({})).study).toEqual(first.study);
  }, 60_000);
});

describe('the metrics lab on real scores', () => {
  let test: DigitSplit;
  let study: MetricsStudy;
  beforeAll(async () => {
    test = await splitFromDisk('test');
    const { entry, weights } = entryAndWeights('softmax');
    const model = zooModelFromWeights(entry, weights);
    try {
      study = labMetrics(
        { logits: evaluateSplit(model, test).logits, labels: test.labels, images: test.images },
        { digit: 3, prevalence: 0.05, threshold: 0.4, seed: 2 },
      );
    } finally {
      model.dispose();
    }
  }, 60_000);

  it('counts add up, the intervals contain their values, and the slices partition the sample', () => {
    const m = study.metrics;
    expect(m.tp + m.fn).toBe(study.positives);
    expect(study.positives / study.count).toBeCloseTo(0.05, 2);
    for (const [k, v] of [
      ['accuracy', m.accuracy],
      ['recall', m.recall],
      ['precision', m.precision],
      ['f1', m.f1],
      ['auroc', study.auroc],
      ['ap', study.ap],
    ] as const) {
      expect(study.intervals[k].lo).toBeLessThanOrEqual(v + 1e-9);
      expect(study.intervals[k].hi).toBeGreaterThanOrEqual(v - 1e-9);
    }
    expect(study.slices.reduce((a, s) => a + s.metrics.n, 0)).toBe(study.count);
    expect(study.negatives.reduce((a, d) => a + d.fp, 0)).toBe(m.fp);
    expect(describeMetrics({ model: 'softmax', threshold: 0.4 }, study, { error: null })).toMatch(
      /^Softmax regression as a detector of 3s on [\d,]+ test digits/,
    );
  });
});
