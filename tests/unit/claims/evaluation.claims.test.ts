/**
 * Claims of the evaluation lesson (content/lessons/evaluation/index.mdx). The calibration numbers are
 * re-measured from the shipped weights with the lab's code (src/ml/evaluation-calibration.ts; the page's
 * labStudy at each exercise's linked state) and must equal the committed static run the lesson quotes;
 * the shift numbers quoted for severity 1 are re-measured for every model and every shift
 * (src/ml/evaluation-shift.ts), and the shift lab's exercises are checked at their linked states. The MLP
 * trained here: the committed seeded runs (scripts/evaluation-calibration-trained.ts, the lab's own job)
 * at the exercise's two linked states, the shortest run replayed here bit for bit, and the lesson's table.
 * Wasm backend, as the scripts and the browser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORRUPTIONS, priorShiftIndices, type Corruption } from '../../../src/math/evaluation-shift';
import type { DigitSplit } from '../../../src/math/digit-split';
import { examplesForGain, wilsonInterval } from '../../../src/math/evaluation-metrics';
import { argmaxRows } from '../../../src/math/calibration';
import { TEMPERATURE_RANGE } from '../../../src/math/evaluation-calibration';
import { ZOO_MODEL_NAMES, type ZooModelName } from '../../../src/math/zoo';
import { calibrationFromLogits, type ModelCalibration } from '../../../src/ml/evaluation-calibration';
import { measureShift, type ShiftPoint } from '../../../src/ml/evaluation-shift';
import { evaluateSplit } from '../../../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../../../src/ml/zoo/models';
import { SHIFT_RUN } from '../../../src/widgets/evaluation-shared/shift-run';
import { params as shiftParams } from '../../../src/widgets/evaluation-shift/params';
import { params } from '../../../src/widgets/evaluation-calibration/params';
import { fitCache, labStudy } from '../../../src/widgets/evaluation-calibration/report';
import type { ScoredSplit } from '../../../src/widgets/evaluation-shared/study-server';
import { trainAndScore, trainedOptions, trainedSteps } from '../../../src/widgets/evaluation-calibration/trained';
import { logitsHash, trainedRun } from '../../../src/widgets/evaluation-calibration/trained-run';
import { STATIC_RUN } from '../../../src/widgets/evaluation-calibration/static-figure';
import { entryAndWeights, splitFromDisk } from '../evaluation-disk';
import { exerciseValues, Measurements, stateValues, useCpu, useWasm } from './helpers';

const LESSON = 'evaluation';
const out = new Measurements();
let validation: DigitSplit;
let test: DigitSplit;
const fresh = new Map<ZooModelName, ModelCalibration>();
const logits = new Map<ZooModelName, { validation: Float32Array; test: Float32Array }>();
const pct = (x: number, d = 2) => (100 * x).toFixed(d);

beforeAll(async () => {
  await useWasm();
  [validation, test] = await Promise.all([splitFromDisk('validation'), splitFromDisk('test')]);
  for (const name of ZOO_MODEL_NAMES) {
    const { entry, weights } = entryAndWeights(name);
    const model = zooModelFromWeights(entry, weights);
    try {
      logits.set(name, {
        validation: evaluateSplit(model, validation).logits,
        test: evaluateSplit(model, test).logits,
      });
    } finally {
      model.dispose();
    }
    const l = logits.get(name)!;
    fresh.set(
      name,
      calibrationFromLogits(
        entry,
        { logits: l.validation, labels: validation.labels },
        { logits: l.test, labels: test.labels },
      ),
    );
  }
}, 60_000);

afterAll(async () => {
  out.print('evaluation lesson');
  await useCpu();
});

/** How many of the first `count` validation digits a model gets wrong. */
const validationMistakes = (name: ZooModelName, count = validation.count) => {
  const pred = argmaxRows(logits.get(name)!.validation.subarray(0, count * 10), 10);
  let wrong = 0;
  for (let i = 0; i < count; i++) if (pred[i] !== validation.labels[i]) wrong++;
  return wrong;
};

/** Each model's splits as the lab's worker holds them (one object each, so the worker's fit cache applies). */
const splits = new Map<ZooModelName, { validation: ScoredSplit; test: ScoredSplit }>();
const fits = fitCache();
const study = (name: ZooModelName, v: { bins: number; binning: 'width' | 'mass'; seed: number; fit?: number }) => {
  if (!splits.has(name)) {
    splits.set(name, {
      validation: { logits: logits.get(name)!.validation, labels: validation.labels },
      test: { logits: logits.get(name)!.test, labels: test.labels },
    });
  }
  const s = splits.get(name)!;
  return labStudy(s.validation, s.test, { fit: validation.count, ...v }, fits(s.validation));
};

describe('the calibration table', () => {
  it('the committed static run is what the shipped models measure now', () => {
    for (const m of STATIC_RUN.models) {
      const f = fresh.get(m.name)!;
      expect(f.temperature).toBeCloseTo(m.temperature, 4);
      expect(f.accuracy).toBe(m.accuracy);
      expect(f.before.ece15).toBeCloseTo(m.before.ece15, 5);
      expect(f.after.ece15).toBeCloseTo(m.after.ece15, 5);
      expect(f.before.nll).toBeCloseTo(m.before.nll, 5);
      expect(f.after.nll).toBeCloseTo(m.after.nll, 5);
      expect(f.before.brier).toBeCloseTo(m.before.brier, 5);
      // The temperature-against-matrix sweep of the static figure, size by size.
      expect(f.sweep.map((x) => x.fit)).toEqual(m.sweep.map((x) => x.fit));
      m.sweep.forEach((x, i) => {
        const y = f.sweep[i];
        expect(y.temperature).toBeCloseTo(x.temperature, 4);
        expect([y.iterations, y.stop]).toEqual([x.iterations, x.stop]);
        expect(y.fitNll.matrix).toBeCloseTo(x.fitNll.matrix, 5);
        expect(y.matrixTest.accuracy).toBe(x.matrixTest.accuracy);
        expect(y.matrixTest.ece15).toBeCloseTo(x.matrixTest.ece15, 5);
        expect(y.matrixTest.nll).toBeCloseTo(x.matrixTest.nll, 4);
        expect(y.temperatureTest.nll).toBeCloseTo(x.temperatureTest.nll, 5);
      });
    }
  });

  it('quotes each model’s T, ECE, NLL and Brier as measured', () => {
    const rows: Record<ZooModelName, [string, string, string, string, string, string, string, string]> = {
      softmax: ['90.95', '1.20', '0.80', '2.99', '0.3353', '0.3323', '0.1402', '0.1425'],
      mlp: ['97.30', '0.97', '1.60', '1.49', '0.1004', '0.1001', '0.0443', '0.0441'],
      cnn: ['98.05', '0.91', '0.54', '0.75', '0.0654', '0.0667', '0.0299', '0.0299'],
      'robust-cnn': ['96.55', '0.68', '4.62', '1.00', '0.1474', '0.1228', '0.0586', '0.0518'],
    };
    for (const name of ZOO_MODEL_NAMES) {
      const f = fresh.get(name)!;
      expect([
        pct(f.accuracy),
        f.temperature.toFixed(2),
        pct(f.before.ece15),
        pct(f.after.ece15),
        f.before.nll.toFixed(4),
        f.after.nll.toFixed(4),
        f.before.brier.toFixed(4),
        f.after.brier.toFixed(4),
      ]).toEqual(rows[name]);
      expect(f.after.accuracy).toBe(f.before.accuracy);
      out.record(`${name}: T, ECE before → after`, { T: f.temperature, before: f.before.ece15, after: f.after.ece15 });
    }
    const r = fresh.get('robust-cnn')!;
    expect(pct(r.before.meanConfidence)).toBe('91.95');
    expect(r.validationNll.after).toBeLessThan(r.validationNll.before);
    const s = fresh.get('softmax')!;
    expect([s.validationNll.before.toFixed(3), s.validationNll.after.toFixed(3)]).toEqual(['0.358', '0.349']);
  });
});

describe('exercises', () => {
  it('cal-nll-not-ece: softmax regression, T > 1, confidence 90.8% → 88.2%, NLL down, ECE up', () => {
    const v = exerciseValues(LESSON, 'cal-nll-not-ece', params);
    expect(v.model).toBe('softmax');
    expect(v.scaled).toBe(true);
    const st = study(v.model, v);
    expect(st.temperature).toBeGreaterThan(1);
    expect([pct(st.before.meanConfidence, 1), pct(st.after.meanConfidence, 1)]).toEqual(['90.8', '88.2']);
    expect([pct(st.before.ece), pct(st.after.ece)]).toEqual(['0.80', '2.99']);
    expect(st.after.nll).toBeLessThan(st.before.nll);
    out.record('cal-nll-not-ece', { T: st.temperature, eceBefore: st.before.ece, eceAfter: st.after.ece });
  });

  it('cal-binning: the MLP at 30 equal-width, 30 and 15 equal-mass, 5 equal-width bins', () => {
    const v = exerciseValues(LESSON, 'cal-binning', params);
    expect([v.model, v.bins, v.binning]).toEqual(['mlp', 30, 'width']);
    const w30 = study('mlp', v).before;
    expect(pct(w30.ece)).toBe('1.73');
    expect(w30.bins.filter((b) => b.count === 0).length).toBeGreaterThanOrEqual(3);
    const m30 = study('mlp', { ...v, binning: 'mass' }).before;
    expect(pct(m30.ece)).toBe('1.35');
    expect(m30.bins.every((b) => b.count === 66 || b.count === 67)).toBe(true);
    expect(pct(study('mlp', { ...v, bins: 15, binning: 'mass' }).before.ece)).toBe('0.95');
    expect(pct(study('mlp', { ...v, bins: 5 }).before.ece)).toBe('0.95');
    out.record('cal-binning', { width30: w30.ece, mass30: m30.ece });
  });

  it('cal-underconfident: the robust CNN sits above the diagonal; T ≈ 0.68 keeps accuracy', () => {
    const v = exerciseValues(LESSON, 'cal-underconfident', params);
    expect(v.model).toBe('robust-cnn');
    const st = study(v.model, v);
    const populated = st.before.bins.filter((b) => b.count >= 20);
    expect(populated.every((b) => b.accuracy > b.confidence)).toBe(true);
    expect(st.temperature.toFixed(2)).toBe('0.68');
    expect([pct(st.before.ece), pct(st.after.ece)]).toEqual(['4.62', '1.00']);
    expect([st.before.nll.toFixed(3), st.after.nll.toFixed(3)]).toEqual(['0.147', '0.123']);
    expect(st.after.accuracy).toBe(0.9655);
  });
});

describe('the MLP trained here (exercise cal-epochs)', () => {
  const mdx = readFileSync(join(process.cwd(), 'content', 'lessons', LESSON, 'index.mdx'), 'utf8');
  const few = exerciseValues(LESSON, 'cal-epochs', params);
  const solution = mdx.slice(
    mdx.indexOf('<Exercise id="cal-epochs"'),
    mdx.indexOf('</Exercise>', mdx.indexOf('id="cal-epochs"')),
  );
  const link = solution.match(/\]\(\?(cal\.source=trained&cal\.epochs=\d+)#cal\)/);
  const many = stateValues(params, 'cal', link?.[1] ?? '');
  const entry = (epochs: number) => trainedRun().runs.find((r) => r.epochs === epochs)!;
  const gap = (epochs: number) => entry(epochs).calibration.before.meanConfidence - entry(epochs).calibration.accuracy;

  it('links two states trained here, both in the committed run of the current recipe', () => {
    expect(link).not.toBeNull();
    expect([few.source, many.source]).toEqual(['trained', 'trained']);
    expect(few.epochs).toBeLessThan(many.epochs);
    expect(trainedRun().backend).toBe('wasm');
    expect(trainedRun().options).toEqual(trainedOptions(1));
    for (const r of trainedRun().runs) expect(r.steps).toBe(trainedSteps(r.epochs));
    expect(entry(few.epochs)).toBeDefined();
    expect(entry(many.epochs)).toBeDefined();
  });

  it('the committed runs are the lab’s job: the shortest replays bit for bit here (wasm, ~2 s)', async () => {
    const train = await splitFromDisk('train');
    // The linked states' runs (10 and 30 epochs) take 15 and 50 s: the file holds them, written by the
    // same function; replaying its shortest run checks that function still gives the committed bits.
    const shortest = trainedRun().runs[0].epochs;
    const r = await trainAndScore({ train, validation, test }, shortest);
    expect(r).not.toBeNull();
    expect(logitsHash(r!.test.logits)).toBe(entry(shortest).testLogitsSha256);
    const c = calibrationFromLogits({ name: 'mlp', title: 'MLP trained here' }, r!.validation, r!.test);
    const committed = entry(shortest).calibration;
    expect(c.accuracy).toBe(committed.accuracy);
    expect(c.before.ece15).toBeCloseTo(committed.before.ece15, 5);
    expect(c.temperature).toBeCloseTo(committed.temperature, 4);
    out.record(`trained here, ${shortest} epoch(s)`, { trainMs: r!.trainMs, ece: c.before.ece15 });
  }, 60_000);

  it('longer training: ECE and the confidence-accuracy gap grow, accuracy kept by temperature scaling', () => {
    const a = entry(few.epochs).calibration;
    const b = entry(many.epochs).calibration;
    expect(b.before.ece15).toBeGreaterThan(a.before.ece15);
    expect(gap(many.epochs)).toBeGreaterThan(gap(few.epochs));
    expect(gap(many.epochs)).toBeGreaterThan(0); // overconfident
    expect(b.temperature).toBeGreaterThan(1);
    expect(b.after.ece15).toBeLessThan(b.before.ece15);
    expect(b.after.accuracy).toBe(b.before.accuracy);
  });

  it('the passage, the solution and the recap quote the committed runs', () => {
    const f = (e: number) => entry(e).calibration;
    const p = (x: number) => `${pct(x)}%`;
    // One epoch: underconfident, sharpened; at 10 accuracy and confidence meet; 20 and 30: accuracy stalls.
    expect([p(f(1).accuracy), p(f(1).before.meanConfidence), f(1).temperature.toFixed(2)]).toEqual([
      '88.70%',
      '81.71%',
      '0.81',
    ]);
    expect([p(f(10).accuracy), p(f(10).before.meanConfidence), p(f(10).before.ece15)]).toEqual([
      '93.85%',
      '93.81%',
      '1.02%',
    ]);
    expect([p(f(20).accuracy), p(f(30).accuracy), p(f(30).before.meanConfidence), p(f(30).before.ece15)]).toEqual([
      '94.75%',
      '94.75%',
      '97.02%',
      '2.32%',
    ]);
    expect([entry(10).finalTrainLoss.toFixed(3), entry(30).finalTrainLoss.toFixed(3)]).toEqual(['0.067', '0.005']);
    expect([f(20).before.nll.toFixed(3), f(30).before.nll.toFixed(3), f(10).before.nll.toFixed(3)]).toEqual([
      '0.197',
      '0.209',
      '0.207',
    ]);
    expect(f(30).before.nll).toBeGreaterThan(f(20).before.nll); // the test NLL turns up
    expect([f(10).temperature, f(20).temperature, f(30).temperature].map((t) => t.toFixed(2))).toEqual([
      '1.11',
      '1.39',
      '1.64',
    ]);
    expect([p(f(30).after.ece15), f(30).after.nll.toFixed(3)]).toEqual(['1.28%', '0.180']);
    // The signed gap grows with every budget; ECE falls, then rises.
    const gaps = trainedRun().runs.map((r) => gap(r.epochs));
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
    expect([pct(gaps[0]), `+${pct(gaps.at(-1)!)}`]).toEqual(['-6.99', '+2.27']);
    // At 30 epochs every bin with 20 or more digits sits below the diagonal; the top bin's numbers.
    const full = f(30).before.bins.filter((x) => x.count >= 20);
    expect(full.every((x) => x.accuracy < x.confidence)).toBe(true);
    const top = f(30).before.bins.at(-1)!;
    expect([top.count, pct(top.confidence, 1), pct(top.accuracy, 1)]).toEqual([1790, '99.6', '98.4']);
    // 10 → 30 epochs: under a point of accuracy, over three of confidence, ECE more than doubled.
    expect(f(30).accuracy - f(10).accuracy).toBeLessThan(0.01);
    expect(f(30).before.meanConfidence - f(10).before.meanConfidence).toBeGreaterThan(0.03);
    expect(f(30).before.ece15).toBeGreaterThan(2 * f(10).before.ece15);
    // The 30-epoch run's worker time, as the passage says ("about 50 s").
    expect((entry(30).trainMs / 1000).toFixed(0)).toBe('50');
    expect(mdx).toContain('about 50 s of the worker');
    // The shipped MLP (the same recipe with its shifts) for contrast: the calibration table's row.
    const shipped = STATIC_RUN.models.find((m) => m.name === 'mlp')!;
    expect([p(shipped.accuracy), p(shipped.before.ece15), shipped.temperature.toFixed(2)]).toEqual([
      '97.30%',
      '1.60%',
      '0.97',
    ]);
  });

  it('the lesson’s table quotes every committed run', () => {
    const squash = (t: string) => t.replace(/ +/g, ' ');
    for (const r of trainedRun().runs) {
      const c = r.calibration;
      const row =
        `| ${r.epochs} | ${r.finalTrainLoss.toFixed(3)} | ${pct(c.accuracy)}% | ${pct(c.before.meanConfidence)}% | ` +
        `${pct(c.before.ece15)}% | ${c.before.nll.toFixed(3)} | ${c.temperature.toFixed(2)} | ${pct(c.after.ece15)}% |`;
      expect(squash(mdx)).toContain(squash(row));
    }
  });
});

describe('matrix scaling (section “One temperature or 110 parameters?” and exercise cal-matrix)', () => {
  const mdx = readFileSync(join(process.cwd(), 'content', 'lessons', LESSON, 'index.mdx'), 'utf8');
  const squash = (t: string) => t.replace(/\s+/g, ' ');
  const text = squash(mdx);
  const p = (x: number) => `${pct(x)}%`;
  const at = (name: ZooModelName, fit: number) => study(name, { bins: 15, binning: 'width', seed: 1, fit });
  const solution = squash(
    mdx.slice(mdx.indexOf('<Exercise id="cal-matrix"'), mdx.indexOf('</Exercise>', mdx.indexOf('id="cal-matrix"'))),
  );
  const links = [...solution.matchAll(/\]\(\?([^)#]*)#cal\)/g)].map((m) => stateValues(params, 'cal', m[1]));

  it('links the default model after the matrix on 200 digits, then all 1,000, then the MLP on 200', () => {
    const v = exerciseValues(LESSON, 'cal-matrix', params);
    expect([v.model, v.scaled, v.map, v.fit, v.bins, v.binning]).toEqual([
      'robust-cnn',
      true,
      'matrix',
      200,
      15,
      'width',
    ]);
    expect(links.map((l) => [l.model, l.scaled, l.map, l.fit])).toEqual([
      ['robust-cnn', true, 'matrix', 1000],
      ['mlp', true, 'matrix', 200],
    ]);
  });

  it('the table quotes the adversarially trained CNN at 20, 200 and 1,000 fitting digits', () => {
    for (const fit of [20, 200, 1000]) {
      const st = at('robust-cnn', fit);
      const t = st.after;
      const m = st.matrix.after;
      const row =
        `| ${fit.toLocaleString('en-US')} | ${st.temperature.toFixed(2)} | ${st.validationNll.after.toFixed(3)} / ${st.matrix.fit.nllAfter.toFixed(3)} | ` +
        `${p(t.accuracy)} / ${p(m.accuracy)} | ${p(t.ece15)} / ${p(m.ece15)} | ${t.nll.toFixed(3)} / ${m.nll.toFixed(3)} |`;
      expect(text).toContain(squash(row));
      out.record(`robust-cnn, matrix on ${fit}`, { acc: m.accuracy, ece: m.ece15, nll: m.nll, tNll: t.nll });
    }
  });

  it('the passage: 200 digits fitted to zero, worse on every test measure; 1,000 still behind; 20 all right', () => {
    const few = at('robust-cnn', 200);
    expect(few.matrix.fit.nllAfter).toBeLessThan(0.0005);
    expect(few.matrix.fit.stop).toBe('gradient');
    for (const k of ['nll', 'ece', 'ece15', 'brier'] as const)
      expect(few.matrix.after[k]).toBeGreaterThan(few.after[k]);
    expect(few.matrix.after.accuracy).toBeLessThan(few.after.accuracy);
    expect(((few.after.accuracy - few.matrix.after.accuracy) * 100).toFixed(2)).toBe('4.95'); // "almost five points"
    expect(Math.floor(few.matrix.after.ece15 / few.after.ece15)).toBe(11); // "eleven times"
    const all = at('robust-cnn', 1000);
    expect(all.matrix.after.nll).toBeLessThan(few.matrix.after.nll);
    expect(all.matrix.after.accuracy).toBeGreaterThan(few.matrix.after.accuracy);
    for (const k of ['nll', 'ece15'] as const) expect(all.matrix.after[k]).toBeGreaterThan(all.after[k]);
    expect(all.matrix.after.accuracy).toBeLessThan(all.after.accuracy);
    expect(all.matrix.fit.stop).toBe('iterations');
    // The zoo's validation mistakes: 18 (CNN) to 98 (softmax regression).
    const mistakes = ZOO_MODEL_NAMES.map((name) => validationMistakes(name));
    expect([Math.min(...mistakes), Math.max(...mistakes)]).toEqual([18, 98]);
    expect(validationMistakes('cnn')).toBe(18);
    expect(validationMistakes('softmax')).toBe(98);
    // The first 20 validation digits are all right, so the temperature runs to the bottom of its range.
    expect(validationMistakes('robust-cnn', 20)).toBe(0);
    const tiny = at('robust-cnn', 20);
    expect(tiny.temperature).toBeCloseTo(TEMPERATURE_RANGE[0], 4);
    expect([tiny.after.nll.toFixed(3), tiny.before.nll.toFixed(3)]).toEqual(['0.985', '0.147']);
    expect(tiny.after.accuracy).toBe(tiny.before.accuracy);
  });

  it('the solution quotes the linked states', () => {
    const few = at('robust-cnn', 200);
    const all = at('robust-cnn', 1000);
    const mlp = at('mlp', 200);
    const pair = (a: string, b: string) => `${a} against ${b}`;
    for (const phrase of [
      `their NLL is ${few.matrix.fit.nllAfter.toFixed(3)} after the matrix and ${few.validationNll.after.toFixed(3)} after the temperature`,
      `accuracy ${pair(p(few.matrix.after.accuracy), p(few.after.accuracy))}`,
      `ECE ${pair(p(few.matrix.after.ece15), p(few.after.ece15))}`,
      `NLL ${pair(few.matrix.after.nll.toFixed(3), few.after.nll.toFixed(3))}`,
      `Brier ${pair(few.matrix.after.brier.toFixed(3), few.after.brier.toFixed(3))}`,
      `(accuracy ${p(all.matrix.after.accuracy)}, ECE ${p(all.matrix.after.ece15)}, NLL ${all.matrix.after.nll.toFixed(3)};`,
      `the temperature (${p(all.after.accuracy)}, ${p(all.after.ece15)}, ${all.after.nll.toFixed(3)}) still wins`,
      `accuracy ${pair(p(mlp.matrix.after.accuracy), p(mlp.after.accuracy))}, ECE ${pair(p(mlp.matrix.after.ece15), p(mlp.after.ece15))}, NLL ${pair(mlp.matrix.after.nll.toFixed(3), mlp.after.nll.toFixed(3))}`,
    ]) {
      expect(solution).toContain(phrase);
    }
    expect(all.matrix.fit.stop).toBe('iterations');
    out.record('mlp, matrix on 200', {
      acc: mlp.matrix.after.accuracy,
      ece: mlp.matrix.after.ece15,
      nll: mlp.matrix.after.nll,
    });
  });

  it('over the zoo with 1,000 fitting digits the matrix wins only softmax regression’s ECE (solution and recap)', () => {
    for (const name of ZOO_MODEL_NAMES) {
      const st = at(name, 1000);
      const m = st.matrix.after;
      expect(m.accuracy).toBeLessThan(st.after.accuracy);
      expect(m.nll).toBeGreaterThan(st.after.nll);
      expect(m.brier).toBeGreaterThan(st.after.brier);
      if (name === 'softmax') expect(m.ece15).toBeLessThan(st.after.ece15);
      else expect(m.ece15).toBeGreaterThan(st.after.ece15);
      out.record(`${name}, 1,000 fitting digits: temperature | matrix`, {
        accT: st.after.accuracy,
        accM: m.accuracy,
        eceT: st.after.ece15,
        eceM: m.ece15,
        nllT: st.after.nll,
        nllM: m.nll,
      });
    }
    const s = at('softmax', 1000);
    expect(solution).toContain(
      `softmax regression's ECE (${p(s.matrix.after.ece15)} against ${p(s.after.ece15)}), while it loses that model's accuracy (${p(s.matrix.after.accuracy)} against ${p(s.after.accuracy)}) and NLL (${s.matrix.after.nll.toFixed(3)} against ${s.after.nll.toFixed(3)})`,
    );
    const few = at('robust-cnn', 200);
    expect(text).toContain(
      `Fitted on 200 digits it took the adversarially trained CNN to ${p(few.matrix.after.accuracy)} test accuracy (from ${p(few.before.accuracy)}) and ${p(few.matrix.after.ece15)} ECE`,
    );
  });
});

describe('the shift study', () => {
  const mdx = readFileSync(join(process.cwd(), 'content', 'lessons', LESSON, 'index.mdx'), 'utf8');
  const ROW_LABELS: Record<Corruption, [string, string]> = {
    rotation: ['rotation 90°', 'rotation'],
    translation: ['translation 10 px', 'translation'],
    blur: ['blur σ = 2.5 px', 'blur'],
    noise: ['noise σ = 0.6', 'noise'],
    contrast: ['10% contrast', 'contrast'],
    inversion: ['inverted', 'inverted'],
    prior: ['class prior 2^-k', 'class prior'],
    uniform: ['uniform noise', 'uniform noise'],
  };
  const cell = (x: number) => (Number.isFinite(x) ? `${pct(x, 1)}%` : '—');
  const at1 = new Map<ZooModelName, ShiftPoint[]>();

  beforeAll(() => {
    for (const name of ZOO_MODEL_NAMES) {
      const { entry, weights } = entryAndWeights(name);
      const model = zooModelFromWeights(entry, weights);
      try {
        at1.set(name, measureShift(model, test, [1]));
      } finally {
        model.dispose();
      }
    }
  }, 240_000);

  it('the committed run at severity 1 is what every model measures now', () => {
    for (const name of ZOO_MODEL_NAMES) {
      const committed = SHIFT_RUN.models.find((m) => m.name === name)!.points.filter((p) => p.severity === 1);
      for (const p of at1.get(name)!) {
        const c = committed.find((x) => x.corruption === p.corruption)!;
        expect(p.meanConfidence).toBeCloseTo(c.meanConfidence, 5);
        expect(p.aurocMaxSoftmax).toBeCloseTo(c.aurocMaxSoftmax, 5);
        expect(p.aurocEnergy).toBeCloseTo(c.aurocEnergy, 5);
        if (Number.isFinite(p.accuracy)) expect(p.accuracy).toBeCloseTo(c.accuracy, 5);
      }
      out.record(
        `${name} at severity 1`,
        Object.fromEntries(at1.get(name)!.map((p) => [p.corruption, p.aurocMaxSoftmax])),
      );
    }
  });

  it('the lesson’s two tables quote every model at severity 1 as measured', () => {
    for (const kind of CORRUPTIONS) {
      const row = ZOO_MODEL_NAMES.map((name) => at1.get(name)!.find((p) => p.corruption === kind)!);
      const first = `| ${ROW_LABELS[kind][0]} | ${row.map((p) => `${cell(p.accuracy)} / ${cell(p.meanConfidence)} / ${cell(p.ece)}`).join(' | ')} |`;
      const second = `| ${ROW_LABELS[kind][1]} | ${row.map((p) => `${p.aurocMaxSoftmax.toFixed(3)} / ${p.aurocEnergy.toFixed(3)}`).join(' | ')} |`;
      const squash = (t: string) => t.replace(/ +/g, ' ');
      expect(squash(mdx)).toContain(squash(first));
      expect(squash(mdx)).toContain(squash(second));
    }
    expect(pct(fresh.get('cnn')!.before.meanConfidence)).toBe('98.25');
    expect(priorShiftIndices(test.labels, 1, 1)).toHaveLength(401);
  });

  it('the exercises quote the lab at their linked states', () => {
    const point = (name: ZooModelName, kind: Corruption) => at1.get(name)!.find((p) => p.corruption === kind)!;
    const blur = exerciseValues(LESSON, 'shift-blur', shiftParams);
    expect([blur.model, blur.corruption, blur.severity]).toEqual(['cnn', 'blur', 1]);
    const b = point('cnn', 'blur');
    const r = point('cnn', 'rotation');
    expect([pct(b.accuracy, 1), pct(b.meanConfidence, 1), pct(b.ece, 1), b.aurocMaxSoftmax.toFixed(3)]).toEqual([
      '46.1',
      '43.3',
      '4.1',
      '0.993',
    ]);
    expect([pct(r.accuracy, 1), pct(r.meanConfidence, 1), pct(r.ece, 1), r.aurocMaxSoftmax.toFixed(3)]).toEqual([
      '11.5',
      '78.8',
      '67.3',
      '0.911',
    ]);
    const en = exerciseValues(LESSON, 'shift-energy', shiftParams);
    expect([en.model, en.corruption, en.severity]).toEqual(['softmax', 'contrast', 1]);
    const sc = point('softmax', 'contrast');
    const mc = point('mlp', 'contrast');
    expect([sc.aurocMaxSoftmax.toFixed(3), sc.aurocEnergy.toFixed(3), pct(sc.meanConfidence, 1)]).toEqual([
      '0.394',
      '1.000',
      '99.2',
    ]);
    expect([mc.aurocMaxSoftmax.toFixed(3), mc.aurocEnergy.toFixed(3)]).toEqual(['0.910', '0.289']);
    const pr = exerciseValues(LESSON, 'shift-prior', shiftParams);
    expect([pr.model, pr.corruption, pr.severity]).toEqual(['cnn', 'prior', 1]);
    const cp = point('cnn', 'prior');
    expect([pct(cp.accuracy, 1), cp.aurocMaxSoftmax.toFixed(3), pct(point('softmax', 'prior').accuracy, 1)]).toEqual([
      '98.0',
      '0.502',
      '94.0',
    ]);
    const un = exerciseValues(LESSON, 'ood-threshold', shiftParams);
    expect([un.model, un.corruption, un.severity]).toEqual(['cnn', 'uniform', 1]);
    const u = point('cnn', 'uniform');
    expect([pct(u.meanConfidence, 1), u.aurocMaxSoftmax.toFixed(3)]).toEqual(['97.7', '0.868']);
    expect(exerciseValues(LESSON, 'shift-draw', shiftParams).input).toBe('drawn');
  });
});

describe('formulas the lesson evaluates', () => {
  it('Wilson intervals and test sizes for a gain', () => {
    const cnn = wilsonInterval(1961, 2000);
    expect([pct(cnn.lo), pct(cnn.hi)]).toEqual(['97.35', '98.57']);
    const mlp = wilsonInterval(1946, 2000);
    expect([pct(mlp.lo), pct(mlp.hi)]).toEqual(['96.49', '97.92']);
    expect(Math.round(examplesForGain(0.98, 0.005) / 100) * 100).toBe(10_800);
    expect(Math.round(examplesForGain(0.98, 0.01) / 100) * 100).toBe(2_300);
    expect(Math.round(examplesForGain(0.9, 0.01) / 100) * 100).toBe(13_500);
    const slice = wilsonInterval(27, 30);
    expect([pct(slice.lo, 0), pct(slice.hi, 0)]).toEqual(['74', '97']);
    expect(((wilsonInterval(1960, 2000).hi - wilsonInterval(1960, 2000).lo) / 2).toFixed(3)).toBe('0.006');
  });
});
