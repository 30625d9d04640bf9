/**
 * The values behind binding-docs.ts: the lesson's own code and data a cell can use. Worker side (and
 * Node: tests and scripts/code-cells-static.ts), so src/ml may be imported here. Data are read through
 * `readFile` before any reader code runs: in the Worker with the fetch it captured before it locked
 * the network away, in Node from public/.
 */
// Chained ops (`a.matMul(b)`, as the tfjs docs write them) for the reader's code; src/ml itself uses functional ops.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { attention, dot } from '../../math/attention';
import { makeSchedule, noisePoints } from '../../math/diffusion';
import { makeDataset, pointStats } from '../../math/datasets2d';
import {
  balanceLoss,
  coefficientOfVariation,
  expertCapacity,
  loadFractions,
  meanProbabilities,
  route,
  topK,
  topKGates,
} from '../../math/moe';
import { mulberry32, randNormal } from '../../math/random';
import { softmax } from '../../math/softmax';
import { makeBatch } from '../../math/tasks';
import { scaledDotProductAttention } from '../../ml/attention';
import { MoeLayer } from '../../ml/moe';
import { TrainingSession } from '../../ml/training-session';
import { TinyTransformer } from '../../ml/transformer';
import type { Tf } from '../../lib/tf-runtime';
import { BINDING_DOCS, type BindingSet } from './binding-docs';
import type { ZooAssets } from '../zoo-shared/assets';
import { loadZoo, splitBinding, zooAssetsOver, type ReadFile } from './bindings-zoo';

export type { ReadFile };

/** The bindings of these sets, plus tf. */
export async function loadBindings(
  tf: Tf,
  sets: readonly BindingSet[],
  readFile: ReadFile,
): Promise<Record<string, unknown>> {
  let assets: ZooAssets | null = null;
  const zoo = () => (assets ??= zooAssetsOver(readFile));
  const values: Record<BindingSet, () => Promise<Record<string, unknown>> | Record<string, unknown>> = {
    attention: () => ({ attention, softmax, dot, scaledDotProductAttention, mulberry32, randNormal }),
    transformer: () => ({ TinyTransformer, TrainingSession, makeBatch, mulberry32 }),
    diffusion: () => ({ makeSchedule, noisePoints, makeDataset, pointStats, mulberry32, randNormal }),
    digits: async () => ({ digits: splitBinding(tf, await zoo().split('validation'), 'validation') }),
    zoo: async () => ({ zoo: await loadZoo(tf, zoo()) }),
    moe: () => ({
      topK,
      topKGates,
      loadFractions,
      meanProbabilities,
      balanceLoss,
      coefficientOfVariation,
      expertCapacity,
      route,
      MoeLayer,
      mulberry32,
      randNormal,
    }),
  };
  const out: Record<string, unknown> = { tf };
  for (const set of sets) {
    const made = await values[set]();
    const documented = Object.keys(BINDING_DOCS[set]).sort().join(',');
    if (Object.keys(made).sort().join(',') !== documented)
      throw new Error(`bindings of "${set}" differ from their docs`);
    Object.assign(out, made);
  }
  return out;
}
