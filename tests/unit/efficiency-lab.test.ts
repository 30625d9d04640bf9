/**
 * The quantization lab's worker job and the efficiency chapter's model code, in Node on wasm (as the
 * seeded scripts ran): the job reproduces the committed table's rows from the served files, its bytes
 * are the formula's, it leaks no tensor over repeated and cancelled jobs; latency discards its warm-up
 * runs and reports the median; structured pruning leaves a smaller model computing exactly what the
 * original computes with the removed units zeroed.
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/math/random';
import { quantizedBytes } from '../../src/math/quantization-encode';
import { structuredPrune } from '../../src/math/pruning';
import type { QuantScheme } from '../../src/math/quantization';
import { architectureShapes, DIGIT_PIXELS, type ZooArchitecture } from '../../src/math/zoo';
import { measureLatency, median, quantizeZooModel } from '../../src/ml/efficiency';
import { tf } from '../../src/ml/tf';
import { createZooModel, zooModelFromWeights } from '../../src/ml/zoo/models';
import { ZooAssets } from '../../src/widgets/zoo-shared/assets';
import { checkQuantizeRequest, runQuantization } from '../../src/widgets/quantization-lab/lab';
import type { SweepRow } from '../../src/widgets/quantization-lab/protocol';
import { readQuantTable } from '../../src/widgets/quantization-lab/static-figure';
import { tableRow } from '../../src/math/quantization-table';
import { fsFetch } from './zoo-fs-fetch';

const BASE = 'http://site/';
const table = readQuantTable();
let assets: ZooAssets;

beforeAll(async () => {
  await tf.setBackend('wasm');
  assets = new ZooAssets(BASE, { fetch: fsFetch(BASE).fetch });
});

afterAll(async () => {
  assets.dispose();
  await tf.setBackend('cpu');
});

const hooks = (rows: SweepRow[], signal = new AbortController().signal) => ({
  signal,
  progress: () => {},
  row: (r: SweepRow) => rows.push(r),
  yieldToEventLoop: () => Promise.resolve(),
});

describe('quantization lab job', () => {
  it('reproduces the committed table for the softmax regression, with the formula’s bytes', async () => {
    const scheme: QuantScheme = { bits: 3, mode: 'affine', granularity: 'channel', clipping: 'minmax' };
    const rows: SweepRow[] = [];
    const r = await runQuantization(assets, { model: 'softmax', scheme, layer: 0, batch: 20 }, hooks(rows));
    expect(r).not.toBeNull();
    expect(rows.map((x) => x.bits)).toEqual([8, 6, 4, 2, 3]);
    for (const row of rows) {
      const want = tableRow(table, 'softmax', { ...scheme, bits: row.bits })!;
      expect(row.correct).toBe(want.correct);
      expect(row.bytes).toBe(want.bytes);
      expect(row.bytes).toBe(quantizedBytes(architectureShapes({ kind: 'softmax' }), { ...scheme, bits: row.bits }));
    }
    expect(r!.correct).toBe(tableRow(table, 'softmax', scheme)!.correct);
    expect(r!.float).toEqual({ bytes: 31400, accuracy: 0.9095, correct: 1819 });
    expect(r!.latency.floatSamples).toHaveLength(5);
    expect(r!.histogram.levels.length).toBeLessThanOrEqual(8);
    expect(r!.histogram.counts.reduce((a, b) => a + b, 0)).toBe(7840);
  });

  it('leaks no tensor over repeated and cancelled jobs', async () => {
    const request = {
      model: 'softmax' as const,
      scheme: { bits: 4, mode: 'symmetric' as const, granularity: 'tensor' as const, clipping: 'minmax' as const },
      layer: 0,
      batch: 10,
    };
    await runQuantization(assets, request, hooks([]));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await runQuantization(assets, request, hooks([]));
    const stop = new AbortController();
    const rows: SweepRow[] = [];
    const h = { ...hooks(rows, stop.signal), row: (r: SweepRow) => (rows.push(r), stop.abort()) };
    expect(await runQuantization(assets, request, h)).toBeNull();
    expect(rows).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a bad request with a message', () => {
    const scheme: QuantScheme = { bits: 4, mode: 'symmetric', granularity: 'tensor', clipping: 'minmax' };
    expect(() => checkQuantizeRequest({ model: 'vgg' as never, scheme, layer: 0, batch: 1 })).toThrow(
      /no model called/,
    );
    expect(() => checkQuantizeRequest({ model: 'cnn', scheme: { ...scheme, bits: 9 }, layer: 0, batch: 1 })).toThrow(
      /bits/,
    );
    expect(() => checkQuantizeRequest({ model: 'cnn', scheme, layer: 0, batch: 5000 })).toThrow(/batch/);
  });
});

describe('latency', () => {
  it('discards the warm-up runs and reports the median of the timed ones', () => {
    const model = createZooModel({ kind: 'softmax' }, 1);
    // Each run reads the clock twice only when timed: warm-ups read it never.
    const times = [0, 50, 100, 103, 200, 201, 300, 309, 400, 402];
    let k = 0;
    const m = measureLatency(model, new Float32Array(DIGIT_PIXELS), {
      batch: 3,
      warmup: 2,
      repeats: 5,
      now: () => times[k++],
    });
    expect(m.samples).toEqual([50, 3, 1, 9, 2]);
    expect(m.medianMs).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => measureLatency(model, new Float32Array(DIGIT_PIXELS), { batch: 0 })).toThrow(/batch/);
    const before = tf.memory().numTensors;
    measureLatency(model, new Float32Array(2 * DIGIT_PIXELS), { batch: 7 });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('a quantized model computes from its decoded bytes and is disposed by its owner', () => {
    const arch: ZooArchitecture = { kind: 'mlp', hidden: [16] };
    const model = createZooModel(arch, 3);
    const before = tf.memory().numTensors;
    const q = quantizeZooModel({ architecture: arch, shapes: architectureShapes(arch) }, model.getWeights(), {
      bits: 8,
      mode: 'affine',
      granularity: 'channel',
      clipping: 'minmax',
    });
    expect(q.bytes.length).toBe(q.summary.bytes);
    const x = Float32Array.from({ length: DIGIT_PIXELS }, (_, i) => (i % 7) / 7);
    const a = model.predict(x);
    const b = q.model.predict(x);
    a.forEach((p, i) => expect(Math.abs(p - b[i])).toBeLessThan(0.02));
    q.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('structured pruning', () => {
  it('the smaller model computes what the original computes with the removed units zeroed', () => {
    for (const arch of [
      { kind: 'mlp', hidden: [12, 8] },
      { kind: 'cnn', kernel: 3, filters: [4, 6], dense: 8 },
    ] as ZooArchitecture[]) {
      const model = createZooModel(arch, 5);
      const w = model.getWeights();
      const shapes = architectureShapes(arch);
      const s = structuredPrune(arch, w, shapes, 0.5);
      expect(s.shapes).toEqual(architectureShapes(s.architecture));
      // Zero each removed unit's incoming weights and bias in the original: its ReLU output is 0.
      const zeroed = w.map((a) => Float32Array.from(a));
      const cut = (wi: number, bi: number, kept: number[]) => {
        const units = shapes[bi][0];
        const drop = new Set(Array.from({ length: units }, (_, u) => u).filter((u) => !kept.includes(u)));
        zeroed[wi].forEach((_, j) => drop.has(j % units) && (zeroed[wi][j] = 0));
        drop.forEach((u) => (zeroed[bi][u] = 0));
      };
      s.layers.forEach((l, k) => cut(2 * k, 2 * k + 1, l.kept));
      const full = zooModelFromWeights({ architecture: arch, shapes }, zeroed);
      const small = zooModelFromWeights({ architecture: s.architecture, shapes: s.shapes }, s.weights);
      const rng = mulberry32(2);
      const x = Float32Array.from({ length: 3 * DIGIT_PIXELS }, () => rng());
      const a = full.predict(x);
      const b = small.predict(x);
      a.forEach((p, i) => expect(b[i]).toBeCloseTo(p, 5));
      [model, full, small].forEach((m) => m.dispose());
    }
  });
});
