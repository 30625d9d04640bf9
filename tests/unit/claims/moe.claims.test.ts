/**
 * Claims of the mixture-of-experts lesson (content/lessons/mixture-of-experts/index.mdx): every passage or
 * solution that predicts what a widget shows at a linked state, checked against the widget's own code at
 * that state and seed. Each exercise's link is read from the lesson and decoded with the widget's params.
 *
 * Full training runs come from the committed records of the widgets' seeded scripts (each widget folder's
 * record.ts: the widgets' session code, wasm backend), which tests/unit/moe-static.test.ts replays; a record is used for
 * a claim only when its settings are exactly the linked state. (A full run of the lab costs 10-25 s here;
 * the records keep this file to a few seconds.) Plain-math claims run the plain code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultValues } from '../../../src/lib/params';
import { assignCapacity, expertCapacity, topKGates } from '../../../src/math/moe';
import { softmax } from '../../../src/math/softmax';
import type { LabEvaluation } from '../../../src/ml/moe-router-lab';
import { computeCalculator } from '../../../src/widgets/moe-calculator/compute';
import { params as calcParams } from '../../../src/widgets/moe-calculator/params';
import { PRESETS } from '../../../src/widgets/moe-calculator/presets';
import { params as dsParams } from '../../../src/widgets/moe-dense-sparse/params';
import { compareAt, latest, lossAt } from '../../../src/widgets/moe-dense-sparse/readings';
import dsRecorded from '../../../src/widgets/moe-dense-sparse/static-run.json';
import type { DsStaticRun } from '../../../src/widgets/moe-dense-sparse/static-run';
import { labRunConfig } from '../../../src/widgets/moe-router-lab/config';
import { params as labParams, type RouterLabParams } from '../../../src/widgets/moe-router-lab/params';
import labRecorded from '../../../src/widgets/moe-router-lab/static-run.json';
import type { LabRecord } from '../../../src/widgets/moe-router-lab/static-run';
import { params as tokensParams, type RoutingTokensParams } from '../../../src/widgets/moe-routing-tokens/params';
import tokensRecorded from '../../../src/widgets/moe-routing-tokens/static-run.json';
import type { TokensRecord, TokensStaticRun } from '../../../src/widgets/moe-routing-tokens/static-run';
import { exerciseValues, Measurements, useCpu, useWasm } from './helpers';

const LESSON = 'mixture-of-experts';
const measured = new Measurements();
const lab = labRecorded as unknown as LabRecord;
const ds = dsRecorded as unknown as DsStaticRun;
const tokens = tokensRecorded as unknown as TokensRecord;

beforeAll(useWasm);
afterAll(async () => {
  measured.print('Mixture-of-experts lesson');
  await useCpu();
});

const pct = (x: number, digits = 1) => Number((100 * x).toFixed(digits));
const r2 = (x: number) => Number(x.toFixed(2));

// ---------------------------------------------------------------------------------------------------
// The router lab: its committed default run and sweeps, found by the exact settings a link gives.

const labValues = (exerciseId: string, extra = '') => exerciseValues(LESSON, exerciseId, labParams, extra);

/** The recorded end of the lab run at exactly these settings. */
function labFinal(values: RouterLabParams): LabEvaluation {
  const key = JSON.stringify(labRunConfig(values));
  if (JSON.stringify(labRunConfig(lab.run.settings)) === key) return lab.run.final;
  const defaults = defaultValues(labParams);
  for (const entries of Object.values(lab.sweeps)) {
    for (const e of entries) {
      if (JSON.stringify(labRunConfig({ ...defaults, ...e.change })) === key) return e.final;
    }
  }
  throw new Error(`no recorded lab run at ${key}`);
}

const labAt = (step: number, curve: keyof Pick<LabRecord['run'], 'accuracy' | 'purity' | 'cv'>) =>
  lab.run[curve].find((p) => p.step === step)!.value;

describe('mixture of experts: gates and capacity by hand', () => {
  it('gates of the logits (2, 1, 0, 1)', () => {
    const p = softmax([2, 1, 0, 1]);
    expect(p.map((x) => Number(x.toFixed(3)))).toEqual([0.534, 0.197, 0.072, 0.197]);
    expect(topKGates(p, 1)).toEqual({ experts: [0], gates: [p[0]] });
    const two = topKGates(p, 2);
    expect(two.experts).toEqual([0, 1]);
    expect(two.gates.map((g) => Number(g.toFixed(3)))).toEqual([0.731, 0.269]);
    measured.record('gates-by-hand', { p1: p[0], top2: two.gates[0] });
  });

  it('who overflows: five tokens, two experts, three slots', () => {
    const ranked = [
      [0, 1],
      [0, 1],
      [1, 0],
      [0, 1],
      [0, 1],
    ].map((experts) => ({ experts, gates: [0.5, 0.5] }));
    const a = assignCapacity(ranked, 2, 3);
    expect(a.dropped).toBe(4);
    expect(a.tokensDropped).toBe(1);
    // Token 4 lost both; tokens 2 and 3 keep one each.
    expect(Array.from(a.slot).map((s) => s >= 0)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(expertCapacity(5, 2, 2, 1.5)).toBe(7);
  });
});

describe('mixture of experts: the router lab', () => {
  it('the default run: the regimes get their experts', () => {
    const v = labValues('lab-specialise');
    expect(v).toEqual(lab.run.settings);
    const e = labFinal(v);
    expect(pct(e.accuracy)).toBe(98.5);
    expect(e.f.map((x) => pct(x))).toEqual([24.5, 26.7, 23.2, 25.6]);
    expect(r2(e.cv)).toBe(0.05);
    expect(r2(e.entropy)).toBe(0.59);
    expect(e.dropped).toBe(0);
    expect(pct(e.purity, 0)).toBe(98);
    expect(lab.run.capacity).toBe(80);
    // Step 0 and the reorganisation between steps 500 and 600.
    expect(pct(labAt(0, 'accuracy'), 0)).toBe(35);
    expect(r2(labAt(0, 'cv'))).toBe(0.59);
    expect(pct(labAt(300, 'accuracy'), 0)).toBe(93);
    expect(pct(labAt(300, 'purity'), 0)).toBe(71);
    expect([pct(labAt(500, 'accuracy')), pct(labAt(500, 'purity'), 0)]).toEqual([92.7, 82]);
    expect([pct(labAt(600, 'accuracy')), pct(labAt(600, 'purity'), 0)]).toEqual([98.2, 94]);
    measured.record('lab-specialise (default)', {
      accuracy: e.accuracy,
      cv: e.cv,
      purity: e.purity,
      entropy: e.entropy,
    });
  });

  it('seed 1 settles into a worse partition; seeds 2 to 6 do not', () => {
    const e = labFinal(labValues('lab-seed'));
    expect([pct(e.purity, 0), r2(e.cv), pct(e.dropped), pct(e.accuracy)]).toEqual([68, 0.25, 2.7, 95.7]);
    const others = [2, 3, 4, 5, 6].map((seed) => pct(labFinal({ ...defaultValues(labParams), seed }).purity, 0));
    expect(others).toEqual([96, 98, 92, 96, 96]);
    measured.record('lab-seed', { purity: e.purity, cv: e.cv });
  });

  it('turning the balancing loss off leaves an expert idle; Switch’s α barely helps; α = 0.1 balances', () => {
    const off = labFinal(labValues('lab-alpha-zero'));
    expect(off.f.map((x) => pct(x, 0))).toEqual([30, 38, 32, 0]);
    expect([r2(off.cv), pct(off.dropped), pct(off.accuracy), off.activeExperts]).toEqual([0.59, 8.2, 95.3, 3]);
    const switchAlpha = labFinal(labValues('lab-alpha-zero', 'lab.alpha=0.01'));
    expect([
      r2(switchAlpha.cv),
      switchAlpha.activeExperts,
      pct(switchAlpha.dropped),
      pct(switchAlpha.accuracy),
    ]).toEqual([0.58, 3, 7.0, 95.1]);
    const small = labFinal(labValues('lab-alpha-zero', 'lab.alpha=0.001'));
    expect([r2(small.cv), pct(small.dropped), pct(small.accuracy)]).toEqual([0.59, 8.1, 95.2]);
    const on = labFinal(labValues('lab-alpha-zero', 'lab.alpha=0.1'));
    expect([r2(on.cv), on.dropped, on.activeExperts]).toEqual([0.05, 0, 4]);
    measured.record('lab-alpha-zero', { cv0: off.cv, cv001: small.cv, cv01: switchAlpha.cv, cv1: on.cv });
  });

  it('eight experts: the table of the α sweep', () => {
    const rows = ['0', '0.001', '0.01', '0.1'].map((alpha) =>
      labFinal(labValues('lab-alpha-eight', `lab.alpha=${alpha}`)),
    );
    expect(rows.map((e) => r2(e.cv))).toEqual([1.26, 1.1, 1.0, 0.17]);
    expect(rows.map((e) => e.activeExperts)).toEqual([3, 4, 4, 8]);
    expect(rows.map((e) => pct(e.dropped))).toEqual([50.3, 40.9, 37.5, 1.6]);
    expect(rows.map((e) => pct(e.accuracy))).toEqual([73.1, 78.7, 81.3, 97.0]);
    expect([pct(rows[2].purity, 0), pct(rows[3].purity, 0)]).toEqual([94, 59]);
    // Three equal experts out of eight: f = (1/3, 1/3, 1/3, 0, …), CV = √(8/3 − 1) ≈ 1.29.
    expect(r2(Math.sqrt(8 / 3 - 1))).toBe(1.29);
    // The four-expert column of the table.
    const four = ['0', '0.001', '0.01', '0.1'].map((alpha) => labFinal({ ...defaultValues(labParams), alpha }));
    expect(four.map((e) => r2(e.cv))).toEqual([0.59, 0.59, 0.58, 0.05]);
    expect(four.map((e) => `${e.activeExperts} of 4`)).toEqual(['3 of 4', '3 of 4', '3 of 4', '4 of 4']);
    expect(four.map((e) => pct(e.dropped))).toEqual([8.2, 8.1, 7.0, 0]);
    expect(four.map((e) => pct(e.accuracy))).toEqual([95.3, 95.2, 95.1, 98.5]);
    measured.record(
      'alpha sweep, 8 experts (CV)',
      Object.fromEntries(rows.map((e, i) => [['0', '0.001', '0.01', '0.1'][i], e.cv])),
    );
  });

  it('router noise does not replace the balancing loss; top-2 balances with a blurrier map', () => {
    const noisy = labFinal(labValues('lab-noise'));
    expect(noisy.f.map((x) => pct(x))).toEqual([59.7, 30.6, 9.8, 0]);
    expect([r2(noisy.cv), pct(noisy.dropped), pct(noisy.accuracy)]).toEqual([0.91, 28.6, 83.8]);
    const louder = labFinal(labValues('lab-noise', 'lab.noise=2'));
    expect([r2(louder.cv), pct(louder.dropped), pct(louder.accuracy), louder.activeExperts]).toEqual([
      0.66, 15.5, 89.8, 3,
    ]);
    const top2 = labFinal({ ...defaultValues(labParams), topK: 2 });
    expect([r2(top2.cv), pct(top2.accuracy), pct(top2.purity, 0)]).toEqual([0.05, 97.8, 73]);
    measured.record('lab-noise', { cv: noisy.cv, dropped: noisy.dropped });
  });

  it('the z-loss softens the router and leaves the routing', () => {
    const runs = ['0.001', '0.01', '0.1'].map((z) => labFinal(labValues('lab-zloss', `lab.zLoss=${z}`)));
    expect(runs.map((e) => r2(e.entropy))).toEqual([0.67, 0.79, 1.1]);
    expect(runs.map((e) => r2(e.cv))).toEqual([0.05, 0.05, 0.07]);
    expect(runs.map((e) => pct(e.purity, 0))).toEqual([98, 98, 97]);
    expect(runs.map((e) => pct(e.accuracy))).toEqual([98.3, 98.3, 97.8]);
    expect(labValues('lab-zloss').zLoss).toBe('0.1');
    measured.record('lab-zloss', { entropy0001: runs[0].entropy, entropy01: runs[2].entropy });
  });

  it('halving the slots drops half the assignments', () => {
    const v = labValues('lab-capacity');
    expect(expertCapacity(256, v.experts, v.topK, v.capacityFactor)).toBe(32);
    const runs = [0.5, 1, 1.25, 2].map((cf) => labFinal({ ...v, capacityFactor: cf }));
    expect(runs.map((e) => pct(e.dropped))).toEqual([50, 3.8, 0, 0]);
    expect(runs.map((e) => pct(e.accuracy))).toEqual([75.8, 97.2, 98.5, 98.8]);
    runs.forEach((e) => expect(r2(e.cv)).toBeLessThanOrEqual(0.06));
    // The estimate from the dropped half: 0.5 · 98% + 0.5 · 50%.
    expect(Math.round(0.5 * 98 + 0.5 * 50)).toBe(74);
    measured.record('lab-capacity', Object.fromEntries(runs.map((e, i) => [`cf${[0.5, 1, 1.25, 2][i]}`, e.dropped])));
  });
});

describe('mixture of experts: dense versus sparse', () => {
  it('at equal FLOPs the sparse model is ahead', () => {
    const v = exerciseValues(LESSON, 'dvs-equal-flops', dsParams);
    expect(v).toEqual(ds.settings);
    expect(v).toEqual(defaultValues(dsParams));
    const c = ds.counts;
    expect([c.dense.total, c.moe.total, c.moe.active, c.denseStepFlops, c.moeStepFlops, c.capacity]).toEqual([
      82, 1360, 130, 98304, 172032, 20,
    ]);
    expect(c.moeStepFlops / c.denseStepFlops).toBe(1.75);
    // Per batch: dense forward 32,768; experts' 40,960 (= 1.25 × 32,768); router 16,384.
    expect(c.denseStepFlops / 3).toBe(32768);
    expect(c.moeStepFlops / 3).toBe(40960 + 16384);
    const at = compareAt(ds.points, 'flops')!;
    expect([Number((at.budget / 1e6).toFixed(1)), Number(at.dense.toFixed(3)), Number(at.moe.toFixed(3))]).toEqual([
      98.3, 0.541, 0.43,
    ]);
    expect(Math.round(at.budget / c.moeStepFlops)).toBe(571);
    const d = latest(ds.points, 'dense')!;
    const m = latest(ds.points, 'moe')!;
    expect([d.loss.toFixed(3), pct(d.accuracy), m.loss.toFixed(3), pct(m.accuracy)]).toEqual([
      '0.541',
      76.4,
      '0.361',
      83.0,
    ]);
    const dense = (step: number) => lossAt(ds.points, 'dense', 'flops', step * c.denseStepFlops)!.toFixed(3);
    expect([dense(500), dense(750), dense(1000)]).toEqual(['0.576', '0.574', '0.541']);
    expect([r2(ds.moeCv), pct(ds.moeDropped)]).toEqual([0.41, 9.9]);
    measured.record('dvs-equal-flops', { dense: at.dense, moe: at.moe, moeFinal: m.loss });
  });
});

describe('mixture of experts: routing tokens', () => {
  const tokensRun = (values: RoutingTokensParams): TokensStaticRun => {
    const key = JSON.stringify(values);
    const found = [tokens.run, ...tokens.sweeps.map((s) => s.run)].find((r) => JSON.stringify(r.settings) === key);
    if (!found) throw new Error(`no recorded routing-tokens run at ${key}`);
    return found;
  };
  const at75 = (r: TokensStaticRun) => r.accuracy.find((p) => p.step === 75)!.value;

  it('the default run, as the text describes it', () => {
    const r = tokensRun(defaultValues(tokensParams));
    expect([r.numParameters, r.activeParameters, r.capacity]).toEqual([39087, 14031, 120]);
    expect(at75(r)).toBe(1);
    expect(r.accuracy.find((p) => p.step === 50)!.value).toBeLessThan(1);
    expect(r.accuracy.filter((p) => p.step >= 75).every((p) => p.value === 1)).toBe(true);
    const e = r.final;
    expect(e.f[0].map((x) => pct(x, 0))).toEqual([30, 25, 19, 26]);
    expect([r2(e.cv[0]), e.dropped[0]]).toEqual([0.15, 0]);
    const byToken = e.byToken[0];
    const strongest = Math.max(...byToken.flat());
    expect(pct(strongest, 0)).toBe(57);
    expect(byToken[0].indexOf(strongest)).toBe(2);
    expect([pct(byToken[10][0], 0), byToken[10].indexOf(Math.max(...byToken[10]))]).toEqual([41, 0]);
    const answers = e.byPosition[0].slice(7, 12).map((row) => row[0]);
    expect([pct(Math.min(...answers), 0), pct(Math.max(...answers), 0)]).toEqual([38, 44]);
    answers.forEach((_, j) => expect(e.byPosition[0][7 + j].indexOf(Math.max(...e.byPosition[0][7 + j]))).toBe(0));
    // The seed's question and where its tokens go (experts numbered from 1).
    expect(r.probe.tokens).toEqual([1, 4, 5, 4, 8, 0, 10, 0, 8, 4, 5, 4]);
    expect(r.probe.experts[0].map((ex) => ex[0] + 1)).toEqual([4, 3, 3, 3, 3, 3, 3, 2, 2, 1, 3, 4]);
    measured.record('routing tokens, default', { cv: e.cv[0], strongest });
  });

  it('without the balancing loss the loads go uneven, the accuracy does not', () => {
    const r = tokensRun(exerciseValues(LESSON, 'rt-balance-off', tokensParams));
    expect(r.final.f[0].map((x) => pct(x, 0))).toEqual([41, 33, 2, 24]);
    expect(pct(r.final.f[0][2])).toBe(2.5);
    expect([r2(r.final.cv[0]), pct(r.final.dropped[0])]).toEqual([0.57, 11.2]);
    expect(at75(r)).toBe(1);
    const balanced = tokensRun(exerciseValues(LESSON, 'rt-balance-off', tokensParams, 'rt.alpha=0.1'));
    expect(balanced.final.f[0].map((x) => pct(x, 0))).toEqual([26, 25, 23, 26]);
    expect([r2(balanced.final.cv[0]), balanced.final.tokenAccuracy]).toEqual([0.05, 1]);
    measured.record('rt-balance-off', { cv: r.final.cv[0], dropped: r.final.dropped[0] });
  });

  it('top-2: gates sum to 1, slots double, one more expert active', () => {
    const r = tokensRun(exerciseValues(LESSON, 'rt-top2', tokensParams));
    const gates = r.probe.gates[0];
    gates.forEach((g) => expect(g[0] + g[1]).toBeCloseTo(1, 2));
    expect([r.probe.experts[0][0].map((x) => x + 1), gates[0]]).toEqual([
      [3, 4],
      [0.555, 0.445],
    ]);
    expect([r.probe.experts[0][6].map((x) => x + 1), gates[6]]).toEqual([
      [3, 2],
      [0.708, 0.292],
    ]);
    expect(at75(r)).toBe(1);
    expect(r.final.f[0].map((x) => pct(x, 0))).toEqual([28, 24, 21, 26]);
    expect([r2(r.final.cv[0]), r.final.dropped[0], r.capacity, r.activeParameters]).toEqual([0.11, 0, 240, 22383]);
    measured.record('rt-top2', { cv: r.final.cv[0] });
  });
});

describe('mixture of experts: the calculator', () => {
  const calc = (exerciseId: string) => computeCalculator(exerciseValues(LESSON, exerciseId, calcParams)).counts;

  it('Mixtral 8x7B by hand, and in four bits', () => {
    const c = computeCalculator(defaultValues(calcParams)).counts;
    expect(c.total).toBe(46_702_792_704);
    expect(c.active).toBe(12_879_925_248);
    expect(32 * (41_943_040 + 8 * 176_160_768 + 32_768 + 8_192)).toBe(46_440_644_608);
    expect(46_440_644_608 + 262_144_000 + 4096).toBe(c.total);
    expect(32 * 6 * 176_160_768).toBe(33_822_867_456);
    expect(c.attention + c.embedding + c.unembedding + c.norms + c.router).toBeCloseTo(1.6e9, -8);
    const int4 = calc('calc-int4');
    expect((int4.weightBytes / 1e9).toFixed(1)).toBe('23.4');
    expect(((c.active * 0.5) / 1e9).toFixed(1)).toBe('6.4');
    expect([(c.weightBytes / 1e9).toFixed(1), ((c.active * 2) / 1e9).toFixed(1)]).toEqual(['93.4', '25.8']);
  });

  it('Mixtral 8x22B from the linked configuration', () => {
    const values = exerciseValues(LESSON, 'calc-8x22b', calcParams);
    expect(values).toEqual(PRESETS[1].values);
    const c = computeCalculator(values).counts;
    expect(c.attention / 56).toBe(88_080_384);
    expect(c.experts / 56 / 8).toBe(301_989_888);
    expect([c.total, c.active]).toEqual([140_620_634_112, 39_152_031_744]);
    expect([
      (c.weightBytes / 1e9).toFixed(1),
      (c.forwardFlopsPerToken / 1e9).toFixed(1),
      (c.denseEquivalentFlopsPerToken / 1e9).toFixed(1),
    ]).toEqual(['281.2', '83.5', '286.5']);
  });

  it('fine-grained Mixtral: same expert parameters, bigger routers, many more combinations', () => {
    const c = calc('calc-fine-grained');
    expect([c.total, c.active]).toEqual([46_705_938_432, 12_883_070_976]);
    expect(c.total - 46_702_792_704).toBe(3_145_728);
    expect((c.forwardFlopsPerToken / 1e9).toFixed(1)).toBe('27.7');
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);
    expect([choose(8, 2), choose(32, 8), choose(16, 2), choose(64, 8)]).toEqual([28, 10_518_300, 120, 4_426_165_368]);
  });

  it('DeepSeekMoE 16B and the GPUs to serve Mixtral', () => {
    const d = computeCalculator(PRESETS[2].values).counts;
    expect([(d.total / 1e9).toFixed(2), (d.active / 1e9).toFixed(2)]).toEqual(['16.38', '2.83']);
    const gpus = (bytes: number) => Math.ceil(bytes / 80e9);
    const m7 = computeCalculator(PRESETS[0].values).counts;
    const m22 = computeCalculator(PRESETS[1].values).counts;
    expect([gpus(m7.weightBytes), gpus(m22.weightBytes), gpus(2 * m7.active), gpus(2 * m22.active)]).toEqual([
      2, 4, 1, 1,
    ]);
    expect([((2 * m22.active) / 1e9).toFixed(1)]).toEqual(['78.3']);
  });
});
