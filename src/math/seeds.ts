/**
 * Seed streams of a training run, and the example question a seed picks. No tensors here, so the
 * page can show the example without loading TensorFlow.js.
 */
import { deriveSeed, mulberry32 } from './random';
import { randomDigits } from './tasks';

/** One stream per use, so changing one (say, the probe) never shifts another (the data). */
export const SEED_STREAM = { data: 1, heldOut: 2, probe: 3 } as const;

/** The example question shown when the reader has typed none: fixed by the seed. */
export function defaultProbe(seed: number, length: number): number[] {
  return randomDigits(length, mulberry32(deriveSeed(seed, SEED_STREAM.probe)));
}
