/**
 * The shift lab: its corruptions and scores by hand, its state and controller, and its worker (softmax
 * regression on the cpu backend): the study, the cache, one drawn input, and a flat tensor count.
 */
import { describe, expect, it } from 'vitest';
import { fakeWorkerScope } from './fake-worker-port';
import { decodeParams } from '../../src/lib/params';
import type { RuntimeEvent } from '../../src/lib/runtime/protocol';
import type { WorkerPort } from '../../src/lib/runtime/worker-controller';
import { serveModelWorker } from '../../src/lib/runtime/worker-server';
import { auroc } from '../../src/math/evaluation-metrics';
import { outputScores, shiftMeasure } from '../../src/math/evaluation-ood';
import { thinCurve } from '../../src/math/evaluation-binary';
import { rocArea, rocCurve, shareBelow } from '../../src/math/evaluation-roc';
import {
  blurDigit,
  corruptImages,
  gaussianKernel,
  priorShare,
  priorShiftIndices,
  shiftSplit,
  translateDigit,
} from '../../src/math/evaluation-shift';
import { mulberry32 } from '../../src/math/random';
import { DIGIT_PIXELS } from '../../src/math/zoo';
import { ShiftController } from '../../src/widgets/evaluation-shift/controller';
import { params } from '../../src/widgets/evaluation-shift/params';
import type { Command, WorkerEvent } from '../../src/widgets/evaluation-shift/protocol';
import { ShiftStudies, studySeverities } from '../../src/widgets/evaluation-shift/studies';
import { describeShift } from '../../src/widgets/evaluation-shift/summary';
import { fsFetch } from './zoo-fs-fetch';

const dot = () => {
  const d = new Uint8Array(DIGIT_PIXELS);
  d[14 * 28 + 14] = 255;
  return d;
};

describe('corruptions by hand', () => {
  it('translation moves a dot by whole pixels, and paper comes in', () => {
    const t = translateDigit(dot(), 3, 2);
    expect(t[16 * 28 + 17]).toBe(255);
    expect(t.reduce((a, b) => a + b, 0)).toBe(255);
    expect(translateDigit(dot(), 40, 0).every((v) => v === 0)).toBe(true);
  });

  it('the Gaussian kernel sums to 1 and blur keeps ink (away from the edges) and spreads it', () => {
    const w = gaussianKernel(1.5);
    expect(w.length).toBe(2 * Math.ceil(4.5) + 1);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Array.from(blurDigit(dot(), 0))).toEqual(Array.from(dot()));
    const b = blurDigit(dot(), 1);
    expect(b[14 * 28 + 14]).toBeLessThan(255);
    expect(b[14 * 28 + 15]).toBeGreaterThan(0);
    expect(Math.abs(b.reduce((a, v) => a + v, 0) - 255)).toBeLessThan(20); // rounding only
  });

  it('contrast pulls towards mid-grey; every kind at severity 0 but uniform is the identity', () => {
    const c = corruptImages(dot(), 1, 'contrast', 1, 1);
    expect(c[14 * 28 + 14]).toBe(140); // 127.5 + 0.1 · 127.5
    expect(c[0]).toBe(115); // 127.5 - 0.1 · 127.5
    for (const kind of ['rotation', 'translation', 'blur', 'noise', 'contrast', 'inversion'] as const) {
      expect(Array.from(corruptImages(dot(), 1, kind, 0, 3))).toEqual(Array.from(dot()));
    }
  });

  it('the prior change keeps 2^-k of class k at severity 1 and everything at 0', () => {
    const labels = Uint8Array.from({ length: 2000 }, (_, i) => i % 10);
    expect(priorShiftIndices(labels, 0, 1)).toHaveLength(2000);
    const kept = priorShiftIndices(labels, 1, 1);
    const per = Array.from({ length: 10 }, (_, k) => kept.filter((i) => labels[i] === k).length);
    expect(per).toEqual([200, 100, 50, 25, 13, 6, 3, 2, 1, 1]);
    expect(priorShare(3, 0.5)).toBeCloseTo(0.5 + 0.5 / 8, 12);
    const split = { images: new Uint8Array(2000 * DIGIT_PIXELS), labels, count: 2000 };
    const s = shiftSplit(split, 'prior', 1, 1);
    expect(s.count).toBe(kept.length);
    expect(Array.from(s.labels)).toEqual(kept.map((i) => labels[i]));
  });
});

describe('detector scores by hand', () => {
  it('the ROC curve runs from (0,0) to (1,1) and its area is the rank AUROC, ties included', () => {
    const rng = mulberry32(4);
    const pos = Array.from({ length: 300 }, () => Math.round(10 * (rng() + 0.3)) / 10);
    const neg = Array.from({ length: 200 }, () => Math.round(10 * rng()) / 10);
    const c = rocCurve(pos, neg);
    expect(c[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(c.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(rocArea(c)).toBeCloseTo(auroc(pos, neg), 12);
    expect(rocArea(rocCurve([1, 2], [3, 4]))).toBe(0);
    const thin = thinCurve(c, 5);
    expect(thin).toHaveLength(5);
    expect(thin[0]).toBe(c[0]);
    expect(thin[4]).toBe(c.at(-1));
    expect(shareBelow([1, 2, 3, 4], 3)).toBe(0.625);
  });

  it('max softmax and energy from logits, and the measures of a shift', () => {
    const logits = Float32Array.of(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const s = outputScores(logits);
    expect(s.msp[0]).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 9), 6);
    expect(s.energy[0]).toBeCloseTo(Math.log(Math.exp(2) + 9), 6);
    expect(s.msp[1]).toBeCloseTo(0.1, 6);
    expect(Array.from(s.predictions)).toEqual([0, 0]);
    const m = shiftMeasure(s, s, [0, 3]);
    expect(m.accuracy).toBe(0.5);
    expect(m.aurocMaxSoftmax).toBe(0.5);
    expect(Number.isNaN(shiftMeasure(s, s, null).ece)).toBe(true);
  });
});

describe('the shift lab’s state and controller', () => {
  it('decodes hostile URLs without throwing', () => {
    const { values, notices } = decodeParams(
      params,
      new URLSearchParams('shift.model=vit&shift.corruption=fire&shift.severity=7&shift.seed=x&shift.drawing=%%%'),
      'shift',
    );
    expect(values).toMatchObject({ model: 'cnn', corruption: 'rotation', severity: 1, seed: 1 });
    expect(notices.length).toBeGreaterThanOrEqual(3);
    expect(studySeverities(0.3)).toEqual([0, 0.25, 0.3, 0.5, 0.75, 1]);
    expect(studySeverities(0.5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('sends one study per change, drops stale progress, and classifies in its own lane', () => {
    const sent: Record<string, unknown>[] = [];
    const port: WorkerPort = {
      postMessage: (m: unknown) => sent.push(m as Record<string, unknown>),
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      terminate() {},
    };
    const emit = (data: unknown) => port.onmessage!({ data } as MessageEvent);
    const c = new ShiftController({ backends: ['wasm'], baseUrl: '/' }, () => port);
    emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    expect(c.status).toBe('loading');
    const first = { model: 'cnn', corruption: 'blur', severity: 0.5, seed: 1 } as const;
    c.study(first);
    c.study(first);
    const studies = () => sent.filter((m) => m.type === 'shift-study');
    expect(studies()).toHaveLength(1);
    const second = { ...first, severity: 1 };
    c.study(second);
    const [a, b] = studies();
    c.classify(second, { kind: 'test', index: 3 });
    const cls = sent.find((m) => m.type === 'shift-classify')!;
    emit({ type: 'shift-scoring', run: a.run, request: first, done: 400, total: 12000 });
    expect(c.state.scoring).toBeNull();
    emit({ type: 'shift-scoring', run: b.run, request: second, done: 400, total: 12000 });
    expect(c.state.scoring).toEqual({ done: 400, total: 12000 });
    emit({ type: 'shift-classified', run: cls.run, result: { msp: 0.9 } });
    expect(c.state.classification).toEqual({ msp: 0.9 });
    emit({ type: 'shift-study', run: b.run, study: { request: second } });
    expect(c.status).toBe('ready');
    c.study({ ...second, corruption: 'noise' });
    expect(c.status).toBe('running');
    expect(describeShift(null, { error: null, model: 'CNN' })).toBe(
      'Scoring the CNN on the clean and shifted test digits…',
    );
  });
});

describe('the shift lab’s worker (cpu)', () => {
  it('scores the curve once, answers from the cache, classifies a drawing, with a flat tensor count', async () => {
    type Posted = (WorkerEvent | RuntimeEvent) & Record<string, unknown>;
    const { scope, posted, send, start, waitFor, memory } = fakeWorkerScope<Posted>();
    const studies = new ShiftStudies({ fetch: fsFetch('http://site/').fetch });
    serveModelWorker<Command, WorkerEvent>({ handle: (cmd, ctx) => studies.handle(cmd, ctx) }, scope);
    await start('cpu');
    let run = 0;
    const request = (severity: number) => ({ model: 'softmax', corruption: 'inversion', severity, seed: 1 }) as const;
    const study = async (severity: number) => {
      const r = ++run;
      send({ type: 'shift-study', run: r, request: request(severity) });
      const e = await waitFor((x) => x.type === 'shift-study' && x.run === r);
      await new Promise((res) => setTimeout(res, 30));
      return (e as Extract<WorkerEvent, { type: 'shift-study' }>).study;
    };
    const first = await study(1);
    expect(first.curve.map((p) => p.severity)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(first.curve[0].aurocMaxSoftmax).toBe(0.5);
    expect(first.point.accuracy).toBeLessThan(0.2);
    expect(first.clean.accuracy).toBeCloseTo(0.9095, 4);
    expect(first.roc.msp[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(first.samples).toHaveLength(8);
    const warm = memory();
    await study(0.5);
    await study(1);
    expect(posted.filter((e) => e.type === 'shift-scoring' && e.run !== 1)).toEqual([]); // from the cache
    expect(posted.filter((e) => e.type === 'shift-scoring').every((e) => e.done <= e.total)).toBe(true);
    const r = ++run;
    const pixels = new Float32Array(DIGIT_PIXELS).fill(0.8);
    send({ type: 'shift-classify', run: r, request: request(1), digit: { kind: 'pixels', pixels } });
    const c = (await waitFor((x) => x.type === 'shift-classified' && x.run === r)) as Extract<
      WorkerEvent,
      { type: 'shift-classified' }
    >;
    expect(c.result.label).toBeNull();
    expect(c.result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(c.result.mspPercentile).toBeGreaterThanOrEqual(0);
    await new Promise((res) => setTimeout(res, 30));
    expect(memory()).toBe(warm);
  }, 90_000);
});
