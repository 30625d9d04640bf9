/**
 * A reader's drawn points in a URL: short enough to share, strict enough that a garbled link can never
 * crash a widget.
 *
 * The drawing area is the square [-1, 1]²; each coordinate is rounded to one of 64 levels
 * (q = round((v + 1) / 2 · 63), a step of 2/63 ≈ 0.032 of the side) and written as one base64url
 * character, so a point costs 2 characters and 200 points fit in 400. A labelled drawing (points of
 * several classes, for the class-conditional denoiser) starts with `~` and adds one digit per point:
 * x, y, class.
 *
 * Examples: `AA` is the point (-1, -1); `~__1` is (1, 1) of class 1.
 */
import type { Vec2 } from '../../math/diffusion';
import { DATASET_LIMITS } from '../../math/datasets2d';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LEVELS = ALPHABET.length; // 64
const LABELLED_PREFIX = '~';

/** Most points a drawing may hold in the URL (and in the pad). */
export const MAX_DRAWN_POINTS = 200;
/** Classes a drawn point may carry (pen colours). */
export const DRAWN_CLASSES = 3;
/** Longest encoded drawing: the labelled prefix plus 3 characters per point. */
export const MAX_POINTS_TEXT = 1 + 3 * MAX_DRAWN_POINTS;

if (MAX_DRAWN_POINTS > DATASET_LIMITS.drawn.max || DRAWN_CLASSES > DATASET_LIMITS.drawnClasses.max) {
  throw new Error('points-codec limits exceed the data set limits');
}

export interface Drawing {
  /** Points in [-1, 1]², on the 64-level grid. */
  points: Vec2[];
  /** One class (0 … DRAWN_CLASSES-1) per point, or null for a one-class drawing. */
  labels: number[] | null;
}

/** Rounds a coordinate to the grid (clamping to [-1, 1]); what a point looks like after a round trip. */
export function quantize(v: number): number {
  return dequantizeLevel(levelOf(v));
}

function levelOf(v: number): number {
  const c = Math.min(1, Math.max(-1, Number.isFinite(v) ? v : 0));
  return Math.round(((c + 1) / 2) * (LEVELS - 1));
}

function dequantizeLevel(q: number): number {
  return (2 * q) / (LEVELS - 1) - 1;
}

/** The URL text of a drawing. Labels are written only when some point is not class 0. */
export function encodeDrawing({ points, labels }: Drawing): string {
  const kept = points.slice(0, MAX_DRAWN_POINTS);
  const labelled = labels != null && labels.some((c) => c !== 0);
  let out = labelled ? LABELLED_PREFIX : '';
  kept.forEach(([x, y], i) => {
    out += ALPHABET[levelOf(x)] + ALPHABET[levelOf(y)];
    if (labelled) out += String(Math.min(DRAWN_CLASSES - 1, Math.max(0, Math.trunc(labels[i] ?? 0))));
  });
  return out;
}

export interface DecodedDrawing extends Drawing {
  /** Set when part of the text was unusable: what was dropped, in words for the reader. */
  notice?: string;
}

/** Reads a drawing from URL text. Never throws: unreadable points are dropped with a notice. */
export function decodeDrawing(text: string): DecodedDrawing {
  const labelled = text.startsWith(LABELLED_PREFIX);
  const body = labelled ? text.slice(1) : text;
  const width = labelled ? 3 : 2;
  const points: Vec2[] = [];
  const labels: number[] = [];
  let bad = 0;
  const whole = Math.floor(body.length / width);
  for (let i = 0; i < whole; i++) {
    const qx = ALPHABET.indexOf(body[i * width]);
    const qy = ALPHABET.indexOf(body[i * width + 1]);
    const c = labelled ? Number(body[i * width + 2]) : 0;
    if (qx < 0 || qy < 0 || !Number.isInteger(c) || c < 0 || c >= DRAWN_CLASSES) {
      bad++;
      continue;
    }
    if (points.length === MAX_DRAWN_POINTS) break;
    points.push([dequantizeLevel(qx), dequantizeLevel(qy)]);
    labels.push(c);
  }
  const problems: string[] = [];
  if (bad > 0) problems.push(`${bad} unreadable point${bad === 1 ? '' : 's'} dropped`);
  if (body.length % width !== 0) problems.push('a cut-off point at the end dropped');
  if (whole - bad > MAX_DRAWN_POINTS) problems.push(`only the first ${MAX_DRAWN_POINTS} points kept`);
  return {
    points,
    labels: labelled ? labels : null,
    notice: problems.length > 0 ? `Drawn points: ${problems.join('; ')}.` : undefined,
  };
}
