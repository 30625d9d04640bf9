/**
 * Worker side: the latency lab's job, as plain code a Node test runs too (with a fake clock). Every
 * shipped zoo model, and compressed variants of the MLP and CNN (int8 and 4-bit weights, per output
 * channel, decoded to float32 as tfjs computes; and structured pruning to half the units, a smaller dense
 * model), timed with src/ml/efficiency.ts's measureLatency: `warmup` untimed runs, then the median of
 * `repeats` timed runs, per batch size, on the backend in use. Accuracy on the 2,000 test digits comes
 * from the manifest for the shipped models and is measured here for the variants. One model at a time;
 * the job yields between measurements so a newer request can stop it.
 */
import { splitToFloats } from '../../math/digit-split';
import { multiplyAdds, structuredPrune } from '../../math/pruning';
import type { QuantScheme } from '../../math/quantization';
import { ZOO_MODEL_NAMES, type ZooModelName } from '../../math/zoo';
import { measureLatency, quantizeZooModel } from '../../ml/efficiency';
import { zooModelFromWeights, type ZooModel } from '../../ml/zoo/models';
import type { ZooAssets } from '../zoo-shared/assets';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { LatencyRequest, VariantTiming } from './protocol';

export interface LatencyHooks {
  signal: AbortSignal;
  progress: (step: string, done: number, total: number) => void;
  row?: (row: VariantTiming) => void;
  /** Injectable for tests: the latency clock, and the evaluations' yields. */
  now?: () => number;
  yieldToEventLoop?: () => Promise<void>;
}

export const LATENCY_BATCHES = [1, 10, 100, 1000] as const;
export const MAX_REPEATS = 50;

export function checkLatencyRequest(r: LatencyRequest): void {
  if (r.batches.length < 1 || r.batches.some((b) => !(LATENCY_BATCHES as readonly number[]).includes(b)))
    throw new RangeError(`batch sizes must be among ${LATENCY_BATCHES.join(', ')}`);
  if (!(Number.isInteger(r.repeats) && r.repeats >= 3 && r.repeats <= MAX_REPEATS))
    throw new RangeError(`timed runs must be 3 … ${MAX_REPEATS}, got ${r.repeats}`);
  if (!(Number.isInteger(r.warmup) && r.warmup >= 0 && r.warmup <= 10))
    throw new RangeError(`warm-up runs must be 0 … 10, got ${r.warmup}`);
}

const INT8: QuantScheme = { bits: 8, mode: 'symmetric', granularity: 'channel', clipping: 'minmax' };
const INT4: QuantScheme = { bits: 4, mode: 'symmetric', granularity: 'channel', clipping: 'minmax' };

interface Variant {
  id: string;
  label: string;
  model: ZooModelName;
  /** Builds the model (the caller disposes it), its bytes and multiply-adds; `shipped` for the manifest's. */
  build: () => Promise<{ model: ZooModel; bytes: number; multiplyAdds: number; shipped: boolean }>;
}

export function variants(assets: ZooAssets, signal: AbortSignal): Variant[] {
  const list: Variant[] = [];
  for (const name of ZOO_MODEL_NAMES) {
    list.push({
      id: name,
      label: `${ZOO_MODEL_LABELS[name]} (float32)`,
      model: name,
      build: async () => {
        const { model, entry } = await assets.loadModel(name, { signal });
        return { model, bytes: entry.bytes, multiplyAdds: multiplyAdds(entry.architecture), shipped: true };
      },
    });
    if (name !== 'mlp' && name !== 'cnn') continue;
    for (const [tag, scheme] of [
      ['int8', INT8],
      ['int4', INT4],
    ] as const) {
      list.push({
        id: `${name}-${tag}`,
        label: `${ZOO_MODEL_LABELS[name]}, ${scheme.bits}-bit weights per channel`,
        model: name,
        build: async () => {
          const [entry, weights] = await Promise.all([assets.entry(name, signal), assets.weights(name, { signal })]);
          const q = quantizeZooModel(entry, weights, scheme);
          return {
            model: q.model,
            bytes: q.summary.bytes,
            multiplyAdds: multiplyAdds(entry.architecture),
            shipped: false,
          };
        },
      });
    }
    list.push({
      id: `${name}-structured50`,
      label: `${ZOO_MODEL_LABELS[name]}, structured pruning to half the units`,
      model: name,
      build: async () => {
        const [entry, weights] = await Promise.all([assets.entry(name, signal), assets.weights(name, { signal })]);
        const s = structuredPrune(entry.architecture, weights, entry.shapes, 0.5);
        const model = zooModelFromWeights({ architecture: s.architecture, shapes: s.shapes }, s.weights);
        const bytes = 4 * s.weights.reduce((a, w) => a + w.length, 0);
        return { model, bytes, multiplyAdds: multiplyAdds(s.architecture), shipped: false };
      },
    });
  }
  return list;
}

/** Runs the job; resolves to every variant's row, or null when cancelled. */
export async function runLatency(
  assets: ZooAssets,
  request: LatencyRequest,
  hooks: LatencyHooks,
): Promise<VariantTiming[] | null> {
  checkLatencyRequest(request);
  const { signal } = hooks;
  const test = await assets.split('test', { signal });
  if (signal.aborted) return null;
  const biggest = Math.max(...request.batches);
  const pixels = splitToFloats(test, 0, Math.min(biggest, test.count));
  const list = variants(assets, signal);
  const rows: VariantTiming[] = [];
  const manifest = await assets.manifest(signal);
  for (const [k, v] of list.entries()) {
    hooks.progress(`timing ${v.label}`, k, list.length);
    const built = await v.build();
    try {
      let accuracy: number;
      if (built.shipped) accuracy = manifest.models.find((m) => m.name === v.model)!.test.accuracy;
      else {
        const e = await evaluateOnRunner(built.model, test, {
          signal,
          ...(hooks.yieldToEventLoop && { yieldToEventLoop: hooks.yieldToEventLoop }),
        });
        if (!e) return null;
        accuracy = e.accuracy;
      }
      const timings = request.batches.map((batch) => {
        const m = measureLatency(built.model, pixels, {
          batch,
          warmup: request.warmup,
          repeats: request.repeats,
          ...(hooks.now && { now: hooks.now }),
        });
        return { batch, medianMs: m.medianMs, samples: m.samples };
      });
      const row = {
        id: v.id,
        label: v.label,
        model: v.model,
        bytes: built.bytes,
        accuracy,
        multiplyAdds: built.multiplyAdds,
        timings,
      };
      rows.push(row);
      hooks.row?.(row);
    } finally {
      built.model.dispose();
    }
    // Let a newer request's abort through between models.
    await (hooks.yieldToEventLoop?.() ?? new Promise((r) => setTimeout(r, 0)));
    if (signal.aborted) return null;
  }
  hooks.progress('done', list.length, list.length);
  return rows;
}
