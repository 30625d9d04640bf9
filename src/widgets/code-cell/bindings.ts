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
  decodeSplitFile,
  splitFileName,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  type DigitSplitManifest,
} from '../../math/digit-split';
import { mulberry32, randNormal } from '../../math/random';
import { softmax } from '../../math/softmax';
import { makeBatch } from '../../math/tasks';
import { DIGIT_PIXELS } from '../../math/zoo';
import { scaledDotProductAttention } from '../../ml/attention';
import { TrainingSession } from '../../ml/training-session';
import { TinyTransformer } from '../../ml/transformer';
import { sha256Hex } from '../../lib/sha256';
import type { Tf } from '../../lib/tf-runtime';
import { BINDING_DOCS, type BindingSet } from './binding-docs';

/** Reads a file of the site's public folder, e.g. "data/zoo/validation.u8.gz". */
export type ReadFile = (path: string) => Promise<Uint8Array>;

/** The zoo's validation digits as the `digits` binding: read-only accessors, images as u / 255. */
async function loadDigits(readFile: ReadFile) {
  const manifest = JSON.parse(
    new TextDecoder().decode(await readFile(`${ZOO_DATA_DIR}/${ZOO_DATA_MANIFEST}`)),
  ) as DigitSplitManifest;
  const info = manifest.splits.validation;
  const split = await decodeSplitFile(
    await readFile(`${ZOO_DATA_DIR}/${splitFileName('validation')}`),
    info,
    sha256Hex,
  );
  const check = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= split.count) {
      throw new RangeError(`digit index must be an integer from 0 to ${split.count - 1}, got ${i}`);
    }
  };
  return Object.freeze({
    count: split.count,
    side: 28,
    label(i: number): number {
      check(i);
      return split.labels[i];
    },
    image(i: number): number[] {
      check(i);
      return Array.from(split.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), (u) => u / 255);
    },
    /** The index of the k-th digit (from 0) with this label. */
    indexOf(label: number, k = 0): number {
      let seen = 0;
      for (let i = 0; i < split.count; i++) if (split.labels[i] === label && seen++ === k) return i;
      throw new RangeError(`there is no digit ${label} number ${k} among the ${split.count}`);
    },
  });
}

/** The bindings of these sets, plus tf. */
export async function loadBindings(
  tf: Tf,
  sets: readonly BindingSet[],
  readFile: ReadFile,
): Promise<Record<string, unknown>> {
  const values: Record<BindingSet, () => Promise<Record<string, unknown>> | Record<string, unknown>> = {
    attention: () => ({ attention, softmax, dot, scaledDotProductAttention, mulberry32, randNormal }),
    transformer: () => ({ TinyTransformer, TrainingSession, makeBatch, mulberry32 }),
    diffusion: () => ({ makeSchedule, noisePoints, makeDataset, pointStats, mulberry32, randNormal }),
    digits: async () => ({ digits: await loadDigits(readFile) }),
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
