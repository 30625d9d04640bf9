/**
 * The distillation lab's job and model code, in Node on wasm (as the seeded script ran): the loss is the
 * hard cross-entropy at λ = 0 and carries the T² factor; soft targets beat hard labels for the lab's
 * default seed on the small student (200 transfer digits), reproducing the committed run; the held-out
 * class is absent from the transfer set; jobs leak no tensor, finished or cancelled; bad requests get a
 * message.
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/lib/params';
import type { DigitSplit } from '../../src/math/digit-split';
import { accuracyWithBias, chooseBiasShift, softmaxT } from '../../src/math/efficiency-distillation';
import { DistillationSession, distillationLoss, transferSet } from '../../src/ml/efficiency-distillation';
import { tf } from '../../src/ml/tf';
import { checkDistillRequest, runDistillation } from '../../src/widgets/efficiency-distillation/lab';
import { distillRequest, params } from '../../src/widgets/efficiency-distillation/params';
import { readDistillTable } from '../../src/widgets/efficiency-distillation/static-figure';
import { ZooAssets } from '../../src/widgets/zoo-shared/assets';
import { fsFetch } from './zoo-fs-fetch';

const BASE = 'http://site/';
let assets: ZooAssets;
let train: DigitSplit;

beforeAll(async () => {
  await tf.setBackend('wasm');
  assets = new ZooAssets(BASE, { fetch: fsFetch(BASE).fetch });
  train = await assets.split('train');
});

afterAll(async () => {
  assets.dispose();
  await tf.setBackend('cpu');
});

const hooks = (signal = new AbortController().signal, progress = () => {}) => ({
  signal,
  progress,
  yieldToEventLoop: () => Promise.resolve(),
});

describe('distillation loss', () => {
  it('is the hard cross-entropy at λ = 0, and λ·T²·soft + (1 − λ)·hard otherwise', () => {
    const s = tf.tensor2d([[2, 0, -1]]);
    const t = tf.tensor2d([[4, 1, 0]]);
    const y = tf.tensor2d([[1, 0, 0]]);
    const hard = -Math.log(softmaxT([2, 0, -1], 1)[0]);
    expect(distillationLoss(s, t, y, 3, 0).dataSync()[0]).toBeCloseTo(hard, 5);
    const p = softmaxT([4, 1, 0], 3);
    const q = softmaxT([2, 0, -1], 3);
    const soft = -p.reduce((a, pi, i) => a + pi * Math.log(q[i]), 0);
    expect(distillationLoss(s, t, y, 3, 0.25).dataSync()[0]).toBeCloseTo(0.25 * 9 * soft + 0.75 * hard, 5);
    [s, t, y].forEach((x) => x.dispose());
  });

  it('the bias correction picks the δ that maximises accuracy', () => {
    // Two digits of class 1 whose class-1 logit is 1 below class 0's: δ = 1.5 gets both right.
    const logits = [0, -1, ...new Array(8).fill(-9), 0, -1, ...new Array(8).fill(-9), 0, -5, ...new Array(8).fill(-9)];
    const labels = [1, 1, 0];
    expect(chooseBiasShift(logits, labels, 1)).toBe(1.5);
    expect(accuracyWithBias(logits, labels, 1, 1.5)).toEqual({ accuracy: 1, classAccuracy: 1 });
  });
});

describe('distillation lab job', () => {
  it('soft targets beat hard labels for the default seed on 200 transfer digits (the committed run)', async () => {
    const request = distillRequest(defaultValues(params));
    const r = (await runDistillation(assets, request, hooks()))!;
    expect(r.transferCount).toBe(200);
    expect(r.soft.accuracy).toBeGreaterThan(r.hard.accuracy);
    const recorded = readDistillTable().runs[0];
    expect(r.hard.correct).toBe(recorded.hard.correct);
    expect(r.soft.correct).toBe(recorded.soft.correct);
    expect(r.teacher.accuracy).toBe(0.9805);
  }, 600_000);

  it('at λ = 0 the two students are the same; a held-out class is absent; no leaks, cancelled or not', async () => {
    const data = transferSet(train, 300, 3);
    expect(data.count).toBe(300);
    expect(Array.from(data.labels).includes(3)).toBe(false);
    const teacher = new Float32Array(300 * 10);
    const o = { hidden: 8, seed: 4, batchSize: 32, learningRate: 0.01, temperature: 4, alpha: 0 };
    const a = new DistillationSession(o, data, teacher);
    const b = new DistillationSession({ ...o, temperature: 9 }, data, teacher);
    a.trainStep();
    b.trainStep();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      a.trainStep();
      b.trainStep();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(a.model.getWeights()).toEqual(b.model.getWeights());
    a.dispose();
    b.dispose();
    const small = { ...distillRequest(defaultValues(params)), steps: 50, transfer: 100 };
    await runDistillation(assets, small, hooks());
    const base = tf.memory().numTensors;
    await runDistillation(assets, { ...small, holdOut: 7 }, hooks());
    const stop = new AbortController();
    const cancelled = await runDistillation(
      assets,
      small,
      hooks(stop.signal, () => stop.abort()),
    );
    expect(cancelled).toBeNull();
    expect(tf.memory().numTensors).toBe(base);
  }, 600_000);

  it('refuses a bad request with a message', () => {
    const ok = distillRequest(defaultValues(params));
    expect(() => checkDistillRequest({ ...ok, temperature: 0.5 })).toThrow(/T must be/);
    expect(() => checkDistillRequest({ ...ok, holdOut: 10 })).toThrow(/held-out/);
    expect(() => checkDistillRequest({ ...ok, alpha: 2 })).toThrow(/λ/);
    expect(() => checkDistillRequest({ ...ok, steps: 100000 })).toThrow(/steps/);
  });
});
