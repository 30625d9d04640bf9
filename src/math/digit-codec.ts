/**
 * A drawn digit in a URL: compact enough to share, strict enough that no link can break a page.
 *
 * A drawing is a list of strokes, each a list of points in the unit square (x right, y down; see
 * src/math/digits.ts). Each coordinate is rounded to one of 64 levels, q = round(v · 63) (a step of
 * 1/63 of the pad's side), and written as one base64url character, so a point costs two characters;
 * strokes are separated by '.'. All characters are unreserved in URLs: nothing is percent-encoded.
 *
 *   "AAAz.zz"  a vertical stroke from (0, 0) down to (0, 51/63), then a dot at (51/63, 51/63)
 *   "__"       a dot in the bottom-right corner (1, 1)
 *
 * Limits: at most MAX_STROKES strokes and MAX_POINTS points in all (so at most MAX_DIGIT_TEXT
 * characters). The encoder drops repeated points (equal after rounding) and cuts at the limits; the
 * decoder never throws: it reads what it can, drops the rest, and says what it dropped in a notice.
 */
import type { Stroke, StrokePoint } from './digits';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LEVELS = ALPHABET.length; // 64
const SEPARATOR = '.';

export const MAX_STROKES = 16;
export const MAX_POINTS = 300;
/** Longest text the encoder writes: two characters a point, a separator between strokes. */
export const MAX_DIGIT_TEXT = 2 * MAX_POINTS + MAX_STROKES - 1;

function level(v: number): number {
  const c = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  return Math.round(c * (LEVELS - 1));
}

/** A coordinate after a round trip through the URL (rounded to the 64-level grid, clamped to [0, 1]). */
export function quantizeCoordinate(v: number): number {
  return level(v) / (LEVELS - 1);
}

/** The URL text of a drawing. */
export function encodeDigitDrawing(strokes: readonly Stroke[]): string {
  const parts: string[] = [];
  let points = 0;
  for (const stroke of strokes) {
    if (parts.length === MAX_STROKES || points === MAX_POINTS) break;
    let text = '';
    let last = '';
    for (const [x, y] of stroke) {
      if (points === MAX_POINTS) break;
      const pair = ALPHABET[level(x)] + ALPHABET[level(y)];
      if (pair === last) continue;
      text += pair;
      last = pair;
      points++;
    }
    if (text) parts.push(text);
  }
  return parts.join(SEPARATOR);
}

export interface DecodedDigitDrawing {
  /** The strokes read, on the 64-level grid. */
  value: Stroke[];
  /** What was dropped, in words for the reader; undefined when the text was read whole. */
  notice: string | undefined;
}

/**
 * Reads a drawing from URL text (anything: a non-string reads as no drawing). Never throws. Text beyond
 * MAX_DIGIT_TEXT characters is not read at all, so a hostile link costs no more than a long drawing.
 */
export function decodeDigitDrawing(text: unknown): DecodedDigitDrawing {
  if (typeof text !== 'string') {
    return { value: [], notice: text == null ? undefined : 'Drawn digit: not text; ignored.' };
  }
  const problems: string[] = [];
  let body = text;
  if (body.length > MAX_DIGIT_TEXT) {
    body = body.slice(0, MAX_DIGIT_TEXT);
    problems.push(`only the first ${MAX_DIGIT_TEXT} characters read`);
  }
  const strokes: StrokePoint[][] = [];
  let badPoints = 0;
  let cut = 0;
  let empty = 0;
  let droppedStrokes = 0;
  let points = 0;
  let overPoints = false;
  for (const part of body.split(SEPARATOR)) {
    if (part.length === 0) {
      empty++;
      continue;
    }
    if (strokes.length === MAX_STROKES) {
      droppedStrokes++;
      continue;
    }
    if (part.length % 2 !== 0) cut++;
    const stroke: StrokePoint[] = [];
    for (let i = 0; i + 1 < part.length; i += 2) {
      const qx = ALPHABET.indexOf(part[i]);
      const qy = ALPHABET.indexOf(part[i + 1]);
      if (qx < 0 || qy < 0) {
        badPoints++;
        continue;
      }
      if (points === MAX_POINTS) {
        overPoints = true;
        break;
      }
      stroke.push([qx / (LEVELS - 1), qy / (LEVELS - 1)]);
      points++;
    }
    if (stroke.length > 0) strokes.push(stroke);
  }
  if (badPoints > 0) problems.push(`${badPoints} unreadable point${badPoints === 1 ? '' : 's'} dropped`);
  if (cut > 0) problems.push(`${cut} cut-off point${cut === 1 ? '' : 's'} dropped`);
  if (empty > 0 && body.length > 0) problems.push(`${empty} empty stroke${empty === 1 ? '' : 's'} skipped`);
  if (droppedStrokes > 0) problems.push(`only the first ${MAX_STROKES} strokes kept`);
  if (overPoints) problems.push(`only the first ${MAX_POINTS} points kept`);
  return { value: strokes, notice: problems.length > 0 ? `Drawn digit: ${problems.join('; ')}.` : undefined };
}
