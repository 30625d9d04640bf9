/**
 * Turning noise into data with a trained noise predictor: DDPM and DDIM sampling, classifier-free
 * guidance, and the denoising direction field.
 *
 * Both samplers repeat one update (coefficients from src/math/diffusion.ts),
 *
 *   x_prev = xtCoef · x_t + epsCoef · ε̃ + sigma · z,
 *
 * - DDPM (Ho et al. 2020, Algorithm 2): all T steps t → t - 1, fresh noise z at every step but the last.
 * - DDIM (Song et al. 2021): S ≤ T steps along ddimTimesteps(T, S); η = 0 adds no noise, so the result is
 *   a deterministic function of the starting noise x_T; η > 0 adds some back (η = 1 with S = T is DDPM).
 *
 * Classifier-free guidance (Ho & Salimans 2022): ε̃ = (1 + w) ε_θ(x, t, c) - w ε_θ(x, t, ∅). The
 * conditional and unconditional predictions come from one forward pass over the batch stacked twice.
 * w = 0 is plain conditional sampling; larger w trades diversity for samples typical of the class.
 *
 * The point set lives in plain Float32Arrays between steps, so nothing tensor-valued crosses a `yield`:
 * a generator abandoned half-way leaks nothing. Each step is one tidy forward pass (Denoiser.predict)
 * and one read-back of N·D numbers (D = model.config.dataDim: 2 for points, 196 for a 14 × 14 image). All noise (x_T and every z) is drawn in plain JS from seeded
 * streams, so a seed gives the same samples on every backend, up to float rounding.
 */
import {
  ddimStepCoefficients,
  ddimTimesteps,
  ddpmStepCoefficients,
  type DdpmVariance,
  type NoiseSchedule,
  type StepCoefficients,
  type Vec2,
  SAMPLER_METHODS,
  type SamplerMethod,
} from '../math/diffusion';
import { deriveSeed, mulberry32, randNormal, type Rng } from '../math/random';
import { flattenPoints, unflattenPoints, type ClassInput, type Denoiser } from './denoiser';

export { SAMPLER_METHODS, type SamplerMethod } from '../math/diffusion';

export const SAMPLER_LIMITS = {
  /** Points sampled at once. */
  n: { min: 1, max: 5000 },
  /** Guidance scale w. */
  guidance: { min: 0, max: 20 },
} as const;

/** Seed streams of a sampling run. */
const STREAM = { start: 0, steps: 1 } as const;

export interface SampleOptions {
  method?: SamplerMethod;
  /** Number of points (ignored when initialNoise is given). Default 1000. */
  n?: number;
  /** DDIM: number of steps S from 1 to T (default 50, or T if smaller). DDPM always takes T. */
  steps?: number;
  /** DDIM: 0 (default) deterministic, up to 1. */
  eta?: number;
  /** DDPM: σ_t² = β̃_t ('posterior', default) or β_t. */
  variance?: DdpmVariance;
  /** Class to generate: one for all points or one per point; null (default) for unconditional. */
  classes?: ClassInput;
  /** Guidance scale w ≥ 0 (default 0); only used with a class. */
  guidance?: number;
  /** Seeds the starting noise and the noise added along the way. */
  seed?: number;
  /** Starting points x_T (rows of D numbers), instead of drawing n of them from the seed. */
  initialNoise?: readonly (readonly number[])[];
  /**
   * Clip each coordinate of the predicted x̂_0 to [-clipX0, clipX0] before the step (Nichol & Dhariwal
   * 2021 clip to the data range), or null for none. Default DEFAULT_CLIP_X0.
   */
  clipX0?: number | null;
}

/**
 * Default clip of x̂_0: the data sets here are standardised, so no data coordinate is near 5, and the
 * clip never touches a good prediction. It matters at the noisiest steps of the cosine schedule, where
 * ᾱ_T ≈ 0: x̂_0 = (x_t - sqrt(1 - ᾱ_t) ε̂) / sqrt(ᾱ_t) divides a small error in ε̂ by sqrt(ᾱ_T) ≈ 1e-4,
 * and without the clip a single step can throw points hundreds of units away.
 */
export const DEFAULT_CLIP_X0 = 5;

export interface SamplingFrame {
  /** Steps taken so far: 0 is the starting noise, `steps` is the final sample. */
  step: number;
  /** Total number of steps of this run. */
  steps: number;
  /** Diffusion time of `points`: T at the start, 0 for the final sample. */
  t: number;
  /** The current points, flat, D numbers each ([x0, y0, x1, y1, …] in 2D; a fresh copy: safe to keep or transfer). */
  points: Float32Array;
  /** The model's estimate of x_0 made at this step, flat (null for the starting frame). */
  predictedX0: Float32Array | null;
}

function resolvePlan(schedule: NoiseSchedule, options: SampleOptions): { times: number[]; coefs: StepCoefficients[] } {
  const { T } = schedule;
  const method = options.method ?? 'ddim';
  if (method === 'ddpm') {
    const times = Array.from({ length: T + 1 }, (_, i) => T - i);
    const variance = options.variance ?? 'posterior';
    return { times, coefs: times.slice(0, -1).map((t) => ddpmStepCoefficients(schedule, t, variance)) };
  }
  if (method !== 'ddim')
    throw new RangeError(`method must be one of ${SAMPLER_METHODS.join(', ')}, got ${String(method)}`);
  const S = options.steps ?? Math.min(50, T);
  const times = [0, ...ddimTimesteps(T, S)].reverse();
  const eta = options.eta ?? 0;
  return { times, coefs: times.slice(0, -1).map((t, i) => ddimStepCoefficients(schedule, t, times[i + 1], eta)) };
}

/**
 * ε̃ at one time for every point (flat, D numbers each), with classifier-free guidance when the model is
 * conditional, a class is given and w > 0. Classes: one for all points, one per point, or null (∅).
 */
export function guidedNoise(
  model: Denoiser,
  points: Float32Array,
  time: number,
  classes: ClassInput,
  guidance: number,
): Float32Array {
  checkGuidance(guidance);
  const D = model.config.dataDim;
  const n = points.length / D;
  const hasClass =
    model.conditional && classes !== null && !(Array.isArray(classes) && classes.every((c) => c === null));
  if (!hasClass || guidance === 0) return model.predict(points, time, model.conditional ? classes : null);
  const stacked = new Float32Array(2 * n * D);
  stacked.set(points);
  stacked.set(points, n * D);
  const cond = Array.isArray(classes)
    ? (classes as readonly (number | null)[])
    : new Array<number | null>(n).fill(classes as number);
  if (cond.length !== n) throw new RangeError(`need 1 or ${n} classes, got ${cond.length}`);
  const both = model.predict(stacked, time, [...cond, ...new Array<null>(n).fill(null)]);
  const out = new Float32Array(n * D);
  for (let i = 0; i < n * D; i++) out[i] = (1 + guidance) * both[i] - guidance * both[n * D + i];
  return out;
}

function checkGuidance(guidance: number): void {
  if (!(guidance >= SAMPLER_LIMITS.guidance.min && guidance <= SAMPLER_LIMITS.guidance.max)) {
    throw new RangeError(
      `guidance must be from ${SAMPLER_LIMITS.guidance.min} to ${SAMPLER_LIMITS.guidance.max}, got ${guidance}`,
    );
  }
}

/**
 * Sampling step by step: yields the starting noise, then the points after every step, and returns the
 * final sample. Stop early by simply not asking for more (`break` in a for…of, or generator.return()).
 * Options are checked at the call (a RangeError), not at the first step.
 */
export function sampleFrames(
  model: Denoiser,
  schedule: NoiseSchedule,
  options: SampleOptions = {},
): Generator<SamplingFrame, number[][], void> {
  const { times, coefs } = resolvePlan(schedule, options);
  const D = model.config.dataDim;
  const seed = options.seed ?? 0;
  const guidance = options.guidance ?? 0;
  const classes = options.classes ?? null;
  const clip = options.clipX0 === undefined ? DEFAULT_CLIP_X0 : options.clipX0;
  if (clip !== null && !(clip > 0)) throw new RangeError(`clipX0 must be positive or null, got ${clip}`);
  let start: Float32Array;
  if (options.initialNoise) {
    start = flattenPoints(options.initialNoise, D);
  } else {
    const n = options.n ?? 1000;
    if (!Number.isInteger(n) || n < SAMPLER_LIMITS.n.min || n > SAMPLER_LIMITS.n.max) {
      throw new RangeError(`n must be an integer from ${SAMPLER_LIMITS.n.min} to ${SAMPLER_LIMITS.n.max}, got ${n}`);
    }
    // N(0, I) in D dimensions, coordinate after coordinate from one stream.
    const rng = mulberry32(deriveSeed(seed, STREAM.start));
    start = Float32Array.from({ length: n * D }, () => randNormal(rng));
  }
  if (start.length === 0 || !start.every(Number.isFinite))
    throw new RangeError('starting points must be finite and non-empty');
  checkGuidance(guidance);
  if (Array.isArray(classes) && classes.length !== 1 && classes.length !== start.length / D) {
    throw new RangeError(`need 1 or ${start.length / D} classes, got ${classes.length}`);
  }
  const rng = mulberry32(deriveSeed(seed, STREAM.steps));
  return runFrames(model, schedule, times, coefs, start, { classes, guidance, clip, rng });
}

function* runFrames(
  model: Denoiser,
  schedule: NoiseSchedule,
  times: number[],
  coefs: StepCoefficients[],
  start: Float32Array,
  { classes, guidance, clip, rng }: { classes: ClassInput; guidance: number; clip: number | null; rng: Rng },
): Generator<SamplingFrame, number[][], void> {
  const steps = coefs.length;
  let x = start;
  yield { step: 0, steps, t: times[0], points: x.slice(), predictedX0: null };
  for (let i = 0; i < steps; i++) {
    const t = times[i];
    const eps = guidedNoise(model, x, t / schedule.T, classes, guidance);
    const { xtCoef, epsCoef, sigma } = coefs[i];
    const ab = schedule.alphaBars[t];
    const sa = Math.sqrt(ab);
    const sn = Math.sqrt(1 - ab);
    const next = new Float32Array(x.length);
    const x0 = new Float32Array(x.length);
    for (let j = 0; j < x.length; j++) {
      let e = eps[j];
      x0[j] = (x[j] - sn * e) / sa;
      if (clip !== null && Math.abs(x0[j]) > clip) {
        // Clip x̂_0 and use the noise that matches it, so the update moves towards the clipped x̂_0.
        x0[j] = Math.sign(x0[j]) * clip;
        e = (x[j] - sa * x0[j]) / sn;
      }
      next[j] = xtCoef * x[j] + epsCoef * e + (sigma > 0 ? sigma * randNormal(rng) : 0);
    }
    x = next;
    yield { step: i + 1, steps, t: times[i + 1], points: x.slice(), predictedX0: x0 };
  }
  return unflattenPoints(x, model.config.dataDim);
}

/**
 * Runs a sampler to the end and returns the points. `onFrame` sees every frame (starting noise
 * included); returning false from it stops early with the current points.
 */
export function sample(
  model: Denoiser,
  schedule: NoiseSchedule,
  options: SampleOptions = {},
  onFrame?: (frame: SamplingFrame) => boolean | void,
): number[][] {
  const frames = sampleFrames(model, schedule, options);
  for (;;) {
    const r = frames.next();
    if (r.done) return r.value;
    if (onFrame && onFrame(r.value) === false) {
      frames.return([]);
      return unflattenPoints(r.value.points, model.config.dataDim);
    }
  }
}

export interface DirectionFieldOptions {
  /**
   * 'noise' (default): -ε̃, the direction that removes the predicted noise, at unit scale for every t
   * (the score ∇ log p_t(x) is -ε̃ / sqrt(1 - ᾱ_t)). 'x0': x̂_0 - x_t, the full jump to the predicted
   * clean point (long arrows at large t, where x̂_0 divides by a small sqrt(ᾱ_t)).
   */
  kind?: 'noise' | 'x0';
  classes?: ClassInput;
  guidance?: number;
}

/** The learned denoising direction at time t (1 … T) at each grid point, as [dx, dy] per point. */
export function directionField(
  model: Denoiser,
  schedule: NoiseSchedule,
  t: number,
  grid: readonly (readonly number[])[],
  { kind = 'noise', classes = null, guidance = 0 }: DirectionFieldOptions = {},
): Vec2[] {
  if (model.config.dataDim !== 2) throw new RangeError('the direction field is drawn for 2D models only');
  if (!Number.isInteger(t) || t < 1 || t > schedule.T) {
    throw new RangeError(`t must be an integer from 1 to ${schedule.T}, got ${t}`);
  }
  if (grid.length === 0) return [];
  const flat = flattenPoints(grid);
  const eps = guidedNoise(model, flat, t / schedule.T, classes, guidance);
  const ab = schedule.alphaBars[t];
  const out: Vec2[] = [];
  for (let i = 0; i < grid.length; i++) {
    if (kind === 'noise') {
      out.push([-eps[2 * i], -eps[2 * i + 1]]);
    } else {
      const sa = Math.sqrt(ab);
      const sn = Math.sqrt(1 - ab);
      out.push([
        (flat[2 * i] - sn * eps[2 * i]) / sa - flat[2 * i],
        (flat[2 * i + 1] - sn * eps[2 * i + 1]) / sa - flat[2 * i + 1],
      ]);
    }
  }
  return out;
}

/** A size × size grid of points over [-extent, extent]², row by row from the bottom left. */
export function makeGrid(extent: number, size: number): Vec2[] {
  if (!(extent > 0 && Number.isFinite(extent))) throw new RangeError(`extent must be positive, got ${extent}`);
  if (!Number.isInteger(size) || size < 2 || size > 100) {
    throw new RangeError(`size must be an integer from 2 to 100, got ${size}`);
  }
  const out: Vec2[] = [];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      out.push([-extent + (2 * extent * c) / (size - 1), -extent + (2 * extent * r) / (size - 1)]);
    }
  }
  return out;
}
