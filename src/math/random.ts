/**
 * Seeded randomness. Every random number on the site comes from here (or from tfjs ops given a seed
 * derived from here), so a shared link reproduces the same run.
 *
 * mulberry32: a 32-bit state generator, tiny and fast, with good enough statistics for teaching demos
 * (it passes gjrand's and PractRand's small tests). Not for cryptography.
 */
export type Rng = () => number;

/** A generator of uniform floats in [0, 1) from a 32-bit integer seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Standard normal by the Box–Muller transform: z = sqrt(-2 ln u1) cos(2π u2). */
export function randNormal(rng: Rng): number {
  // 1 - u keeps the argument of log in (0, 1].
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Derives an independent child seed, so sub-streams (data, init, sampling) do not overlap. */
export function deriveSeed(seed: number, stream: number): number {
  // A round of the splitmix32 finaliser mixes the pair into one well-spread 32-bit value.
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
