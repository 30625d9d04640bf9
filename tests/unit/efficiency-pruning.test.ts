/**
 * The pruning lab's job and model code, in Node on wasm (as the seeded scripts ran): pruning keeps
 * exactly the requested sparsity, globally and layer by layer, through a fine-tune (the mask is fixed);
 * the job reproduces the committed table's rows without fine-tuning; jobs and the ticket experiment
 * leak no tensor, repeated or cancelled; bad requests get a message.
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { magnitudeMasks, sparsityOf } from '../../src/math/pruning';
import type { DigitSplit } from '../../src/math/digit-split';
import { architectureShapes } from '../../src/math/zoo';
import { LotteryTicketExperiment, MaskedTrainingSession } from '../../src/ml/efficiency-pruning';
import { tf } from '../../src/ml/tf';
import { createZooModel } from '../../src/ml/zoo/models';
import { ZooAssets } from '../../src/widgets/zoo-shared/assets';
import { checkPruneRequest, runPruning, runTicket } from '../../src/widgets/efficiency-pruning/lab';
import type { PruneRequest, PruneSweepRow } from '../../src/widgets/efficiency-pruning/protocol';
import { readPruneTable } from '../../src/widgets/efficiency-pruning/static-figure';
import { fsFetch } from './zoo-fs-fetch';

const BASE = 'http://site/';
const table = readPruneTable();
let assets: ZooAssets;
let train: DigitSplit;
let test: DigitSplit;

beforeAll(async () => {
  await tf.setBackend('wasm');
  assets = new ZooAssets(BASE, { fetch: fsFetch(BASE).fetch });
  [train, test] = await Promise.all([assets.split('train'), assets.split('test')]);
});

afterAll(async () => {
  assets.dispose();
  await tf.setBackend('cpu');
});

const hooks = (rows: PruneSweepRow[] = [], signal = new AbortController().signal) => ({
  signal,
  progress: () => {},
  row: (r: PruneSweepRow) => rows.push(r),
  yieldToEventLoop: () => Promise.resolve(),
});

const zeros = (w: ArrayLike<number>) => Array.from(w).filter((v) => v === 0).length;

describe('masked fine-tuning', () => {
  it('keeps exactly the requested sparsity, layer-wise and global, through training; no tensor leaks', () => {
    const arch = { kind: 'mlp' as const, hidden: [24] };
    const shapes = architectureShapes(arch);
    const model = createZooModel(arch, 5);
    const w = model.getWeights();
    model.dispose();
    for (const scope of ['layer', 'global'] as const) {
      const masks = magnitudeMasks(w, shapes, 0.8, scope);
      const s = new MaskedTrainingSession(
        { architecture: arch, seed: 2, batchSize: 32, learningRate: 0.01 },
        train,
        w,
        masks,
      );
      s.trainStep();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 10; i++) s.trainStep();
      expect(tf.memory().numTensors).toBe(before);
      const after = s.model.getWeights();
      const rep = sparsityOf(masks, shapes);
      expect(rep.pruned).toBe(Math.round(0.8 * rep.prunableSize));
      // Every pruned weight is still exactly 0, and the trained weights moved.
      after.forEach((a, i) => masks[i].forEach((m, j) => m === 0 && expect(Math.abs(a[j])).toBe(0)));
      if (scope === 'layer') {
        expect(zeros(after[0])).toBe(Math.round(0.8 * after[0].length));
        expect(zeros(after[2])).toBe(Math.round(0.8 * after[2].length));
      } else {
        expect(zeros(after[0]) + zeros(after[2])).toBe(Math.round(0.8 * rep.prunableSize));
      }
      expect(after[0].some((v, j) => v !== w[0][j] && v !== 0)).toBe(true);
      s.dispose();
    }
  });
});

describe('pruning lab job', () => {
  const request: PruneRequest = {
    model: 'mlp',
    structure: 'unstructured',
    scope: 'global',
    sparsity: 0.9,
    fineTune: 0,
    seed: 1,
  };

  it('reproduces the committed table without fine-tuning, with exact sparsity and CSR bytes', async () => {
    const rows: PruneSweepRow[] = [];
    const r = await runPruning(assets, request, hooks(rows));
    expect(r).not.toBeNull();
    expect(rows.map((x) => x.sparsity)).toEqual([0.5, 0.8, 0.95, 0.9]);
    for (const row of rows) {
      const want = table.rows.find(
        (t) => t.model === 'mlp' && t.method === 'unstructured-global' && t.sparsity === row.sparsity,
      )!;
      expect(row.correct).toBe(want.correct);
    }
    const want = table.rows.find((t) => t.model === 'mlp' && t.method === 'unstructured-global' && t.sparsity === 0.9)!;
    expect(r!.kept).toBe(want.kept);
    expect(r!.prunableSize - r!.kept).toBe(Math.round(0.9 * r!.prunableSize));
    expect(r!.sparseBytes).toBe(want.sparseBytes);
    expect(r!.denseBytes).toBe(want.denseBytes);
    expect(r!.fineTuned).toBeNull();
  });

  it('fine-tunes with the mask fixed (accuracy up at 90%), structured gives a smaller model; no leaks', async () => {
    const tuned = await runPruning(assets, { ...request, fineTune: 25 }, hooks());
    expect(tuned!.fineTuned!.steps).toBe(25);
    expect(tuned!.fineTuned!.accuracy).toBeGreaterThan(tuned!.pruned.accuracy);
    const s = await runPruning(assets, { ...request, structure: 'structured', sparsity: 0.5 }, hooks());
    expect(s!.architecture).toBe('MLP: 784 → 64 ReLU → 10');
    expect(s!.denseBytes).toBe(4 * (784 * 64 + 64 + 64 * 10 + 10));
    const before = tf.memory().numTensors;
    await runPruning(assets, { ...request, fineTune: 25 }, hooks());
    const stop = new AbortController();
    const h = { ...hooks([], stop.signal), row: () => stop.abort() };
    expect(await runPruning(assets, { ...request, fineTune: 25 }, h)).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a bad request with a message', () => {
    expect(() => checkPruneRequest({ ...request, model: 'softmax' as never })).toThrow(/MLP or the CNN/);
    expect(() => checkPruneRequest({ ...request, sparsity: 0.99 })).toThrow(/sparsity/);
    expect(() => checkPruneRequest({ ...request, fineTune: 1000 })).toThrow(/fine-tuning/);
  });
});

describe('lottery ticket', () => {
  it('trains the dense net, then both arms per round with nested masks; leaks nothing, cancels cleanly', async () => {
    const x = new LotteryTicketExperiment(
      {
        architecture: { kind: 'mlp', hidden: [16] },
        seed: 3,
        steps: 5,
        learningRate: 0.005,
        batchSize: 32,
        rounds: 2,
        rate: 0.5,
        evalCount: 200,
      },
      train,
      test,
    );
    const before = tf.memory().numTensors;
    let calls = 0;
    while (!x.done) {
      x.step();
      calls++;
    }
    x.dispose();
    expect(calls).toBe(x.totalSteps);
    expect(x.totalSteps).toBe(25);
    expect(x.rows.map((r) => r.round)).toEqual([0, 1, 2]);
    expect(x.rows[0].sparsity).toBe(0);
    // Hidden layer half, then three quarters; the output layer to half of that.
    expect(x.rows[1].kept).toBe(784 * 16 - 6272 + 160 - 40);
    expect(x.rows[2].sparsity).toBeGreaterThan(x.rows[1].sparsity);
    expect(tf.memory().numTensors).toBe(before);
    const stop = new AbortController();
    const rows = await runTicket(
      assets,
      { hidden: 16, steps: 50, rounds: 1, seed: 1 },
      { ...hooks([], stop.signal), ticketRow: () => stop.abort() },
    );
    expect(rows).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });
});
