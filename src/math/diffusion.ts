/**
 * The forward (noising) process of a denoising diffusion model, in plain numbers.
 *
 * Notation follows Ho et al. 2020. Time runs t = 0 … T; x_0 is data and each step adds a little noise:
 *
 *   q(x_t | x_{t-1}) = N( sqrt(1 - β_t) x_{t-1}, β_t I ),        α_t = 1 - β_t,   ᾱ_t = α_1 α_2 … α_t
 *   q(x_t | x_0)     = N( sqrt(ᾱ_t) x_0, (1 - ᾱ_t) I )           (the closed form: jump to any t at once)
 *   SNR(t)           = ᾱ_t / (1 - ᾱ_t)                             signal power over noise power
 *
 * Every array of a schedule has length T + 1 and is indexed by t itself, so `alphaBars[t]` reads as ᾱ_t.
 * Index 0 is the clean data: β_0 = 0, α_0 = ᾱ_0 = 1, SNR(0) = Infinity (plot from index 1).
 *
 * The reverse process (sampling) is written as one update shape for both samplers,
 *
 *   x_prev = xtCoef · x_t + epsCoef · ε̂ + sigma · z,      z ~ N(0, I),
 *
 * where ε̂ is the network's noise prediction: ddpmStepCoefficients (Ho et al. 2020, Algorithm 2) and
 * ddimStepCoefficients (Song et al. 2021, eq. 12) only differ in the three numbers.
 */
import { randNormal, type Rng } from './random';

export const SCHEDULE_KINDS = ['linear', 'cosine'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/**
 * The reverse-process samplers src/ml/samplers.ts implements: DDPM (Ho et al. 2020, Alg. 2: every step,
 * fresh noise) and DDIM (Song et al. 2021, Eq. 12: a subsequence of steps). Listed here, in plain math,
 * so the pages' settings name them without importing the tfjs code that runs them.
 */
export const SAMPLER_METHODS = ['ddpm', 'ddim'] as const;
export type SamplerMethod = (typeof SAMPLER_METHODS)[number];

/** Bounds on the number of diffusion steps T. */
export const T_LIMITS = { min: 10, max: 1000 } as const;

/** Ho et al. 2020's linear schedule for T = 1000: β_1 = 1e-4 … β_T = 0.02. */
export const LINEAR_BETA_START = 1e-4;
export const LINEAR_BETA_END = 0.02;
/** Nichol & Dhariwal 2021: the offset s keeps β_1 from being vanishingly small. */
export const COSINE_OFFSET = 0.008;
/** Largest β allowed (Nichol & Dhariwal 2021 clip at 0.999 to avoid a singularity at t = T). */
export const MAX_BETA = 0.999;

export interface NoiseSchedule {
  kind: ScheduleKind;
  T: number;
  /** β_t, t = 0 … T (β_0 = 0). */
  betas: number[];
  /** α_t = 1 - β_t. */
  alphas: number[];
  /** ᾱ_t = Π_{s ≤ t} α_s (ᾱ_0 = 1), strictly decreasing. */
  alphaBars: number[];
  /** SNR(t) = ᾱ_t / (1 - ᾱ_t) (Infinity at t = 0). */
  snr: number[];
}

function checkT(T: number): void {
  if (!Number.isInteger(T) || T < T_LIMITS.min || T > T_LIMITS.max) {
    throw new RangeError(`T must be an integer from ${T_LIMITS.min} to ${T_LIMITS.max}, got ${T}`);
  }
}

function checkStep(schedule: NoiseSchedule, t: number, min = 1): void {
  if (!Number.isInteger(t) || t < min || t > schedule.T) {
    throw new RangeError(`t must be an integer from ${min} to ${schedule.T}, got ${t}`);
  }
}

/** Completes a schedule from its betas (index 0 is the clean data). */
function fromBetas(kind: ScheduleKind, T: number, betas: number[]): NoiseSchedule {
  const alphas = betas.map((b) => 1 - b);
  const alphaBars = new Array<number>(T + 1);
  alphaBars[0] = 1;
  for (let t = 1; t <= T; t++) alphaBars[t] = alphaBars[t - 1] * alphas[t];
  const snr = alphaBars.map((a, t) => (t === 0 ? Infinity : a / (1 - a)));
  return { kind, T, betas, alphas, alphaBars, snr };
}

/**
 * Linear β (Ho et al. 2020), scaled for T as in Nichol & Dhariwal 2021's code: with c = 1000 / T,
 *
 *   β_t = c · ( 1e-4 + (0.02 - 1e-4) (t - 1) / (T - 1) ),   t = 1 … T,   clipped at 0.999,
 *
 * so fewer, bigger steps add about the same total noise as Ho et al.'s 1000 (Σ β_t ≈ 10 for every T).
 * For T ≤ 20 the last β (about 20 / T) reaches the clip: that step replaces almost all of what is left of the signal.
 */
export function linearSchedule(T: number): NoiseSchedule {
  checkT(T);
  const c = 1000 / T;
  const betas = [0];
  for (let t = 1; t <= T; t++) {
    const b = c * (LINEAR_BETA_START + ((LINEAR_BETA_END - LINEAR_BETA_START) * (t - 1)) / (T - 1));
    betas.push(Math.min(b, MAX_BETA));
  }
  return fromBetas('linear', T, betas);
}

/**
 * Cosine ᾱ (Nichol & Dhariwal 2021, eq. 17):
 *
 *   ᾱ_t = f(t) / f(0),   f(t) = cos²( (t/T + s) / (1 + s) · π/2 ),   s = 0.008,
 *   β_t = min( 1 - ᾱ_t / ᾱ_{t-1}, 0.999 ),
 *
 * and ᾱ is then recomputed as the product of the clipped α_t (as in their code), so the arrays stay
 * consistent. Only the last step or two are clipped: ᾱ_t equals f(t)/f(0) everywhere else, and ᾱ_T ≈ 0.
 * Noise is added more evenly in log-SNR than by the linear schedule, which wastes its last steps on
 * almost pure noise.
 */
export function cosineSchedule(T: number): NoiseSchedule {
  checkT(T);
  const f = (t: number) => Math.cos(((t / T + COSINE_OFFSET) / (1 + COSINE_OFFSET)) * (Math.PI / 2)) ** 2;
  // 1 - ᾱ_t / ᾱ_{t-1} = 1 - f(t) / f(t - 1): the normalisation by f(0) cancels.
  const betas = [0];
  for (let t = 1; t <= T; t++) betas.push(Math.min(1 - f(t) / f(t - 1), MAX_BETA));
  return fromBetas('cosine', T, betas);
}

export function makeSchedule(kind: ScheduleKind, T: number): NoiseSchedule {
  if (kind === 'linear') return linearSchedule(T);
  if (kind === 'cosine') return cosineSchedule(T);
  throw new RangeError(`schedule must be one of ${SCHEDULE_KINDS.join(', ')}, got ${String(kind)}`);
}

/** A 2D point [x, y]. */
export type Vec2 = [number, number];

/**
 * The closed form with given noise: x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε, point by point.
 * `noise` must have one entry per point.
 */
export function noisePoints(
  schedule: NoiseSchedule,
  t: number,
  x0: readonly (readonly number[])[],
  noise: readonly (readonly number[])[],
): Vec2[] {
  checkStep(schedule, t, 0);
  if (noise.length !== x0.length)
    throw new RangeError(`need one noise vector per point (${x0.length}), got ${noise.length}`);
  const a = Math.sqrt(schedule.alphaBars[t]);
  const s = Math.sqrt(1 - schedule.alphaBars[t]);
  return x0.map((p, i) => [a * p[0] + s * noise[i][0], a * p[1] + s * noise[i][1]]);
}

/** n points from the standard normal N(0, I) in 2D, from the seeded stream. */
export function standardNormalPoints(n: number, rng: Rng): Vec2[] {
  return Array.from({ length: n }, () => [randNormal(rng), randNormal(rng)] as Vec2);
}

/**
 * Samples q(x_t | x_0) for every point: draws ε ~ N(0, I) from `rng` and returns x_t with the ε used
 * (the training target of a noise-predicting denoiser).
 */
export function forwardSample(
  schedule: NoiseSchedule,
  t: number,
  x0: readonly (readonly number[])[],
  rng: Rng,
): { xt: Vec2[]; noise: Vec2[] } {
  const noise = standardNormalPoints(x0.length, rng);
  return { xt: noisePoints(schedule, t, x0, noise), noise };
}

export interface PosteriorCoefficients {
  /** Coefficient of x_0 in the posterior mean: sqrt(ᾱ_{t-1}) β_t / (1 - ᾱ_t). */
  x0Coef: number;
  /** Coefficient of x_t in the posterior mean: sqrt(α_t) (1 - ᾱ_{t-1}) / (1 - ᾱ_t). */
  xtCoef: number;
  /** β̃_t = (1 - ᾱ_{t-1}) / (1 - ᾱ_t) · β_t. */
  variance: number;
}

/**
 * The forward process run backwards when x_0 is known (Ho et al. 2020, eqs. 6-7):
 *
 *   q(x_{t-1} | x_t, x_0) = N( x0Coef · x_0 + xtCoef · x_t,  β̃_t I ),   t = 1 … T.
 *
 * At t = 1 it is exact: x0Coef = 1, xtCoef = 0, β̃_1 = 0.
 */
export function posteriorCoefficients(schedule: NoiseSchedule, t: number): PosteriorCoefficients {
  checkStep(schedule, t);
  const { alphas, alphaBars, betas } = schedule;
  const ab = alphaBars[t];
  const abPrev = alphaBars[t - 1];
  return {
    x0Coef: (Math.sqrt(abPrev) * betas[t]) / (1 - ab),
    xtCoef: (Math.sqrt(alphas[t]) * (1 - abPrev)) / (1 - ab),
    variance: ((1 - abPrev) / (1 - ab)) * betas[t],
  };
}

/** One reverse step x_prev = xtCoef · x_t + epsCoef · ε̂ + sigma · z. */
export interface StepCoefficients {
  xtCoef: number;
  epsCoef: number;
  /** Standard deviation of the fresh noise added (0: deterministic). */
  sigma: number;
}

/**
 * DDPM variance choice: 'posterior' σ_t² = β̃_t (exact when x_0 is a single point; sharper samples on
 * toy data), or 'beta' σ_t² = β_t (exact when x_0 ~ N(0, I)). Ho et al. 2020 found both similar.
 */
export type DdpmVariance = 'posterior' | 'beta';

/**
 * Ancestral sampling step t → t - 1 (Ho et al. 2020, Algorithm 2):
 *
 *   x_{t-1} = 1/sqrt(α_t) · ( x_t - β_t / sqrt(1 - ᾱ_t) · ε̂ ) + σ_t z,   with no noise at t = 1.
 *
 * It equals the posterior mean with x_0 replaced by its estimate x̂_0 = (x_t - sqrt(1 - ᾱ_t) ε̂) / sqrt(ᾱ_t).
 */
export function ddpmStepCoefficients(
  schedule: NoiseSchedule,
  t: number,
  variance: DdpmVariance = 'posterior',
): StepCoefficients {
  checkStep(schedule, t);
  const { alphas, alphaBars, betas } = schedule;
  const v = variance === 'beta' ? betas[t] : posteriorCoefficients(schedule, t).variance;
  return {
    xtCoef: 1 / Math.sqrt(alphas[t]),
    epsCoef: -betas[t] / (Math.sqrt(alphas[t]) * Math.sqrt(1 - alphaBars[t])),
    sigma: t === 1 ? 0 : Math.sqrt(v),
  };
}

/**
 * DDIM step t → tPrev < t (Song et al. 2021, eq. 12), for any pair of times, so a sampler may skip steps:
 *
 *   x̂_0     = (x_t - sqrt(1 - ᾱ_t) ε̂) / sqrt(ᾱ_t)
 *   σ       = η · sqrt( (1 - ᾱ_prev) / (1 - ᾱ_t) ) · sqrt( 1 - ᾱ_t / ᾱ_prev )
 *   x_prev  = sqrt(ᾱ_prev) x̂_0 + sqrt(1 - ᾱ_prev - σ²) ε̂ + σ z
 *
 * η = 0 is deterministic (the same x_T always gives the same x_0); η = 1 with tPrev = t - 1 is DDPM with
 * σ_t² = β̃_t. tPrev = 0 returns x̂_0 itself (ᾱ_0 = 1).
 */
export function ddimStepCoefficients(schedule: NoiseSchedule, t: number, tPrev: number, eta = 0): StepCoefficients {
  checkStep(schedule, t);
  if (!Number.isInteger(tPrev) || tPrev < 0 || tPrev >= t) {
    throw new RangeError(`tPrev must be an integer from 0 to ${t - 1}, got ${tPrev}`);
  }
  if (!(eta >= 0 && eta <= 1)) throw new RangeError(`eta must be in [0, 1], got ${eta}`);
  const ab = schedule.alphaBars[t];
  const abPrev = schedule.alphaBars[tPrev];
  const sigma = eta * Math.sqrt((1 - abPrev) / (1 - ab)) * Math.sqrt(1 - ab / abPrev);
  const ratio = Math.sqrt(abPrev / ab);
  return {
    xtCoef: ratio,
    epsCoef: Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma)) - ratio * Math.sqrt(1 - ab),
    sigma,
  };
}

/**
 * The S sampling times of DDIM: S evenly spaced steps out of 1 … T, always ending at T (sampling starts
 * from pure noise there), τ_i = round(i · T / S) for i = 1 … S, in increasing order. A sampler visits
 * them backwards and finishes with the jump τ_1 → 0. S = T gives every step.
 */
export function ddimTimesteps(T: number, S: number): number[] {
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`T must be a positive integer, got ${T}`);
  if (!Number.isInteger(S) || S < 1 || S > T) throw new RangeError(`S must be an integer from 1 to ${T}, got ${S}`);
  return Array.from({ length: S }, (_, i) => Math.round(((i + 1) * T) / S));
}

/** x̂_0 = (x_t - sqrt(1 - ᾱ_t) ε̂) / sqrt(ᾱ_t): where the noise prediction says x_t came from. */
export function predictX0(schedule: NoiseSchedule, t: number, xt: number, eps: number): number {
  const ab = schedule.alphaBars[t];
  return (xt - Math.sqrt(1 - ab) * eps) / Math.sqrt(ab);
}
