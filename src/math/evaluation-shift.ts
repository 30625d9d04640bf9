/**
 * Corruptions of 28 × 28 digits (u8, 0 paper … 255 ink, row by row) for the shift study and the shift lab,
 * each at a severity s in [0, 1], a change of the class prior, and out-of-distribution images that are no
 * digit at all. Seeded where random; severity 0 is the clean test split for every kind but `uniform`.
 *
 *   rotation:    the digit turned by s · 90° about the image centre (bilinear, paper outside).
 *   translation: the digit moved s · 10 px right and s · 10 px down (bilinear, paper comes in).
 *   blur:        a Gaussian blur of standard deviation s · 2.5 px (separable, paper outside).
 *   noise:       Gaussian noise of standard deviation s · 0.6 (in units of full ink) added, then clipped.
 *   contrast:    every pixel pulled towards mid-grey: x → 127.5 + (1 - 0.9 s)(x - 127.5).
 *   inversion:   every pixel x → (1 - s) x + s (255 - x): at s = 1 white ink on black paper.
 *   prior:       (label shift) the test digits subsampled so class k keeps a share of its 200 digits
 *                (1 - s) + s · 2^-k: the pixels are untouched, p(y) changes (at s = 1 the prior makes
 *                zeros 512 times as common as nines; at least one digit of each class is kept).
 *   uniform:     (out of distribution) every pixel uniform in 0 … 255 (s scales the ink: s · u).
 */
import type { DigitSplit } from './digit-split';
import { mulberry32, randNormal, shuffled } from './random';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE } from './zoo';

export const CORRUPTIONS = [
  'rotation',
  'translation',
  'blur',
  'noise',
  'contrast',
  'inversion',
  'prior',
  'uniform',
] as const;
export type Corruption = (typeof CORRUPTIONS)[number];
/** Corruptions that change the pixels one image at a time (all but the prior change). */
export type PixelCorruption = Exclude<Corruption, 'prior'>;
export const MAX_ROTATION_DEGREES = 90;
export const MAX_SHIFT_PIXELS = 10;
export const MAX_BLUR_SIGMA = 2.5;
export const MAX_NOISE_SD = 0.6;
export const MIN_CONTRAST = 0.1;

/** How each corruption reads at severity s, for labels ("rotated 45°"). */
export function describeCorruption(kind: Corruption, s: number): string {
  switch (kind) {
    case 'rotation':
      return `rotated ${Math.round(s * MAX_ROTATION_DEGREES)}°`;
    case 'translation':
      return `moved ${(s * MAX_SHIFT_PIXELS).toFixed(1)} px right and down`;
    case 'blur':
      return `blurred (σ = ${(s * MAX_BLUR_SIGMA).toFixed(2)} px)`;
    case 'noise':
      return `with Gaussian noise (σ = ${(s * MAX_NOISE_SD).toFixed(2)})`;
    case 'contrast':
      return `at ${Math.round(100 * (1 - (1 - MIN_CONTRAST) * s))}% contrast`;
    case 'inversion':
      return s === 1 ? 'inverted' : `${Math.round(100 * s)}% inverted`;
    case 'prior':
      return `under a class-prior change (a prior with zeros ${(1 / priorShare(9, s)).toFixed(1)}× as common as nines)`;
    case 'uniform':
      return `uniform noise images (ink × ${s.toFixed(2)})`;
  }
}

function checkSeverity(s: number) {
  if (!(s >= 0 && s <= 1)) throw new RangeError(`severity must be 0 … 1, got ${s}`);
}

/**
 * One image resampled through an affine map: output pixel (x, y) reads the source at
 * (c·dx + s·dy + mid - tx, -s·dx + c·dy + mid - ty) for dx = x - mid, dy = y - mid, with c = cos a,
 * s = sin a (bilinear; samples outside the image read as paper).
 */
function resample(
  src: ArrayLike<number>,
  degrees: number,
  tx: number,
  ty: number,
  out = new Uint8Array(DIGIT_PIXELS),
): Uint8Array {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const mid = (DIGIT_SIDE - 1) / 2;
  const at = (x: number, y: number) =>
    x < 0 || y < 0 || x >= DIGIT_SIDE || y >= DIGIT_SIDE ? 0 : src[y * DIGIT_SIDE + x];
  for (let y = 0; y < DIGIT_SIDE; y++) {
    for (let x = 0; x < DIGIT_SIDE; x++) {
      const dx = x - mid;
      const dy = y - mid;
      const sx = c * dx + s * dy + mid - tx;
      const sy = -s * dx + c * dy + mid - ty;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const v =
        (1 - fx) * (1 - fy) * at(x0, y0) +
        fx * (1 - fy) * at(x0 + 1, y0) +
        (1 - fx) * fy * at(x0, y0 + 1) +
        fx * fy * at(x0 + 1, y0 + 1);
      out[y * DIGIT_SIDE + x] = Math.round(v);
    }
  }
  return out;
}

/** One image rotated by `degrees` (bilinear interpolation; samples outside the image read as paper). */
export function rotateDigit(src: ArrayLike<number>, degrees: number, out = new Uint8Array(DIGIT_PIXELS)): Uint8Array {
  return resample(src, degrees, 0, 0, out);
}

/** One image moved by (dx, dy) pixels, right and down (bilinear; paper comes in at the edges). */
export function translateDigit(
  src: ArrayLike<number>,
  dx: number,
  dy: number,
  out = new Uint8Array(DIGIT_PIXELS),
): Uint8Array {
  return resample(src, 0, dx, dy, out);
}

/** Normalised Gaussian taps w_j ∝ exp(-j² / 2σ²), j = -r … r with r = ceil(3σ); [1] for σ = 0. */
export function gaussianKernel(sigma: number): Float64Array {
  if (!(sigma >= 0)) throw new RangeError(`sigma must be ≥ 0, got ${sigma}`);
  if (sigma === 0) return Float64Array.of(1);
  const r = Math.ceil(3 * sigma);
  const w = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let j = -r; j <= r; j++) sum += w[j + r] = Math.exp(-(j * j) / (2 * sigma * sigma));
  for (let j = 0; j < w.length; j++) w[j] /= sum;
  return w;
}

/** One image blurred by a separable Gaussian of standard deviation `sigma` px (paper outside). */
export function blurDigit(src: ArrayLike<number>, sigma: number, out = new Uint8Array(DIGIT_PIXELS)): Uint8Array {
  const w = gaussianKernel(sigma);
  const r = (w.length - 1) / 2;
  const rows = new Float64Array(DIGIT_PIXELS);
  for (let y = 0; y < DIGIT_SIDE; y++) {
    for (let x = 0; x < DIGIT_SIDE; x++) {
      let v = 0;
      for (let j = -r; j <= r; j++) {
        const xx = x + j;
        if (xx >= 0 && xx < DIGIT_SIDE) v += w[j + r] * src[y * DIGIT_SIDE + xx];
      }
      rows[y * DIGIT_SIDE + x] = v;
    }
  }
  for (let y = 0; y < DIGIT_SIDE; y++) {
    for (let x = 0; x < DIGIT_SIDE; x++) {
      let v = 0;
      for (let j = -r; j <= r; j++) {
        const yy = y + j;
        if (yy >= 0 && yy < DIGIT_SIDE) v += w[j + r] * rows[yy * DIGIT_SIDE + x];
      }
      out[y * DIGIT_SIDE + x] = Math.min(255, Math.round(v));
    }
  }
  return out;
}

const clipByte = (v: number) => Math.min(255, Math.max(0, Math.round(v)));

/** `count` images (count × 784 u8) corrupted by `kind` at severity s; `seed` drives the noise. */
export function corruptImages(
  images: Uint8Array,
  count: number,
  kind: PixelCorruption,
  severity: number,
  seed: number,
): Uint8Array {
  checkSeverity(severity);
  if (images.length < count * DIGIT_PIXELS)
    throw new RangeError(`${images.length} bytes hold fewer than ${count} images`);
  const out = new Uint8Array(count * DIGIT_PIXELS);
  const rng = mulberry32(seed);
  const shift = severity * MAX_SHIFT_PIXELS;
  const contrast = 1 - (1 - MIN_CONTRAST) * severity;
  for (let i = 0; i < count; i++) {
    const src = images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS);
    const dst = out.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS);
    switch (kind) {
      case 'rotation':
        rotateDigit(src, severity * MAX_ROTATION_DEGREES, dst);
        break;
      case 'translation':
        translateDigit(src, shift, shift, dst);
        break;
      case 'blur':
        blurDigit(src, severity * MAX_BLUR_SIGMA, dst);
        break;
      case 'noise':
        for (let p = 0; p < DIGIT_PIXELS; p++)
          dst[p] = clipByte(src[p] + 255 * severity * MAX_NOISE_SD * randNormal(rng));
        break;
      case 'contrast':
        for (let p = 0; p < DIGIT_PIXELS; p++) dst[p] = clipByte(127.5 + contrast * (src[p] - 127.5));
        break;
      case 'inversion':
        for (let p = 0; p < DIGIT_PIXELS; p++) dst[p] = Math.round((1 - severity) * src[p] + severity * (255 - src[p]));
        break;
      case 'uniform':
        for (let p = 0; p < DIGIT_PIXELS; p++) dst[p] = Math.floor(severity * 256 * rng()) & 255;
        break;
    }
  }
  return out;
}

/** The share of class k's test digits a prior change of severity s keeps: (1 - s) + s · 2^-k. */
export function priorShare(k: number, s: number): number {
  checkSeverity(s);
  return 1 - s + s * 2 ** -k;
}

/**
 * The indices of a split kept under a class-prior change of severity s: of each class k, the first
 * round(n_k · priorShare(k, s)) of its digits in a seeded shuffle (at least one each), in split order.
 */
export function priorShiftIndices(labels: ArrayLike<number>, severity: number, seed: number): number[] {
  checkSeverity(severity);
  const byClass: number[][] = Array.from({ length: DIGIT_CLASSES }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const rng = mulberry32(seed);
  const kept: number[] = [];
  byClass.forEach((idx, k) => {
    const n = Math.max(1, Math.round(idx.length * priorShare(k, severity)));
    kept.push(...shuffled(rng, idx).slice(0, Math.min(n, idx.length)));
  });
  return kept.sort((a, b) => a - b);
}

/**
 * The split a corruption makes of `split` at severity s: corrupted pixels with the same labels, the
 * prior change's subset, or (uniform) as many noise images as digits, whose labels mean nothing.
 */
export function shiftSplit(split: DigitSplit, kind: Corruption, severity: number, seed: number): DigitSplit {
  if (kind !== 'prior') {
    return {
      images: corruptImages(split.images, split.count, kind, severity, seed),
      labels: split.labels,
      count: split.count,
    };
  }
  const keep = priorShiftIndices(split.labels.subarray(0, split.count), severity, seed);
  const images = new Uint8Array(keep.length * DIGIT_PIXELS);
  const labels = new Uint8Array(keep.length);
  keep.forEach((i, j) => {
    images.set(split.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), j * DIGIT_PIXELS);
    labels[j] = split.labels[i];
  });
  return { images, labels, count: keep.length };
}

/** Whether a corruption's images still are digits with their labels (all but uniform noise). */
export const hasLabels = (kind: Corruption) => kind !== 'uniform';
