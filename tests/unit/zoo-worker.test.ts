/**
 * The zoo's worker-side helpers (src/widgets/zoo-shared): the assets loader against the committed files
 * (verified, shared, retried, cancellable), batched evaluation on a SlicedRunner (the manifest's test
 * accuracy from the shipped weights, progress events, cancellation), live training (from scratch and
 * from shipped weights, steppable), and leak tests for both. Wasm, as the training script ran (the cpu
 * backend rounds differently, so a digit on the edge could flip).
 */
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigitSplit } from '../../src/math/digit-split';
import { ZOO_MODEL_NAMES, type ZooManifest } from '../../src/math/zoo';
import { tf } from '../../src/ml/tf';
import { ZOO_RECIPES } from '../../src/ml/zoo/recipes';
import { abortError, isAbortError, ZooAssets } from '../../src/widgets/zoo-shared/assets';
import { evaluateOnRunner, type EvaluationRunProgress } from '../../src/widgets/zoo-shared/evaluate';
import { liveRecipe, ZooTrainer, type TrainingSnapshot } from '../../src/widgets/zoo-shared/trainer';
import { fsFetch, PUBLIC } from './zoo-fs-fetch';

const zoo = JSON.parse(readFileSync(join(PUBLIC, 'weights/zoo/manifest.json'), 'utf8')) as ZooManifest;
const BASE = 'http://site/';
const noYield = () => Promise.resolve();
/** A clock that moves 1 ms per reading: with sliceMs 2, every slice is exactly one step. */
const ticking = () => {
  let t = 0;
  return () => ++t;
};

let assets: ZooAssets;
let test: DigitSplit;

beforeAll(async () => {
  await tf.setBackend('wasm');
  assets = new ZooAssets(BASE, { fetch: fsFetch(BASE).fetch });
  test = await assets.split('test');
});

afterAll(async () => {
  assets.dispose();
  await tf.setBackend('cpu');
});

describe('zoo assets', () => {
  it('load the manifests, the splits (checked) and the weights, each file once', async () => {
    const f = fsFetch(BASE);
    const a = new ZooAssets(BASE, { fetch: f.fetch });
    const progress: number[] = [];
    const [s1, s2] = await Promise.all([
      a.split('validation', { onProgress: (p) => progress.push(p.loaded) }),
      a.split('validation'),
    ]);
    expect(s1).toBe(s2);
    expect(s1.count).toBe(1000);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toBe(161_610);
    const w = await a.weights('softmax');
    expect(w.map((x) => x.length)).toEqual([7840, 10]);
    const { model, entry } = await a.loadModel('softmax');
    expect(entry.parameters).toBe(7850);
    expect(model.numParameters).toBe(7850);
    model.dispose();
    expect(f.requests.sort()).toEqual(
      [
        'data/zoo/manifest.json',
        'data/zoo/validation.u8.gz',
        'weights/zoo/manifest.json',
        'weights/zoo/softmax.bin',
      ].sort(),
    );
  });

  it('accept a split the host already decompressed, and refuse damaged files with a clear message', async () => {
    const { gunzipSync } = await import('node:zlib');
    const f = fsFetch(BASE);
    const gz = readFileSync(join(PUBLIC, 'data/zoo/validation.u8.gz'));
    f.override.set('data/zoo/validation.u8.gz', new Uint8Array(gunzipSync(gz)));
    const damaged = new Uint8Array(readFileSync(join(PUBLIC, 'weights/zoo/softmax.bin')));
    damaged[100] ^= 1;
    f.override.set('weights/zoo/softmax.bin', damaged);
    const a = new ZooAssets(BASE, { fetch: f.fetch });
    expect((await a.split('validation')).count).toBe(1000);
    await expect(a.weights('softmax')).rejects.toThrow(/softmax\.bin does not match its SHA-256/);
    // A failed download is forgotten: the next call tries again (and now gets the good file).
    f.override.delete('weights/zoo/softmax.bin');
    expect((await a.weights('softmax')).length).toBe(2);
    const cut = new Uint8Array(gunzipSync(readFileSync(join(PUBLIC, 'data/zoo/test.u8.gz')))).slice(0, 5000);
    f.override.set('data/zoo/test.u8.gz', cut);
    await expect(a.split('test')).rejects.toThrow(/holds 5000 bytes once decompressed/);
    await expect(a.entry('resnet' as never)).rejects.toThrow(/no model called "resnet"/);
  });

  it('stop a caller’s wait when its signal aborts, without spoiling the shared download', async () => {
    const a = new ZooAssets(BASE, { fetch: fsFetch(BASE).fetch });
    const controller = new AbortController();
    const waiting = a.split('validation', { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toSatisfy(isAbortError);
    expect((await a.split('validation')).count).toBe(1000);
    expect(isAbortError(abortError())).toBe(true);
  });
});

describe('evaluation on a sliced runner', () => {
  it('reproduces every shipped model’s test accuracy, per class, from the verified weights', async () => {
    for (const name of ZOO_MODEL_NAMES) {
      const m = zoo.models.find((e) => e.name === name)!;
      const model = await assets.model(name);
      const r = await evaluateOnRunner(model, test, { yieldToEventLoop: noYield });
      expect(r, name).not.toBeNull();
      expect(r!.correct, name).toBe(m.test.correct);
      expect(r!.accuracy).toBeCloseTo(m.test.accuracy, 10);
      r!.perClass.forEach((a, c) => expect(a, `${name} class ${c}`).toBeCloseTo(m.test.perClass[c], 10));
      expect(r!.batches).toBe(10);
      expect(r!.probabilities.length).toBe(20_000);
      expect(r!.computeMs).toBeGreaterThan(0);
    }
  });

  it('reports progress batch by batch, always ending with the final count', async () => {
    const model = await assets.model('softmax');
    const seen: EvaluationRunProgress[] = [];
    const r = await evaluateOnRunner(model, test, {
      count: 1000,
      batchSize: 100,
      reportEveryMs: 0,
      sliceMs: 1, // the ticking clock advances 1 per reading: one step (batch) per slice
      now: ticking(),
      yieldToEventLoop: noYield,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.map((p) => p.done)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(seen.slice(0, -1).every((p) => p.phase === 'running')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', done: 1000, total: 1000, correct: r!.correct });
    for (let i = 1; i < seen.length; i++) expect(seen[i].correct).toBeGreaterThanOrEqual(seen[i - 1].correct);
  });

  it('stops between batches when its signal aborts, resolving to null with nothing left allocated', async () => {
    const model = await assets.model('cnn');
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const seen: EvaluationRunProgress[] = [];
    const r = await evaluateOnRunner(model, test, {
      batchSize: 100,
      reportEveryMs: 0,
      sliceMs: 1, // the ticking clock advances 1 per reading: one step (batch) per slice
      now: ticking(),
      yieldToEventLoop: noYield,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.done === 300) controller.abort();
      },
    });
    expect(r).toBeNull();
    expect(seen.at(-1)!.phase).toBe('cancelled');
    expect(seen.at(-1)!.done).toBe(300);
    expect(tf.memory().numTensors).toBe(before);
    // Already aborted: nothing is scored at all.
    expect(await evaluateOnRunner(model, test, { signal: controller.signal })).toBeNull();
  });

  it('leaks no tensors over repeated and attacked evaluations', async () => {
    const model = await assets.model('mlp');
    const settings = { epsilon: 0.1, steps: 2, stepSize: 0.05, randomStart: true };
    await evaluateOnRunner(model, test, { count: 50, yieldToEventLoop: noYield });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      await evaluateOnRunner(model, test, { count: 200, yieldToEventLoop: noYield });
      await evaluateOnRunner(model, test, { count: 40, attack: { settings, seed: i }, yieldToEventLoop: noYield });
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad range with the field named', async () => {
    const model = await assets.model('softmax');
    await expect(evaluateOnRunner(model, test, { count: 5000 })).rejects.toThrow(/count/);
  });
});

describe('live training', () => {
  let train: DigitSplit;
  let validation: DigitSplit;
  beforeAll(async () => {
    [train, validation] = await Promise.all([assets.split('train'), assets.split('validation')]);
  });

  it('fits a recipe to the live budget: same model and optimiser, cosine over the live steps', () => {
    const o = liveRecipe('robust-cnn', { steps: 300, seed: 7 });
    const shipped = ZOO_RECIPES.find((r) => r.name === 'robust-cnn')!.options;
    expect(o.architecture).toEqual(shipped.architecture);
    expect(o.seed).toBe(7);
    expect(o.schedule).toEqual({ totalSteps: 300, finalFraction: shipped.schedule!.finalFraction });
    expect(o.adversarial!.rampSteps).toBe(50);
    expect(liveRecipe('softmax', { steps: 10 }).learningRate).toBe(0.01);
    expect(() => liveRecipe('vgg' as never, { steps: 10 })).toThrow(/no recipe/);
  });

  it('trains from scratch step by step, reporting curves once each, and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const reports: TrainingSnapshot[] = [];
    const trainer = new ZooTrainer({
      training: liveRecipe('softmax', { steps: 40 }),
      train,
      totalSteps: 40,
      validation: { split: validation, every: 20, count: 200 },
      reportEveryMs: 0,
      yieldToEventLoop: noYield,
      report: (s) => reports.push(s),
    });
    const first = trainer.snapshot();
    expect(first.newValidation).toEqual([{ step: 0, value: expect.closeTo(0.1, 1) }]);
    await trainer.stepOnce();
    expect(reports.at(-1)!.progress).toMatchObject({ phase: 'paused', step: 1 });
    const controller = new AbortController();
    const playing = trainer.play(controller.signal);
    await playing;
    const all = [first, ...reports];
    const loss = all.flatMap((s) => s.newLoss);
    expect(loss.map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(all.flatMap((s) => s.newValidation).map((p) => p.step)).toEqual([0, 20, 40]);
    expect(reports.at(-1)!.progress.phase).toBe('done');
    expect(loss.at(-1)!.value).toBeLessThan(loss[0].value);
    expect(all.flatMap((s) => s.newValidation).at(-1)!.value).toBeGreaterThan(0.6);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pauses when its play signal aborts and resumes where it stopped', async () => {
    const trainer = new ZooTrainer({
      training: liveRecipe('mlp', { steps: 30 }),
      train,
      totalSteps: 30,
      sliceMs: 1, // the ticking clock advances 1 per reading: one step (batch) per slice
      reportEveryMs: 0,
      now: ticking(),
      yieldToEventLoop: noYield,
      report: (s) => {
        if (s.progress.step === 5) controller.abort();
      },
    });
    const controller = new AbortController();
    await trainer.play(controller.signal);
    expect(trainer.state).toMatchObject({ phase: 'paused', step: 5 });
    await trainer.play();
    expect(trainer.state).toMatchObject({ phase: 'done', step: 30 });
    trainer.dispose();
  });

  it('fine-tunes from the shipped weights (starting at their accuracy), and leaks nothing per step', async () => {
    const weights = await assets.weights('cnn');
    const trainer = new ZooTrainer({
      training: liveRecipe('cnn', { steps: 12, learningRate: 0.0002 }),
      train,
      initialWeights: weights,
      totalSteps: 12,
      validation: { split: validation, every: 100, count: 300 },
      yieldToEventLoop: noYield,
    });
    expect(trainer.snapshot().newValidation[0].value).toBeGreaterThan(0.97);
    await trainer.stepOnce();
    await trainer.stepOnce();
    const warm = tf.memory().numTensors;
    for (let i = 0; i < 8; i++) await trainer.stepOnce();
    expect(tf.memory().numTensors).toBe(warm);
    const before = warm - trainer.model.trainableVariables.length;
    trainer.dispose();
    // The model's variables and Adam's two moments per variable (and its step counters) are gone.
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('refuses a bad validation interval before building anything', () => {
    const before = tf.memory().numTensors;
    expect(
      () =>
        new ZooTrainer({
          training: liveRecipe('softmax', { steps: 5 }),
          train,
          totalSteps: 5,
          validation: { split: validation, every: 0 },
        }),
    ).toThrow(/validation.every/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
