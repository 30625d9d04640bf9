/**
 * Corruptions of 28 × 28 digits (u8, 0 paper … 255 ink, row by row) for the shift study, each at a
 * severity s in [0, 1], and out-of-distribution images that are no digit at all. Seeded where random.
 *
 *   rotation:  the digit turned by s · 90° about the image centre (bilinear, paper outside).
 *   noise:     Gaussian noise of standard deviation s · 0.6 (in units of full ink) added, then clipped.
 *   inversion: every pixel x → (1 - s) x + s (255 - x): at s = 1 white ink on black paper.
 *   uniform:   (out of distribution) every pixel uniform in 0 … 255 (s scales the ink: s · u).
 */
import { mulberry32, randNormal } from './random';
import { DIGIT_PIXELS, DIGIT_SIDE } from './zoo';

export const CORRUPTIONS = ['rotation', 'noise', 'inversion', 'uniform'] as const;
export type Corruption = (typeof CORRUPTIONS)[number];
export const MAX_ROTATION_DEGREES = 90;
export const MAX_NOISE_SD = 0.6;

function checkSeverity(s: number) {
  if (!(s >= 0 && s <= 1)) throw new RangeError(`severity must be 0 … 1, got ${s}`);
}

/** One image rotated by `degrees` (bilinear interpolation; samples outside the image read as paper). */
export function rotateDigit(src: ArrayLike<number>, degrees: number, out = new Uint8Array(DIGIT_PIXELS)): Uint8Array {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const mid = (DIGIT_SIDE - 1) / 2;
  const at = (x: number, y: number) =>
    x < 0 || y < 0 || x >= DIGIT_SIDE || y >= DIGIT_SIDE ? 0 : src[y * DIGIT_SIDE + x];
  for (let y = 0; y < DIGIT_SIDE; y++) {
    for (let x = 0; x < DIGIT_SIDE; x++) {
      // The source point that lands on (x, y): rotate back.
      const dx = x - mid;
      const dy = y - mid;
      const sx = c * dx + s * dy + mid;
      const sy = -s * dx + c * dy + mid;
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

/** `count` images (count × 784 u8) corrupted by `kind` at severity s; `seed` drives the noise. */
export function corruptImages(
  images: Uint8Array,
  count: number,
  kind: Corruption,
  severity: number,
  seed: number,
): Uint8Array {
  checkSeverity(severity);
  if (images.length < count * DIGIT_PIXELS)
    throw new RangeError(`${images.length} bytes hold fewer than ${count} images`);
  const out = new Uint8Array(count * DIGIT_PIXELS);
  const rng = mulberry32(seed);
  for (let i = 0; i < count; i++) {
    const src = images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS);
    const dst = out.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS);
    switch (kind) {
      case 'rotation':
        rotateDigit(src, severity * MAX_ROTATION_DEGREES, dst);
        break;
      case 'noise':
        for (let p = 0; p < DIGIT_PIXELS; p++) {
          const v = src[p] + 255 * severity * MAX_NOISE_SD * randNormal(rng);
          dst[p] = Math.min(255, Math.max(0, Math.round(v)));
        }
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
