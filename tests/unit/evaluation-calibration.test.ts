/**
 * The evaluation chapter's math against hand-computed examples (ECE under both binnings, Brier, NLL,
 * AUROC, average precision, Wilson intervals), temperature scaling on seeded logits (validation NLL
 * falls, accuracy is unchanged), bootstrap bands that cover at about their nominal rate, the shift
 * corruptions, the calibration lab's controller through a fake port, and the lab's worker scoring a
 * model once and answering studies at new settings with a flat tensor count.
 */
import { describe, expect, it } from 'vitest';
import { fakePort, fakeWorkerScope } from './fake-worker-port';
import type { RuntimeEvent } from '../../src/lib/runtime/protocol';
import { serveModelWorker } from '../../src/lib/runtime/worker-server';
import { decodeParams, encodeParams } from '../../src/lib/params';
import { argmaxRows, negativeLogLikelihood } from '../../src/math/calibration';
import {
  assignBins,
  binAccuracyBands,
  binsFrom,
  brierScore,
  ece,
  eceOfBins,
  fitTemperature,
  quantileSorted,
  temperatureStudy,
} from '../../src/math/evaluation-calibration';
import { auroc, averagePrecision, examplesForGain, wilsonInterval } from '../../src/math/evaluation-metrics';
import { corruptImages, rotateDigit } from '../../src/math/evaluation-shift';
import { mulberry32, randNormal } from '../../src/math/random';
import { CalibrationController } from '../../src/widgets/evaluation-calibration/controller';
import { params, shownControls, studyRequest } from '../../src/widgets/evaluation-calibration/params';
import { trainAndScore, trainedSteps } from '../../src/widgets/evaluation-calibration/trained';
import { logitsHash } from '../../src/widgets/evaluation-calibration/trained-run';
import { TrainingGate } from '../../src/widgets/evaluation-shared/training-gate';
import type { DigitSplit } from '../../src/math/digit-split';
import { tf } from '../../src/ml/tf';
import { splitFromDisk } from './evaluation-disk';
import { describeCalibration } from '../../src/widgets/evaluation-calibration/summary';
import type { Command, WorkerEvent } from '../../src/widgets/evaluation-calibration/protocol';
import { calibrationServer } from '../../src/widgets/evaluation-calibration/studies';
import { fsFetch } from './zoo-fs-fetch';

describe('calibration scores by hand', () => {
  // Four rows of 2 classes: confidences 0.9 (right), 0.8 (wrong), 0.6 (right), 0.55 (right).
  const p = [0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.45, 0.55];
  const y = [0, 0, 0, 1];

  it('ECE with equal-width bins', () => {
    // 2 bins (0, .5], (.5, 1]: all four in the second; acc 3/4, conf (0.9+0.8+0.6+0.55)/4 = 0.7125.
    expect(ece(p, y, 2, 2, 'width')).toBeCloseTo(0.0375, 12);
    // 10 bins: (.5,.6] holds 0.6 and 0.55 (acc 1, conf .575), (.7,.8] 0.8 (acc 0), (.8,.9] 0.9 (acc 1).
    const want = (2 / 4) * (1 - 0.575) + (1 / 4) * 0.8 + (1 / 4) * (1 - 0.9);
    expect(ece(p, y, 2, 10, 'width')).toBeCloseTo(want, 12);
  });

  it('ECE with equal-mass bins', () => {
    // Sorted confidences .55 .6 | .8 .9: bin 1 acc 1 conf .575; bin 2 acc .5 conf .85.
    expect(ece(p, y, 2, 2, 'mass')).toBeCloseTo(0.5 * 0.425 + 0.5 * 0.35, 12);
    // 3 bins of 4 rows: sizes 2, 1, 1 (the first N mod M bins get one more).
    const { bin } = assignBins([0.55, 0.6, 0.8, 0.9], 3, 'mass');
    expect(Array.from(bin)).toEqual([0, 0, 1, 2]);
    // More bins than rows: the extra bins are empty, and ECE ignores them.
    const table = binsFrom([0.7, 0.9], [1, 0], 4, 'mass');
    expect(table.map((b) => b.count)).toEqual([1, 1, 0, 0]);
    expect(eceOfBins(table)).toBeCloseTo(0.5 * 0.3 + 0.5 * 0.9, 12);
  });

  it('Brier and NLL', () => {
    // Rows: (.9-1)²+.1², (.2-1)²+.8², (.6-1)²+.4², .45²+(.55-1)².
    const want = (0.02 + 1.28 + 0.32 + 0.405) / 4;
    expect(brierScore(p, y, 2)).toBeCloseTo(want, 12);
    expect(brierScore([1, 0], [0], 2)).toBe(0);
    expect(brierScore([0, 1], [0], 2)).toBe(2);
    // NLL of logits (0, ln 3) with label 1: -ln(3/4).
    expect(negativeLogLikelihood([0, Math.log(3)], [1], 2)).toBeCloseTo(-Math.log(0.75), 12);
  });

  it('refuses impossible inputs with the bound in the message', () => {
    expect(() => ece(p, y, 2, 0)).toThrow(/bins must be 1 … 1000/);
    expect(() => brierScore([0.5, 0.5, 1], [0], 2)).toThrow(/3 numbers for 1 rows of 2/);
    expect(() => wilsonInterval(5, 3)).toThrow(/0 ≤ k ≤ n/);
  });
});

describe('detector scores by hand', () => {
  it('AUROC counts the pairs in order, ties as half', () => {
    expect(auroc([3, 4], [1, 2])).toBe(1);
    expect(auroc([1, 2], [3, 4])).toBe(0);
    // Pairs (pos, neg): (2,1) ✓, (2,3) ✗, (4,1) ✓, (4,3) ✓ → 3/4.
    expect(auroc([2, 4], [1, 3])).toBe(0.75);
    expect(auroc([1, 1], [1])).toBe(0.5);
    expect(auroc([], [1])).toBeNaN();
  });

  it('average precision steps through the ranking', () => {
    // Ranking: 0.9 +, 0.8 -, 0.7 +: precision 1 at recall ½, 2/3 at recall 1 → ½ + ½·⅔.
    expect(averagePrecision([0.9, 0.7], [0.8])).toBeCloseTo(0.5 + (0.5 * 2) / 3, 12);
    expect(averagePrecision([0.9], [0.1, 0.2])).toBe(1);
  });

  it('Wilson’s interval and the test size for a gain', () => {
    const w = wilsonInterval(27, 30);
    expect(w.lo).toBeCloseTo(0.7438, 3);
    expect(w.hi).toBeCloseTo(0.9654, 3);
    expect(wilsonInterval(0, 10).lo).toBe(0);
    // (1.96 + 0.8416)² (0.98·0.02 + 0.985·0.015) / 0.005² by hand: 10,792.4 → 10,793.
    expect(examplesForGain(0.98, 0.005)).toBe(10_793);
  });
});

/** Seeded 10-class logits of an overconfident model: right 85% of the time, logits scaled up by 3. */
function seededLogits(n: number, seed: number, scale = 3) {
  const rng = mulberry32(seed);
  const logits = new Float32Array(n * 10);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(rng() * 10);
    const top = rng() < 0.85 ? labels[i] : Math.floor(rng() * 10);
    for (let k = 0; k < 10; k++) logits[i * 10 + k] = scale * (randNormal(rng) * 0.7 + (k === top ? 2 : 0));
  }
  return { logits, labels };
}

describe('temperature scaling', () => {
  it('lowers validation NLL, leaves accuracy unchanged, and finds T > 1 for logits scaled up', () => {
    const val = seededLogits(1000, 1);
    const test = seededLogits(2000, 2);
    const study = temperatureStudy(val, test, 10, { bins: 15, binning: 'width', resamples: 0, seed: 1 });
    expect(study.temperature).toBeGreaterThan(1.5);
    expect(study.validationNll.after).toBeLessThan(study.validationNll.before);
    expect(study.after.accuracy).toBe(study.before.accuracy);
    expect(
      Array.from(
        argmaxRows(
          test.logits.map((z) => z / study.temperature),
          10,
        ),
      ),
    ).toEqual(Array.from(argmaxRows(test.logits, 10)));
    // The fit is a minimum: nudging T either way raises validation NLL.
    for (const f of [0.95, 1.05]) {
      expect(negativeLogLikelihood(val.logits, val.labels, 10, study.temperature * f)).toBeGreaterThan(
        study.validationNll.after,
      );
    }
    // Deterministic for the seed.
    expect(fitTemperature(val.logits, val.labels, 10)).toBe(study.temperature);
  });
});

describe('bootstrap bands', () => {
  it('cover a bin’s true accuracy at about their nominal 95% rate', () => {
    // 120 simulated test sets: confidences uniform in (0.5, 1], correct with probability 0.8 in every
    // bin; a 2-bin diagram, 200 resamples each. Coverage of the true 0.8 by each bin's band.
    const rng = mulberry32(7);
    let covered = 0;
    let total = 0;
    for (let trial = 0; trial < 120; trial++) {
      const n = 300;
      const conf = Array.from({ length: n }, () => 0.5 + 0.5 * rng());
      const correct = conf.map(() => (rng() < 0.8 ? 1 : 0));
      const bands = binAccuracyBands(conf, correct, 2, 'mass', 200, trial);
      for (const b of bands) {
        total++;
        if (b.lo <= 0.8 && 0.8 <= b.hi) covered++;
      }
    }
    const rate = covered / total;
    expect(rate).toBeGreaterThan(0.9);
    expect(rate).toBeLessThan(0.985);
  });

  it('quantiles interpolate', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([5], 0.9)).toBe(5);
  });
});

describe('shift corruptions', () => {
  const digit = new Uint8Array(784);
  for (let y = 4; y < 24; y++) digit[y * 28 + 13] = 255; // a vertical bar

  it('rotation by 0 is the identity and by 90° turns a vertical bar horizontal', () => {
    expect(Array.from(rotateDigit(digit, 0))).toEqual(Array.from(digit));
    const r = rotateDigit(digit, 90);
    const row = Array.from({ length: 28 }, (_, x) => r[13 * 28 + x] + r[14 * 28 + x]);
    expect(row.filter((v) => v > 100).length).toBeGreaterThanOrEqual(18);
  });

  it('inversion at severity 1 flips ink and paper; noise is seeded and clipped; severity is checked', () => {
    const inv = corruptImages(digit, 1, 'inversion', 1, 1);
    expect(inv[0]).toBe(255);
    expect(inv[4 * 28 + 13]).toBe(0);
    const a = corruptImages(digit, 1, 'noise', 1, 5);
    expect(Array.from(corruptImages(digit, 1, 'noise', 1, 5))).toEqual(Array.from(a));
    expect(Array.from(corruptImages(digit, 1, 'noise', 0, 5))).toEqual(Array.from(digit));
    expect(() => corruptImages(digit, 1, 'noise', 1.5, 1)).toThrow(/severity must be 0 … 1/);
  });
});

describe('the calibration lab’s state and controller', () => {
  it('decodes hostile URLs without throwing', () => {
    const { values, notices } = decodeParams(
      params,
      new URLSearchParams(
        'cal.model=resnet&cal.bins=1e9&cal.binning=log&cal.seed=-4&cal.scaled=maybe&cal.source=hub&cal.epochs=1e6&cal.map=platt&cal.fit=5',
      ),
      'cal',
    );
    expect(values).toMatchObject({
      source: 'zoo',
      epochs: 30,
      model: 'robust-cnn',
      bins: 50,
      binning: 'width',
      seed: 0,
      scaled: false,
      map: 'temperature',
      fit: 20,
    });
    expect(notices.length).toBeGreaterThanOrEqual(8);
    // Links from before the matrix keep their meaning: scaled alone is temperature scaling on all 1,000.
    const old = decodeParams(params, new URLSearchParams('cal.scaled=1&cal.model=softmax'), 'cal');
    expect(old.values).toMatchObject({ scaled: true, map: 'temperature', fit: 1000 });
    expect(old.notices).toEqual([]);
    const matrix = decodeParams(params, new URLSearchParams('cal.scaled=1&cal.map=matrix&cal.fit=55'), 'cal');
    expect(matrix.values).toMatchObject({ map: 'matrix', fit: 60 });
    expect(encodeParams(params, old.values, new URLSearchParams(), 'cal').toString()).toBe(
      'cal.model=softmax&cal.scaled=1',
    );
    const trained = decodeParams(params, new URLSearchParams('cal.source=trained&cal.epochs=2.7&cal.model=cnn'), 'cal');
    expect(trained.values).toMatchObject({ source: 'trained', epochs: 3 });
    const search = encodeParams(params, trained.values, new URLSearchParams(), 'cal');
    expect(decodeParams(params, search, 'cal').values).toEqual(trained.values);
    expect(search.get('cal.source')).toBe('trained');
    // A trained model is named by its epochs; a shipped one by its name (its epochs control unused).
    expect(studyRequest(trained.values)).toEqual({
      source: 'trained',
      model: 'mlp',
      epochs: 3,
      bins: 15,
      binning: 'width',
      seed: 1,
      fit: 1000,
    });
    expect(studyRequest({ ...trained.values, source: 'zoo' })).toMatchObject({ model: 'cnn', epochs: 0 });
    expect(shownControls(trained.values)).not.toContain('model');
    expect(shownControls({ source: 'zoo' })).not.toContain('epochs');
    expect(trainedSteps(3)).toBe(3 * 109);
    expect(() => trainedSteps(31)).toThrow(/epochs must be an integer from 1 to 30/);
  });

  it('sends one study per change of settings, shows the newest, and is running until it arrives', () => {
    const { port, sent, emit } = fakePort();
    const c = new CalibrationController({ backends: ['wasm'], baseUrl: '/' }, () => port);
    emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    expect(c.status).toBe('loading');
    const first = { source: 'zoo', model: 'cnn', epochs: 0, bins: 15, binning: 'width', seed: 1, fit: 1000 } as const;
    c.study(first);
    c.study(first); // the same settings again send nothing
    const studies = () => sent.filter((m) => m.type === 'eval-study');
    expect(studies()).toHaveLength(1);
    const second = { ...first, bins: 30 };
    c.study(second);
    const [a, b] = studies();
    emit({ type: 'eval-scoring', run: a.run, request: first, split: 'test', done: 400, total: 2000 });
    expect(c.state.scoring).toBeNull(); // a stale run's progress is dropped
    emit({ type: 'eval-scoring', run: b.run, request: second, split: 'test', done: 400, total: 2000 });
    expect(c.state.scoring).toEqual({ split: 'test', done: 400, total: 2000 });
    const study = { temperature: 0.9 } as never;
    emit({ type: 'eval-study', run: b.run, request: second, study, computeMs: 12 });
    expect(c.state).toMatchObject({ shown: second, study, scoring: null, computeMs: 12, training: null });
    expect(c.status).toBe('ready');
    c.study({ ...second, binning: 'mass' });
    expect(c.status).toBe('running');
    // A model trained here: training progress, then scoring, then the study with how it was trained.
    const trained = { ...second, source: 'trained', model: 'mlp', epochs: 2 } as const;
    c.study(trained);
    const t = studies().at(-1)!;
    const progress = { step: 100, totalSteps: 218, epoch: 0, stepsPerSecond: 240 };
    emit({ type: 'eval-training', run: t.run, request: trained, ...progress, phase: 'running' });
    expect(c.state.training).toEqual({ ...progress, phase: 'running' });
    expect(c.status).toBe('running');
    // Pause and Step go to the worker as they are; a paused training is not running.
    c.train('pause');
    expect(sent.at(-1)).toEqual({ type: 'eval-train', action: 'pause' });
    emit({ type: 'eval-training', run: t.run, request: trained, ...progress, phase: 'paused' });
    expect(c.status).toBe('ready');
    c.train('step');
    expect(sent.at(-1)).toEqual({ type: 'eval-train', action: 'step' });
    c.train('resume');
    emit({ type: 'eval-training', run: t.run, request: trained, ...progress, phase: 'running' });
    emit({ type: 'eval-scoring', run: t.run, request: trained, split: 'validation', done: 200, total: 1000 });
    expect(c.state).toMatchObject({ training: null, scoring: { split: 'validation', done: 200, total: 1000 } });
    const info = { epochs: 2, steps: 218, trainMs: 900, stepsPerSecond: 242, finalTrainLoss: 0.2 };
    const trainedStudy = { temperature: 1.4, training: info } as never;
    emit({ type: 'eval-study', run: t.run, request: trained, study: trainedStudy, computeMs: 9 });
    expect(c.state).toMatchObject({ shown: trained, study: trainedStudy, training: null });
    expect(c.status).toBe('ready');
    // Reset: a new run (the old one's late events and errors are stale), nothing on show, not loading;
    // Train (the same study again) sends it anew.
    c.resetTraining(218);
    const reset = sent.at(-1)!;
    expect(reset).toMatchObject({ type: 'eval-train-reset' });
    expect(reset.run).toBeGreaterThan(t.run as number);
    emit({ type: 'error', run: t.run, message: 'the training stopped' });
    expect(c.state).toMatchObject({ study: null, shown: null, error: null, trainingReset: { totalSteps: 218 } });
    expect(c.status).toBe('ready');
    c.study(trained);
    expect(studies().at(-1)).toMatchObject({ request: trained });
    expect(c.state.trainingReset).toBeNull();
    expect(c.status).toBe('loading');
    const v = {
      model: 'mlp',
      source: 'zoo',
      epochs: 10,
      bins: 15,
      binning: 'width',
      scaled: false,
      map: 'temperature',
    } as const;
    expect(describeCalibration(v, null, { error: null, loading: true })).toBe(
      'Scoring MLP on the validation and test digits…',
    );
    expect(
      describeCalibration({ ...v, source: 'trained', epochs: 1 }, null, {
        error: null,
        loading: true,
        training: { step: 50, totalSteps: 109 },
      }),
    ).toBe('Training the MLP for 1 epoch: step 50 of 109…');
    expect(
      describeCalibration({ ...v, source: 'trained', epochs: 1 }, null, {
        error: null,
        loading: false,
        training: { step: 50, totalSteps: 109, phase: 'paused' },
      }),
    ).toBe('Paused training the MLP for 1 epoch: step 50 of 109.');
  });
});

describe('the lab’s worker (cpu)', () => {
  it('scores a model once, answers studies at new settings from the cache, with a flat tensor count', async () => {
    type Posted = (WorkerEvent | RuntimeEvent) & Record<string, unknown>;
    const { scope, posted, send, start, waitFor, memory } = fakeWorkerScope<Posted>();
    const studies = calibrationServer({ fetch: fsFetch('http://site/').fetch });
    serveModelWorker<Command, WorkerEvent>({ handle: (cmd, ctx) => studies.handle(cmd, ctx) }, scope);
    await start('cpu');
    let run = 0;
    const study = async (bins: number, binning: 'width' | 'mass', fit = 1000) => {
      const r = ++run;
      const request = { source: 'zoo', model: 'softmax', epochs: 0, bins, binning, seed: 1, fit };
      send({ type: 'eval-study', run: r, request });
      const e = await waitFor((x) => x.type === 'eval-study' && x.run === r);
      await new Promise((res) => setTimeout(res, 30));
      return e as Extract<WorkerEvent, { type: 'eval-study' }>;
    };
    const first = await study(15, 'width');
    expect(posted.some((e) => e.type === 'eval-scoring' && e.split === 'test')).toBe(true);
    expect(first.study.before.count).toBe(2000);
    expect(first.study.after.accuracy).toBe(first.study.before.accuracy);
    const warm = memory();
    const scorings = posted.filter((e) => e.type === 'eval-scoring').length;
    for (const [bins, binning] of [
      [30, 'mass'],
      [5, 'width'],
      [15, 'width'],
    ] as const) {
      const s = await study(bins, binning);
      expect(s.study.before.bins).toHaveLength(bins);
    }
    expect(posted.filter((e) => e.type === 'eval-scoring').length).toBe(scorings); // from the cache
    expect(memory()).toBe(warm);
    expect((await study(15, 'width')).study.before.ece).toBe(first.study.before.ece);
    // Both maps on 50 fitting digits: the matrix fits them far below the temperature and does worse on
    // test; the fits are kept per size (the same map again), and no tensor is involved.
    const few = (await study(15, 'width', 50)).study;
    expect(few.fitCount).toBe(50);
    expect(few.matrix.fit.nllAfter).toBeLessThan(few.validationNll.after / 10);
    expect(few.matrix.after.nll).toBeGreaterThan(few.after.nll);
    expect(few.after.accuracy).toBe(first.study.before.accuracy);
    expect(few.matrix.after.accuracy).not.toBe(first.study.before.accuracy);
    const again = (await study(30, 'mass', 50)).study;
    expect(again.matrix.fit).toEqual(few.matrix.fit);
    expect(again.matrix.after.accuracy).toBe(few.matrix.after.accuracy);
    expect(first.study.fitCount).toBe(1000);
    expect(memory()).toBe(warm);
  }, 60_000);

  it('trains the MLP here, scores it like a shipped model, stops a training no longer asked for, and frees it', async () => {
    type Posted = (WorkerEvent | RuntimeEvent) & Record<string, unknown>;
    type Study = Extract<WorkerEvent, { type: 'eval-study' }>;
    const { scope, posted, send, start, waitFor, memory } = fakeWorkerScope<Posted>();
    const studies = calibrationServer({ fetch: fsFetch('http://site/').fetch });
    serveModelWorker<Command, WorkerEvent>({ handle: (cmd, ctx) => studies.handle(cmd, ctx) }, scope);
    await start('cpu');
    const trained = (epochs: number, bins = 15) =>
      ({ source: 'trained', model: 'mlp', epochs, bins, binning: 'width', seed: 1, fit: 1000 }) as const;
    const settle = () => new Promise((r) => setTimeout(r, 30));
    // A 2-epoch training, overtaken by a request for a shipped model: it stops and leaves nothing.
    send({ type: 'eval-study', run: 1, request: trained(2) });
    await waitFor((e) => e.type === 'eval-training' && e.run === 1);
    send({ type: 'eval-study', run: 2, request: { ...trained(0), source: 'zoo', model: 'softmax' } });
    await waitFor((e) => e.type === 'eval-study' && e.run === 2);
    await settle();
    expect(posted.some((e) => e.type === 'eval-study' && e.run === 1)).toBe(false);
    const shipped = memory();
    // One epoch trained here: its progress, then the study of its own logits, with how it trained.
    send({ type: 'eval-study', run: 3, request: trained(1) });
    const s = (await waitFor((e) => e.type === 'eval-study' && e.run === 3)) as unknown as Study;
    await settle();
    const progress = posted.filter((e) => e.type === 'eval-training' && e.run === 3) as unknown as {
      step: number;
      totalSteps: number;
    }[];
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.totalSteps === 109 && p.step <= 109)).toBe(true);
    expect(s.study.training).toMatchObject({ epochs: 1, steps: 109 });
    expect(s.study.training!.trainMs).toBeGreaterThan(0);
    expect(s.study.before.count).toBe(2000);
    expect(s.study.before.accuracy).toBeGreaterThan(0.85);
    expect(s.study.after.accuracy).toBe(s.study.before.accuracy);
    expect(memory()).toBe(shipped); // the trained model and its optimiser are gone
    // New bins for the same model come from the cache: no second training.
    send({ type: 'eval-study', run: 4, request: trained(1, 30) });
    const again = (await waitFor((e) => e.type === 'eval-study' && e.run === 4)) as unknown as Study;
    expect(posted.some((e) => e.type === 'eval-training' && e.run === 4)).toBe(false);
    expect(again.study.before.bins).toHaveLength(30);
    expect(again.study.temperature).toBe(s.study.temperature);
    await settle();
    expect(memory()).toBe(shipped);
  }, 120_000);

  it('pause, two steps and resume reach the uninterrupted run’s test logits, bit for bit, and hold no extra tensor while paused', async () => {
    const head = (d: DigitSplit, count: number): DigitSplit => ({
      images: d.images.subarray(0, count * 784),
      labels: d.labels.subarray(0, count),
      count,
    });
    const [train, validation, test] = await Promise.all([
      splitFromDisk('train'),
      splitFromDisk('validation'),
      splitFromDisk('test'),
    ]);
    // 640 digits: 10 steps an epoch, 2 epochs; 200 validation and 300 test digits to score.
    const data = { train: head(train, 640), validation: head(validation, 200), test: head(test, 300) };
    const before = tf.memory().numTensors;
    const straight = await trainAndScore(data, 2, { reportEveryMs: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const gate = new TrainingGate();
    const phases: string[] = [];
    let pausedAt = -1;
    let pausedTensors = -1;
    let running = -1;
    const paused = await trainAndScore(data, 2, {
      gate,
      reportEveryMs: 0,
      onTraining: (p) => {
        phases.push(`${p.phase}@${p.step}`);
        if (p.phase === 'running' && p.step >= 4 && pausedAt < 0) {
          running = tf.memory().numTensors;
          pausedAt = 0;
          gate.command('pause');
        } else if (p.phase === 'paused') {
          pausedAt = p.step;
          pausedTensors = tf.memory().numTensors;
          // Two steps while paused, then resume (after the report, as the page's clicks come).
          setTimeout(() => gate.command(phases.filter((x) => x.startsWith('paused')).length < 3 ? 'step' : 'resume'));
        }
      },
    });
    expect(tf.memory().numTensors).toBe(before);
    const pausedSteps = phases.filter((x) => x.startsWith('paused')).map((x) => Number(x.split('@')[1]));
    expect(pausedSteps).toHaveLength(3);
    expect(pausedSteps[1]).toBe(pausedSteps[0] + 1);
    expect(pausedSteps[2]).toBe(pausedSteps[0] + 2);
    expect(pausedTensors).toBe(running); // paused: the model and optimiser, nothing more
    expect(paused!.steps).toBe(20);
    expect(logitsHash(paused!.test.logits)).toBe(logitsHash(straight!.test.logits));
    expect(logitsHash(paused!.validation.logits)).toBe(logitsHash(straight!.validation.logits));
    expect(paused!.finalTrainLoss).toBe(straight!.finalTrainLoss);
  }, 60_000);

  it('a training paused in the worker steps once, and a reset frees its model and forgets it', async () => {
    type Posted = (WorkerEvent | RuntimeEvent) & Record<string, unknown>;
    const { scope, posted, send, start, waitFor, memory } = fakeWorkerScope<Posted>();
    const studies = calibrationServer({ fetch: fsFetch('http://site/').fetch });
    serveModelWorker<Command, WorkerEvent>({ handle: (cmd, ctx) => studies.handle(cmd, ctx) }, scope);
    await start('cpu');
    const idle = memory();
    const request = {
      source: 'trained',
      model: 'mlp',
      epochs: 1,
      bins: 15,
      binning: 'width',
      seed: 1,
      fit: 1000,
    } as const;
    const training = (match: (e: Posted) => boolean) => waitFor((e) => e.type === 'eval-training' && match(e));
    send({ type: 'eval-study', run: 1, request });
    await training(() => true);
    send({ type: 'eval-train', action: 'pause' });
    const p = await training((e) => e.phase === 'paused');
    send({ type: 'eval-train', action: 'step' });
    await training((e) => e.phase === 'paused' && e.step === (p.step as number) + 1);
    await new Promise((r) => setTimeout(r, 100));
    const count = posted.filter((e) => e.type === 'eval-training').length;
    expect(posted.filter((e) => e.type === 'eval-training').length).toBe(count); // paused: no progress
    expect(memory()).toBeGreaterThan(idle); // the model being trained, paused
    send({ type: 'eval-train-reset', run: 2 });
    await waitFor((e) => e.type === 'error' && e.run === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(memory()).toBe(idle);
    expect(posted.some((e) => e.type === 'eval-study')).toBe(false);
    // The same request trains again from step 0 (nothing cached).
    send({ type: 'eval-study', run: 3, request });
    await training((e) => e.run === 3);
    send({ type: 'eval-train-reset', run: 4 });
    await waitFor((e) => e.type === 'error' && e.run === 3);
    await new Promise((r) => setTimeout(r, 30));
    expect(memory()).toBe(idle);
  }, 60_000);

  it('a training stopped midway resolves to null and leaves no tensor behind (the leak test)', async () => {
    const [train, validation, test] = await Promise.all([
      splitFromDisk('train'),
      splitFromDisk('validation'),
      splitFromDisk('test'),
    ]);
    const before = tf.memory().numTensors;
    const stop = new AbortController();
    let reports = 0;
    const r = await trainAndScore({ train, validation, test }, 1, {
      signal: stop.signal,
      reportEveryMs: 0,
      onTraining: (p) => {
        reports++;
        if (p.step >= 10) stop.abort();
      },
    });
    expect(r).toBeNull();
    expect(reports).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
