/**
 * Seeded 2D data sets for the diffusion chapter, as plain arrays of [x, y] with optional class labels.
 *
 * Every built-in shape is centred and scaled by one common factor (so its shape is not distorted) to
 * unit variance per coordinate on average, (Var x + Var y) / 2 = 1, before its jitter is added: the
 * data then sit on the same scale as the N(0, I) noise the forward process ends in, which is what the
 * noise schedules of Ho et al. 2020 and Nichol & Dhariwal 2021 assume. The jitter `noise` is a
 * standard deviation in these output units, so the total variance is about 1 + noise².
 *
 * Class labels (moons: 2, rings: 2 or 3) alternate 0, 1, …, K-1, 0, 1, … so every prefix of a set is
 * balanced; they are what a class-conditional denoiser (classifier-free guidance) is trained on.
 */
import type { Vec2 } from './diffusion';
import { deriveSeed, mulberry32, randInt, randNormal, type Rng } from './random';

export const DATASET_NAMES = ['moons', 'swissRoll', 'rings'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export const DATASET_LIMITS = {
  /** Points generated per set. */
  n: { min: 1, max: 20000 },
  /** Jitter standard deviation, in output units. */
  noise: { min: 0, max: 1 },
  /** Concentric rings. */
  rings: { min: 2, max: 3 },
  /** Reader-drawn points. */
  drawn: { min: 1, max: 1000 },
  /** Classes a drawn set may use (labels 0 … max-1). */
  drawnClasses: { max: 10 },
} as const;

/** Default jitter of each set, in output units. */
export const DEFAULT_NOISE: Record<DatasetName | 'drawn', number> = {
  moons: 0.08,
  swissRoll: 0.08,
  rings: 0.05,
  drawn: 0.1,
};

export interface Dataset2D {
  points: Vec2[];
  /** Class of each point (0 … numClasses-1), or null for an unlabelled set. */
  labels: number[] | null;
  /** 0 for an unlabelled set. */
  numClasses: number;
}

function checkCount(n: number): void {
  const { min, max } = DATASET_LIMITS.n;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new RangeError(`number of points must be an integer from ${min} to ${max}, got ${n}`);
  }
}

function checkNoise(noise: number): void {
  const { min, max } = DATASET_LIMITS.noise;
  if (!(noise >= min && noise <= max)) throw new RangeError(`noise must be from ${min} to ${max}, got ${noise}`);
}

/**
 * Two interleaved half circles (as scikit-learn's make_moons): the upper one (cos θ, sin θ) is class 0,
 * the lower one (1 - cos θ, 1/2 - sin θ) is class 1, θ uniform in [0, π]. By hand (E[sin θ] = 2/π,
 * E[cos θ] = 0): centre (1/2, 1/4), Var x = 3/4, Var y = 9/16 - 1/π.
 */
export function makeMoons(n: number, rng: Rng, { noise = DEFAULT_NOISE.moons }: { noise?: number } = {}): Dataset2D {
  checkCount(n);
  checkNoise(noise);
  // E over both moons: E[x] = 1/2, E[x²] = (1/2 + 3/2) / 2 = 1; E[y] = 1/4,
  // E[y²] = (1/2 + (1/4 - 2/π + 1/2)) / 2 = 5/8 - 1/π.
  const varX = 1 - 1 / 4;
  const varY = 5 / 8 - 1 / Math.PI - 1 / 16;
  const scale = 1 / Math.sqrt((varX + varY) / 2);
  const points: Vec2[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const theta = Math.PI * rng();
    const x = c === 0 ? Math.cos(theta) : 1 - Math.cos(theta);
    const y = c === 0 ? Math.sin(theta) : 0.5 - Math.sin(theta);
    points.push([(x - 0.5) * scale + noise * randNormal(rng), (y - 0.25) * scale + noise * randNormal(rng)]);
    labels.push(c);
  }
  return { points, labels, numClasses: 2 };
}

/** Mean and per-coordinate variance of the 2D swiss roll below, by the midpoint rule (exact to ~1e-8). */
const SWISS_ROLL_MOMENTS = (() => {
  const m = 20000;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    const t = swissRollAngle((i + 0.5) / m);
    const x = t * Math.cos(t);
    const y = t * Math.sin(t);
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
  }
  const mx = sx / m;
  const my = sy / m;
  return { mx, my, scale: 1 / Math.sqrt((sxx / m - mx * mx + syy / m - my * my) / 2) };
})();

function swissRollAngle(u: number): number {
  return 1.5 * Math.PI * (1 + 2 * u);
}

/**
 * The 2D swiss roll: (t cos t, t sin t) with t = 3π/2 (1 + 2u), u uniform in [0, 1]: one and a half turns
 * of a spiral whose arms are easy to tell apart and hard to cover with a single Gaussian. Unlabelled.
 */
export function makeSwissRoll(
  n: number,
  rng: Rng,
  { noise = DEFAULT_NOISE.swissRoll }: { noise?: number } = {},
): Dataset2D {
  checkCount(n);
  checkNoise(noise);
  const { mx, my, scale } = SWISS_ROLL_MOMENTS;
  const points: Vec2[] = [];
  for (let i = 0; i < n; i++) {
    const t = swissRollAngle(rng());
    points.push([
      (t * Math.cos(t) - mx) * scale + noise * randNormal(rng),
      (t * Math.sin(t) - my) * scale + noise * randNormal(rng),
    ]);
  }
  return { points, labels: null, numClasses: 0 };
}

/**
 * K concentric circles (K = 2 or 3) of radii k/K, k = 1 … K, with equally many points each; ring k - 1
 * (innermost first) is class k - 1. Centred at 0 with Var x = Var y = E[r²] / 2.
 */
export function makeRings(
  n: number,
  rng: Rng,
  { rings = 2, noise = DEFAULT_NOISE.rings }: { rings?: number; noise?: number } = {},
): Dataset2D {
  checkCount(n);
  checkNoise(noise);
  const { min, max } = DATASET_LIMITS.rings;
  if (!Number.isInteger(rings) || rings < min || rings > max) {
    throw new RangeError(`rings must be an integer from ${min} to ${max}, got ${rings}`);
  }
  let meanR2 = 0;
  for (let k = 1; k <= rings; k++) meanR2 += (k / rings) ** 2 / rings;
  const scale = 1 / Math.sqrt(meanR2 / 2);
  const points: Vec2[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % rings;
    const r = ((c + 1) / rings) * scale;
    const phi = 2 * Math.PI * rng();
    points.push([r * Math.cos(phi) + noise * randNormal(rng), r * Math.sin(phi) + noise * randNormal(rng)]);
    labels.push(c);
  }
  return { points, labels, numClasses: rings };
}

export interface DrawnOptions {
  /** One class label per drawn point (integers 0 … 9), for a class-conditional drawn set. */
  labels?: readonly number[] | null;
  /** Jitter standard deviation around each drawn point, in output units. */
  jitter?: number;
  /** Centre and rescale the drawn points to unit variance (default true). */
  normalize?: boolean;
}

export interface DrawnDataset extends Dataset2D {
  /** output = (drawn - centre) · scale + jitter: to map the set back onto the drawing. */
  transform: { centre: Vec2; scale: number };
}

/** Throws a RangeError with a message fit to show the reader if the drawn points are unusable. */
export function validateDrawnPoints(drawn: readonly (readonly number[])[], labels?: readonly number[] | null): void {
  const { min, max } = DATASET_LIMITS.drawn;
  if (!Array.isArray(drawn) || drawn.length < min) throw new RangeError('Draw at least one point first.');
  if (drawn.length > max) throw new RangeError(`Too many drawn points: ${drawn.length} (at most ${max}).`);
  drawn.forEach((p, i) => {
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new RangeError(`Drawn point ${i + 1} has no finite x and y: ${JSON.stringify(p)}.`);
    }
  });
  if (labels != null) {
    if (labels.length !== drawn.length) {
      throw new RangeError(`Need one label per drawn point (${drawn.length}), got ${labels.length}.`);
    }
    const k = DATASET_LIMITS.drawnClasses.max;
    labels.forEach((c, i) => {
      if (!Number.isInteger(c) || c < 0 || c >= k) {
        throw new RangeError(`Label of drawn point ${i + 1} must be an integer from 0 to ${k - 1}, got ${c}.`);
      }
    });
  }
}

/**
 * A distribution from a reader's drawing: each of the n points picks a drawn point uniformly and adds
 * N(0, jitter² I), so a shape of 10–200 clicks becomes a smooth density (a Gaussian mixture with one
 * equal-weight component per drawn point). The drawn points are first centred and scaled by one factor
 * to unit variance per coordinate (a single point, or all points equal, is only centred).
 * With labels, numClasses is the largest label + 1.
 */
export function makeFromPoints(
  drawn: readonly (readonly number[])[],
  n: number,
  rng: Rng,
  { labels = null, jitter = DEFAULT_NOISE.drawn, normalize = true }: DrawnOptions = {},
): DrawnDataset {
  validateDrawnPoints(drawn, labels);
  checkCount(n);
  if (!(jitter >= DATASET_LIMITS.noise.min && jitter <= DATASET_LIMITS.noise.max)) {
    throw new RangeError(
      `jitter must be from ${DATASET_LIMITS.noise.min} to ${DATASET_LIMITS.noise.max}, got ${jitter}`,
    );
  }
  const m = drawn.length;
  let centre: Vec2 = [0, 0];
  let scale = 1;
  if (normalize) {
    const { mean, variance } = pointStats(drawn);
    centre = mean;
    const spread = (variance[0] + variance[1]) / 2;
    scale = spread > 1e-12 ? 1 / Math.sqrt(spread) : 1;
  }
  const points: Vec2[] = [];
  const out: number[] | null = labels ? [] : null;
  for (let i = 0; i < n; i++) {
    const j = randInt(rng, m);
    points.push([
      (drawn[j][0] - centre[0]) * scale + jitter * randNormal(rng),
      (drawn[j][1] - centre[1]) * scale + jitter * randNormal(rng),
    ]);
    out?.push(labels![j]);
  }
  const numClasses = labels ? Math.max(...labels) + 1 : 0;
  return { points, labels: out, numClasses, transform: { centre, scale } };
}

export interface DatasetSpec {
  name: DatasetName;
  /** Jitter (defaults per set: DEFAULT_NOISE). */
  noise?: number;
  /** For 'rings': 2 or 3. */
  rings?: number;
}

/** A built-in set from a seed: the same seed always gives the same points. */
export function makeDataset(spec: DatasetSpec, n: number, seed: number): Dataset2D {
  const rng = mulberry32(deriveSeed(seed, 0));
  switch (spec.name) {
    case 'moons':
      return makeMoons(n, rng, { noise: spec.noise });
    case 'swissRoll':
      return makeSwissRoll(n, rng, { noise: spec.noise });
    case 'rings':
      return makeRings(n, rng, { noise: spec.noise, rings: spec.rings });
    default:
      throw new RangeError(`data set must be one of ${DATASET_NAMES.join(', ')}, got ${String(spec.name)}`);
  }
}

/** A minibatch drawn uniformly with replacement (labels come along when the set has them). */
export function sampleBatch(data: Dataset2D, size: number, rng: Rng): { points: Vec2[]; labels: number[] | null } {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  if (data.points.length === 0) throw new RangeError('cannot sample a batch from an empty data set');
  const points: Vec2[] = [];
  const labels: number[] | null = data.labels ? [] : null;
  for (let i = 0; i < size; i++) {
    const j = randInt(rng, data.points.length);
    points.push(data.points[j]);
    labels?.push(data.labels![j]);
  }
  return { points, labels };
}

/** Mean and (population) variance of each coordinate. */
export function pointStats(points: readonly (readonly number[])[]): { mean: Vec2; variance: Vec2 } {
  const n = points.length;
  if (n === 0) throw new RangeError('no points');
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p[0];
    my += p[1];
  }
  mx /= n;
  my /= n;
  let vx = 0;
  let vy = 0;
  for (const p of points) {
    vx += (p[0] - mx) ** 2;
    vy += (p[1] - my) ** 2;
  }
  return { mean: [mx, my], variance: [vx / n, vy / n] };
}
