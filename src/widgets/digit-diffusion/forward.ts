/**
 * The forward half of the widget: a real digit x_0 noised in closed form,
 *
 *   x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε,      ε ~ N(0, I) over the 196 pixels,
 *
 * with one ε per (seed, image), so moving t slides the same noise in and the same digit out. Plain
 * numbers, no tensors: it runs on the page, at build time (the static strip) and in tests.
 */
import { makeSchedule, type NoiseSchedule, type ScheduleKind } from '../../math/diffusion';
import { deriveSeed, mulberry32, randNormal } from '../../math/random';
import { PIXELS } from './digits-data';

/** Diffusion steps of the schedules shown (and of the trained denoiser). */
export const T = 1000;

/** The times of the strip under the main pair of images. */
export const STRIP_TIMES = [0, 50, 100, 200, 300, 400, 500, 600, 800, 1000] as const;

/** Seed stream of the forward view's noise (sampling draws from its own streams in src/ml/samplers.ts). */
const FORWARD_STREAM = 7;

const schedules = new Map<ScheduleKind, NoiseSchedule>();

/** The T = 1000 schedule of a kind, computed once. */
export function scheduleOf(kind: ScheduleKind): NoiseSchedule {
  let s = schedules.get(kind);
  if (!s) {
    s = makeSchedule(kind, T);
    schedules.set(kind, s);
  }
  return s;
}

/** The ε of one image for one seed: 196 standard normal numbers. */
export function forwardNoise(seed: number, image: number): Float32Array {
  const rng = mulberry32(deriveSeed(deriveSeed(seed, FORWARD_STREAM), image));
  return Float32Array.from({ length: PIXELS }, () => randNormal(rng));
}

export interface NoisedImage {
  t: number;
  alphaBar: number;
  /** ᾱ_t / (1 - ᾱ_t): Infinity at t = 0. */
  snr: number;
  /** x_t, model scale (paper -1, ink +1, noise spreading past both). */
  pixels: Float32Array;
  /** Pearson correlation of x_t with x_0 over the pixels: how much of the digit is still there. */
  correlation: number;
}

export function noiseImage(schedule: NoiseSchedule, t: number, x0: Float32Array, eps: Float32Array): NoisedImage {
  if (!Number.isInteger(t) || t < 0 || t > schedule.T) throw new RangeError(`t must be 0 … ${schedule.T}, got ${t}`);
  const alphaBar = schedule.alphaBars[t];
  const a = Math.sqrt(alphaBar);
  const s = Math.sqrt(1 - alphaBar);
  const pixels = new Float32Array(x0.length);
  for (let i = 0; i < x0.length; i++) pixels[i] = a * x0[i] + s * eps[i];
  return { t, alphaBar, snr: schedule.snr[t], pixels, correlation: correlation(x0, pixels) };
}

export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

export interface ForwardView {
  clean: NoisedImage;
  chosen: NoisedImage;
  strip: NoisedImage[];
}

export function forwardView(kind: ScheduleKind, t: number, x0: Float32Array, eps: Float32Array): ForwardView {
  const schedule = scheduleOf(kind);
  return {
    clean: noiseImage(schedule, 0, x0, eps),
    chosen: noiseImage(schedule, t, x0, eps),
    strip: STRIP_TIMES.map((s) => noiseImage(schedule, s, x0, eps)),
  };
}

/** ᾱ_t with enough digits to tell 1e-5 from 0, as the text shows it. */
export function formatAlphaBar(x: number): string {
  if (x === 1) return '1';
  if (x >= 0.01) return x.toFixed(3);
  return x.toExponential(1);
}

/** SNR as the text shows it (∞ at t = 0). */
export function formatSnr(x: number): string {
  if (!Number.isFinite(x)) return '∞';
  if (x >= 100) return x.toFixed(0);
  if (x >= 0.01) return x.toPrecision(2);
  return x.toExponential(1);
}

/** The accessible description of one noised image. */
export function describeNoised(n: NoisedImage, label: number, kind: ScheduleKind): string {
  if (n.t === 0) return `A real handwritten ${label}, clean (t = 0).`;
  return (
    `The ${label} at t = ${n.t} (${kind} schedule): ᾱ_t = ${formatAlphaBar(n.alphaBar)}, SNR = ${formatSnr(n.snr)}; ` +
    `x_t = ${Math.sqrt(n.alphaBar).toFixed(2)}·x_0 + ${Math.sqrt(1 - n.alphaBar).toFixed(2)}·ε, ` +
    `correlation with the clean digit ${n.correlation.toFixed(2)}.`
  );
}
