/**
 * Digit images in plain numbers: drawing strokes into ink, preprocessing a drawing the way MNIST's
 * digits were, and the integer shifts used to augment training digits. Pure (no tfjs, no DOM).
 *
 * MNIST's recipe (LeCun, Bottou, Bengio & Haffner 1998; LeCun, Cortes & Burges, "The MNIST database"):
 * the digit was "size normalized to fit in a 20x20 pixel box while preserving [its] aspect ratio", the
 * anti-aliasing of that normalisation giving grey levels, and then "centered in a 28x28 image by
 * computing the center of mass of the pixels, and translating the image so as to position this point at
 * the center of the 28x28 field". Measured on the mnist package here: the longer side of every digit's
 * ink box is 20 pixels (9,998 of 10,000; 2 have 19) and the mean centre of mass is at (14.00, 14.00) in
 * 0-based pixel indices (x right, y down), each digit within half a pixel of it: a translation by whole
 * pixels to index 14. preprocessInk does exactly that:
 *
 *   1. the ink box: the smallest rectangle of pixels holding every pixel with ink > 0 (bw × bh);
 *   2. resampled to ow × oh with max(ow, oh) = 20 and the shorter side round(20 · min/max) (at least 1),
 *      each output pixel the mean of the input over the rectangle it covers (box filter, partial pixels
 *      weighted by the part covered: the anti-aliasing);
 *   3. centre of mass (cx, cy) of that box image, in its own pixel indices;
 *   4. pasted into 28 × 28 at the offset round(14 - cx), round(14 - cy) (Math.round: halves up), clamped
 *      so the whole box stays inside the field (only a very lopsided drawing moves its centre of mass
 *      off 14 this way; MNIST's digits all fit).
 */
import { DIGIT_PIXELS, DIGIT_SIDE } from './zoo';

/** Side of MNIST's size-normalisation box, and where its centre of mass goes (0-based pixel index). */
export const FIT_BOX = 20;
export const CENTRE = 14;

/** A point of a drawing in the unit square: x from left 0 to right 1, y from top 0 to bottom 1. */
export type StrokePoint = readonly [number, number];
export type Stroke = readonly StrokePoint[];

export interface InkBox {
  x0: number;
  y0: number;
  /** Width and height in pixels (x1 = x0 + width - 1). */
  width: number;
  height: number;
}

/** The smallest rectangle holding every pixel with ink above `threshold`; null for a blank image. */
export function inkBoundingBox(ink: ArrayLike<number>, width: number, height: number, threshold = 0): InkBox | null {
  checkRaster(ink, width, height);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Centre of mass (Σ v·x / Σ v, Σ v·y / Σ v) in pixel indices; null when there is no ink. */
export function centreOfMass(ink: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  checkRaster(ink, width, height);
  let m = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = ink[y * width + x];
      m += v;
      mx += v * x;
      my += v * y;
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/**
 * Box-filter resampling of the rectangle `box` of an image to outW × outH: each output pixel is the mean
 * of the input over the part of the rectangle it maps onto (edges mapped onto edges).
 */
export function resampleBox(
  ink: ArrayLike<number>,
  width: number,
  box: InkBox,
  outW: number,
  outH: number,
): Float32Array {
  const out = new Float32Array(outW * outH);
  // Loops stop at the box's edge: rounding can put yb or xb a hair past it.
  const yEnd = box.y0 + box.height;
  const xEnd = box.x0 + box.width;
  for (let v = 0; v < outH; v++) {
    // Edges as u · size / n, exact wherever they fall on a whole pixel.
    const ya = box.y0 + (v * box.height) / outH;
    const yb = box.y0 + ((v + 1) * box.height) / outH;
    for (let u = 0; u < outW; u++) {
      const xa = box.x0 + (u * box.width) / outW;
      const xb = box.x0 + ((u + 1) * box.width) / outW;
      let sum = 0;
      for (let y = Math.floor(ya); y < yb && y < yEnd; y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        if (wy <= 0) continue;
        for (let x = Math.floor(xa); x < xb && x < xEnd; x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          if (wx > 0) sum += wx * wy * ink[y * width + x];
        }
      }
      out[v * outW + u] = sum / ((xb - xa) * (yb - ya));
    }
  }
  return out;
}

export interface Preprocessed {
  /** 784 values in [0, 1], row by row: what a zoo model receives. */
  pixels: Float32Array;
  /** False for a blank drawing (then pixels are all 0). */
  hasInk: boolean;
  /** The ink box in the input, its size after fitting, and where it went in the 28 × 28 field. */
  box: InkBox | null;
  fitted: { width: number; height: number } | null;
  offset: { x: number; y: number } | null;
  /** Centre of mass of the result in pixel indices (14, 14 unless the clamp moved it). */
  centre: { x: number; y: number } | null;
}

/** MNIST's preprocessing of an ink image (values in [0, 1], any size): see the top of this file. */
export function preprocessInk(ink: ArrayLike<number>, width: number, height: number): Preprocessed {
  const pixels = new Float32Array(DIGIT_PIXELS);
  const box = inkBoundingBox(ink, width, height);
  if (!box) return { pixels, hasInk: false, box: null, fitted: null, offset: null, centre: null };
  const long = Math.max(box.width, box.height);
  const short = Math.max(1, Math.round((FIT_BOX * Math.min(box.width, box.height)) / long));
  const ow = box.width >= box.height ? FIT_BOX : short;
  const oh = box.width >= box.height ? short : FIT_BOX;
  const fitted = resampleBox(ink, width, box, ow, oh);
  for (let i = 0; i < fitted.length; i++) fitted[i] = Math.min(1, Math.max(0, fitted[i]));
  const com = centreOfMass(fitted, ow, oh)!;
  const ox = Math.min(DIGIT_SIDE - ow, Math.max(0, Math.round(CENTRE - com.x)));
  const oy = Math.min(DIGIT_SIDE - oh, Math.max(0, Math.round(CENTRE - com.y)));
  for (let v = 0; v < oh; v++) {
    for (let u = 0; u < ow; u++) pixels[(oy + v) * DIGIT_SIDE + ox + u] = fitted[v * ow + u];
  }
  return {
    pixels,
    hasInk: true,
    box,
    fitted: { width: ow, height: oh },
    offset: { x: ox, y: oy },
    centre: centreOfMass(pixels, DIGIT_SIDE, DIGIT_SIDE),
  };
}

/** Side of the square raster a drawing is inked on before preprocessing, and the pen's radius on it. */
export const DRAW_SIDE = 112;
export const DRAW_RADIUS = 4.5;

/**
 * Inks strokes (points in the unit square) on a side × side raster with a round pen of the given radius
 * (in raster pixels), anti-aliased: a pixel whose centre lies at distance d from the stroke gets
 * clamp(radius + 0.5 - d, 0, 1). A one-point stroke is a dot. Non-finite coordinates are skipped.
 */
export function rasterizeStrokes(strokes: readonly Stroke[], side = DRAW_SIDE, radius = DRAW_RADIUS): Float32Array {
  if (!(Number.isInteger(side) && side >= 1 && side <= 1024))
    throw new RangeError(`side must be an integer from 1 to 1024, got ${side}`);
  if (!(radius > 0 && radius <= side)) throw new RangeError(`radius must be in (0, ${side}], got ${radius}`);
  const out = new Float32Array(side * side);
  const reach = radius + 0.5;
  for (const stroke of strokes) {
    const pts = stroke
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
      .map(([x, y]) => [x * side, y * side]);
    const segments = pts.length === 1 ? [[pts[0], pts[0]]] : pts.slice(1).map((p, i) => [pts[i], p]);
    for (const [[ax, ay], [bx, by]] of segments) {
      const xa = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
      const xb = Math.min(side - 1, Math.ceil(Math.max(ax, bx) + reach));
      const ya = Math.max(0, Math.floor(Math.min(ay, by) - reach));
      const yb = Math.min(side - 1, Math.ceil(Math.max(ay, by) + reach));
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      for (let y = ya; y <= yb; y++) {
        for (let x = xa; x <= xb; x++) {
          const px = x + 0.5;
          const py = y + 0.5;
          const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
          const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
          const v = Math.min(1, Math.max(0, reach - d));
          if (v > out[y * side + x]) out[y * side + x] = v;
        }
      }
    }
  }
  return out;
}

/** A drawing as a zoo model receives it: strokes inked on the drawing raster, then preprocessInk. */
export function preprocessStrokes(strokes: readonly Stroke[], side = DRAW_SIDE, radius = DRAW_RADIUS): Preprocessed {
  return preprocessInk(rasterizeStrokes(strokes, side, radius), side, side);
}

/**
 * A 28 × 28 image moved by whole pixels (dx right, dy down), paper filling what comes in: the training
 * scripts' augmentation. Writes into `out` (not the source) and returns it.
 */
export function shiftImage(
  src: ArrayLike<number>,
  dx: number,
  dy: number,
  out: Float32Array = new Float32Array(DIGIT_PIXELS),
  srcOffset = 0,
  outOffset = 0,
): Float32Array {
  for (let y = 0; y < DIGIT_SIDE; y++) {
    const sy = y - dy;
    for (let x = 0; x < DIGIT_SIDE; x++) {
      const sx = x - dx;
      out[outOffset + y * DIGIT_SIDE + x] =
        sy >= 0 && sy < DIGIT_SIDE && sx >= 0 && sx < DIGIT_SIDE ? src[srcOffset + sy * DIGIT_SIDE + sx] : 0;
    }
  }
  return out;
}

function checkRaster(ink: ArrayLike<number>, width: number, height: number): void {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`an image needs a positive integer width and height, got ${width} × ${height}`);
  }
  if (ink.length !== width * height) throw new RangeError(`${ink.length} values do not fill ${width} × ${height}`);
}
