/**
 * Plain-number model of the forward process explorer: params in, arrays and numbers out. No DOM, no
 * tensors: 600 points and two schedules of at most 1000 steps, a millisecond or two per redraw.
 *
 * The teaching point is the closed form of Ho et al. 2020 (eq. 4): the forward process can jump from
 * the data x_0 to any step t at once,
 *
 *   x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε,     ε ~ N(0, I),
 *
 * so, per coordinate, E[x_t] = sqrt(ᾱ_t) E[x_0] and Var x_t = ᾱ_t Var x_0 + (1 - ᾱ_t). The widget
 * measures the mean and variance of its 600 noised points and prints them next to these closed-form
 * values: the two agree up to sampling error (about ±0.06 on a variance near 1 for 600 points).
 *
 * Each point keeps one noise vector ε for a given seed, drawn once: moving t only changes the two
 * scales, so every point glides smoothly from x_0 (t = 0) to its own ε (ᾱ_T ≈ 0). With cos φ = √ᾱ_t and
 * sin φ = √(1 − ᾱ_t) the path is x_0 cos φ + ε sin φ: a quarter ellipse, not a straight line.
 */
import {
  makeSchedule,
  noisePoints,
  SCHEDULE_KINDS,
  standardNormalPoints,
  type NoiseSchedule,
  type ScheduleKind,
  type Vec2,
} from '../../math/diffusion';
import { pointStats } from '../../math/datasets2d';
import { deriveSeed, mulberry32 } from '../../math/random';
import { datasetFromParams } from '../diffusion-shared/dataset-params';
import type { ForwardParams } from './params';

/** Points shown: enough for a clear shape and a variance measured to ±0.06, few enough to redraw fast. */
export const POINT_COUNT = 600;
/** The scatter's fixed axes, [-3.5, 3.5]² in data units: N(0, I) noise stays inside 99.95% of the time. */
export const AXIS_LIMIT = 3.5;
/** Play sweeps t = 0 … T in this many seconds, whatever T is. */
export const PLAY_SECONDS = 4;
/** Play redraws at most this often. */
export const PLAY_FRAME_MS = 100;
/** Points per schedule curve: plenty for a smooth line, and a 1000-step schedule is not drawn 1000 times. */
const CURVE_POINTS = 200;
/** Random stream of the noise (the data set uses stream 0 of the same seed). */
const NOISE_STREAM = 1;

/** Per-coordinate summary of a point cloud. */
export interface Moments {
  /** Mean of each coordinate. */
  mean: Vec2;
  /** Variance per coordinate, averaged over x and y: (Var x + Var y) / 2. */
  variance: number;
}

export interface CurvePoint {
  schedule: ScheduleKind;
  t: number;
  /** t / T, so schedules with different T share an axis. */
  u: number;
  alphaBar: number;
  /** log10 SNR = log10(ᾱ / (1 - ᾱ)); Infinity at t = 0. */
  logSnr: number;
}

export type PointsView =
  | {
      ok: true;
      x0: Vec2[];
      xt: Vec2[];
      /** Class per point (drawn sets with several pens, moons, rings), or null. */
      labels: number[] | null;
      numClasses: number;
      x0Moments: Moments;
      /** Measured on the 600 noised points. */
      measured: Moments;
      /** The closed form from x_0's moments: sqrt(ᾱ) mean_0 and ᾱ Var_0 + 1 - ᾱ. */
      expected: Moments;
    }
  | { ok: false; message: string };

export interface ForwardView {
  schedule: ScheduleKind;
  T: number;
  /** The step shown: the requested t, clamped to T. */
  t: number;
  /** Set when the requested t was past T: says what is shown instead. */
  clampNotice: string | null;
  alphaBar: number;
  /** sqrt(ᾱ_t): how much of x_0 is left. */
  signalScale: number;
  /** sqrt(1 - ᾱ_t): how much noise is mixed in. */
  noiseScale: number;
  /** ᾱ_t / (1 - ᾱ_t); Infinity at t = 0. */
  snr: number;
  /** Both schedules for this T, thinned to about CURVE_POINTS points each. */
  curves: CurvePoint[];
  /** Both schedules at exactly the current t (the markers on the curves). */
  markers: CurvePoint[];
  points: PointsView;
  /** The aria-live sentence. */
  summary: string;
  /** Mean and variance, measured against the closed form, for the line under the scatter. */
  momentsNote: string;
}

// ---------------------------------------------------------------------------------------------------
// Cached inputs: the data and its noise change only with (data set, drawing, seed), the schedules only
// with T. Dragging t or switching the schedule reuses both.

type SourceData =
  | { ok: true; x0: Vec2[]; labels: number[] | null; numClasses: number; noise: Vec2[]; moments: Moments }
  | { ok: false; message: string };

const CACHE_SIZE = 6;
const sourceCache = new Map<string, SourceData>();
const scheduleCache = new Map<number, { schedules: Record<ScheduleKind, NoiseSchedule>; curves: CurvePoint[] }>();

function remember<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  const hit = cache.get(key);
  if (hit) return hit;
  const value = make();
  cache.set(key, value);
  // Maps iterate in insertion order: the first key is the oldest.
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as K);
  return value;
}

export function momentsOf(points: readonly Vec2[]): Moments {
  const { mean, variance } = pointStats(points);
  return { mean, variance: (variance[0] + variance[1]) / 2 };
}

function sourceData(p: Pick<ForwardParams, 'dataset' | 'points' | 'seed'>): SourceData {
  // The drawing only matters for the drawn set: other sets share one entry whatever the pad holds.
  const key = `${p.dataset}|${p.dataset === 'drawn' ? p.points : ''}|${p.seed}`;
  return remember(sourceCache, key, () => {
    const result = datasetFromParams(p, POINT_COUNT, p.seed);
    if (!result.ok) return { ok: false, message: result.message };
    const { points, labels, numClasses } = result.data;
    const noise = standardNormalPoints(POINT_COUNT, mulberry32(deriveSeed(p.seed, NOISE_STREAM)));
    return { ok: true, x0: points, labels, numClasses, noise, moments: momentsOf(points) };
  });
}

function curvePoint(s: NoiseSchedule, t: number): CurvePoint {
  const alphaBar = s.alphaBars[t];
  return { schedule: s.kind, t, u: t / s.T, alphaBar, logSnr: Math.log10(s.snr[t]) };
}

function schedulesFor(T: number) {
  return remember(scheduleCache, T, () => {
    const schedules = Object.fromEntries(SCHEDULE_KINDS.map((k) => [k, makeSchedule(k, T)])) as Record<
      ScheduleKind,
      NoiseSchedule
    >;
    const stride = Math.max(1, Math.floor(T / CURVE_POINTS));
    const steps: number[] = [];
    for (let t = 0; t < T; t += stride) steps.push(t);
    // Always end on T itself, where the cosine schedule's clipped last step plunges.
    steps.push(T);
    const curves = SCHEDULE_KINDS.flatMap((k) => steps.map((t) => curvePoint(schedules[k], t)));
    return { schedules, curves };
  });
}

// ---------------------------------------------------------------------------------------------------

export function computeForward(p: ForwardParams): ForwardView {
  const T = p.T;
  const t = Math.min(p.t, T);
  const clampNotice = p.t > T ? `Step t = ${p.t} is past the last step T = ${T}: showing t = ${T}.` : null;
  const { schedules, curves } = schedulesFor(T);
  const schedule = schedules[p.schedule];
  const alphaBar = schedule.alphaBars[t];
  const source = sourceData(p);

  let points: PointsView;
  if (!source.ok) {
    points = source;
  } else {
    const xt = noisePoints(schedule, t, source.x0, source.noise);
    const m0 = source.moments;
    const a = Math.sqrt(alphaBar);
    points = {
      ok: true,
      x0: source.x0,
      xt,
      labels: source.labels,
      numClasses: source.numClasses,
      x0Moments: m0,
      measured: momentsOf(xt),
      expected: { mean: [a * m0.mean[0], a * m0.mean[1]], variance: alphaBar * m0.variance + 1 - alphaBar },
    };
  }
  const base = {
    schedule: p.schedule,
    T,
    t,
    clampNotice,
    alphaBar,
    signalScale: Math.sqrt(alphaBar),
    noiseScale: Math.sqrt(1 - alphaBar),
    snr: schedule.snr[t],
    curves,
    markers: SCHEDULE_KINDS.map((k) => curvePoint(schedules[k], t)),
    points,
  };
  return { ...base, summary: summarise(base), momentsNote: describeMoments(base) };
}

// ---------------------------------------------------------------------------------------------------
// Numbers in words

/**
 * Two decimals for ordinary values; two significant digits in exponent form below 0.01, so the
 * ᾱ_T ≈ 4e-5 of the linear schedule does not print as a false "0.00".
 */
export function formatValue(v: number): string {
  if (v === 0 || v === 1 || !Number.isFinite(v)) return v === Infinity ? '∞' : String(v);
  if (Math.abs(v) < 0.01) return v.toExponential(1);
  return v.toFixed(2);
}

/** SNR from ∞ at t = 0 down to ~1e-9 at the cosine schedule's T: whole numbers when large. */
export function formatSnr(snr: number): string {
  if (snr === Infinity) return '∞';
  if (snr >= 100) return snr.toFixed(0);
  if (snr >= 0.01) return snr.toPrecision(2);
  return snr.toExponential(1);
}

const fmtPair = ([x, y]: Vec2) => `(${x.toFixed(2)}, ${y.toFixed(2)})`;

type Described = Omit<ForwardView, 'summary' | 'momentsNote'>;

function summarise(v: Described): string {
  const head =
    `t = ${v.t} of ${v.T}, ${v.schedule}: ᾱ_t = ${formatValue(v.alphaBar)}, ` +
    `signal scale ${formatValue(v.signalScale)}, noise scale ${formatValue(v.noiseScale)}, SNR ${formatSnr(v.snr)}`;
  if (!v.points.ok) return `${head}; no points to noise: ${v.points.message}`;
  const { measured, expected, x0Moments } = v.points;
  return (
    `${head}; the points' variance per coordinate ${measured.variance.toFixed(2)} ` +
    `(closed form ${formatValue(v.alphaBar)} × ${x0Moments.variance.toFixed(2)} + ${formatValue(1 - v.alphaBar)} ` +
    `= ${expected.variance.toFixed(2)}).`
  );
}

function describeMoments(v: Described): string {
  if (!v.points.ok) return '';
  const { measured, expected, x0Moments } = v.points;
  return (
    `Measured on the ${POINT_COUNT} points x_t: mean ${fmtPair(measured.mean)}, variance per coordinate ` +
    `${measured.variance.toFixed(2)}. Closed form: mean √ᾱ_t · ${fmtPair(x0Moments.mean)} = ${fmtPair(expected.mean)}, ` +
    `variance ᾱ_t · Var x_0 + (1 − ᾱ_t) = ${formatValue(v.alphaBar)} × ${x0Moments.variance.toFixed(2)} + ` +
    `${formatValue(1 - v.alphaBar)} = ${expected.variance.toFixed(2)}.`
  );
}

// ---------------------------------------------------------------------------------------------------
// Play

/**
 * Where Play is after `elapsedMs`, starting from step `from`: it moves at T / PLAY_SECONDS steps per
 * second (a full sweep takes PLAY_SECONDS whatever T is) and stops at T.
 */
export function playPosition(from: number, T: number, elapsedMs: number): { t: number; done: boolean } {
  const t = Math.min(T, from + Math.round((elapsedMs / (PLAY_SECONDS * 1000)) * T));
  return { t, done: t >= T };
}

/** The x_t shown at a few steps (for the static figure): fractions of T, rounded. */
export function snapshotSteps(T: number, fractions: readonly number[] = [0, 0.1, 0.25, 0.5, 1]): number[] {
  return [...new Set(fractions.map((f) => Math.round(f * T)))];
}

/**
 * The link from a drawing to the denoiser lab on the same page: this page's query (with this widget's
 * state already in it) plus the lab's data set and points, and the lab's anchor.
 */
export function trainLinkHref(pathname: string, search: URLSearchParams, labId: string, points: string): string {
  const out = new URLSearchParams(search);
  out.set(`${labId}.dataset`, 'drawn');
  out.set(`${labId}.points`, points);
  return `${pathname}?${out.toString()}#${labId}`;
}
