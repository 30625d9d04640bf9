/**
 * The latency lab's job on a fake clock: every variant is timed with its warm-up runs untimed (the clock
 * is read twice per timed run and never during warm-up) and the median of the timed runs reported; no
 * tensor is left behind, finished or cancelled. The edge-versus-cloud arithmetic, by hand.
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/ml/tf';
import { edgeCloud } from '../../src/widgets/efficiency-latency/compute';
import { checkLatencyRequest, runLatency } from '../../src/widgets/efficiency-latency/lab';
import { VARIANT_IDS } from '../../src/widgets/efficiency-latency/params';
import type { VariantTiming } from '../../src/widgets/efficiency-latency/protocol';
import { ZooAssets } from '../../src/widgets/zoo-shared/assets';
import { fsFetch } from './zoo-fs-fetch';

const BASE = 'http://site/';
let assets: ZooAssets;

beforeAll(async () => {
  await tf.setBackend('wasm');
  assets = new ZooAssets(BASE, { fetch: fsFetch(BASE).fetch });
});

afterAll(async () => {
  assets.dispose();
  await tf.setBackend('cpu');
});

/** A clock whose k-th timed run lasts durations[k mod n] ms: reads alternate start, end. */
function fakeClock(durations: number[]) {
  let t = 0;
  let reads = 0;
  return {
    now: () => {
      const start = reads % 2 === 0;
      if (!start) t += durations[(reads >> 1) % durations.length];
      reads++;
      const v = t;
      if (!start) t += 1000;
      return v;
    },
    get reads() {
      return reads;
    },
  };
}

describe('latency lab job', () => {
  it('times every variant, discarding the warm-up runs and reporting the median (fake clock)', async () => {
    const clock = fakeClock([5, 1, 9, 2, 7]);
    const rows: VariantTiming[] = [];
    const r = await runLatency(
      assets,
      { batches: [1, 10], repeats: 5, warmup: 3 },
      {
        signal: new AbortController().signal,
        progress: () => {},
        row: (x) => rows.push(x),
        now: clock.now,
        yieldToEventLoop: () => Promise.resolve(),
      },
    );
    expect(r!.map((x) => x.id)).toEqual([...VARIANT_IDS]);
    expect(rows).toHaveLength(VARIANT_IDS.length);
    // Two reads per timed run, none for the 3 warm-ups: 10 variants × 2 batches × 5 runs × 2.
    expect(clock.reads).toBe(VARIANT_IDS.length * 2 * 5 * 2);
    for (const v of r!) {
      for (const t of v.timings) {
        expect(t.samples).toEqual([5, 1, 9, 2, 7]);
        expect(t.medianMs).toBe(5);
      }
    }
    const cnn = r!.find((x) => x.id === 'cnn')!;
    expect(cnn.bytes).toBe(423464);
    expect(cnn.accuracy).toBe(0.9805);
    expect(r!.find((x) => x.id === 'cnn-structured50')!.multiplyAdds).toBe(307648);
    expect(r!.find((x) => x.id === 'cnn-int4')!.bytes).toBeLessThan(60000);
  }, 600_000);

  it('leaks no tensor, finished or cancelled; refuses bad requests', async () => {
    const q = { batches: [1], repeats: 3, warmup: 0 };
    const h = (signal: AbortSignal, row?: () => void) => ({
      signal,
      progress: () => {},
      row,
      yieldToEventLoop: () => Promise.resolve(),
    });
    await runLatency(assets, q, h(new AbortController().signal));
    const before = tf.memory().numTensors;
    const stop = new AbortController();
    expect(
      await runLatency(
        assets,
        q,
        h(stop.signal, () => stop.abort()),
      ),
    ).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => checkLatencyRequest({ ...q, batches: [7] })).toThrow(/batch sizes/);
    expect(() => checkLatencyRequest({ ...q, repeats: 1 })).toThrow(/timed runs/);
  }, 600_000);
});

describe('edge or cloud', () => {
  it('adds the round trip and the server time, and prices 1,000 requests', () => {
    const k = edgeCloud({
      deviceMs: 2,
      bytes: 53376,
      rttMs: 60,
      serverMs: 1,
      pricePerHour: 1,
      serverRps: 1000,
      downloadMBps: 1,
    });
    expect(k.cloudMs).toBe(61);
    expect(k.savedMs).toBe(59);
    expect(k.downloadMs).toBeCloseTo(53.376, 6);
    expect(k.breakEven).toBe(1);
    expect(k.costPer1000).toBeCloseTo(1000 / 3_600_000, 12);
    expect(
      edgeCloud({ deviceMs: 80, bytes: 1, rttMs: 60, serverMs: 1, pricePerHour: 1, serverRps: 1, downloadMBps: 1 })
        .breakEven,
    ).toBe(Infinity);
    expect(() =>
      edgeCloud({ deviceMs: -1, bytes: 1, rttMs: 1, serverMs: 1, pricePerHour: 1, serverRps: 1, downloadMBps: 1 }),
    ).toThrow(/deviceMs/);
  });
});
