/**
 * The shared digit input's state and geometry, apart from its DOM (DigitInput.tsx) so Node tests cover
 * them: the params a chapter widget spreads into its params.ts, how they resolve to the digit a model
 * gets (a test digit by class and number, or a drawing through the strict URL codec and MNIST's
 * preprocessing), and the drawing pad's pointer and keyboard geometry.
 *
 *   export const params = defineParams({ model: ..., ...digitInputParams });
 *   const input = resolveDigitInput(values);   // { kind: 'test', testIndex } or { kind: 'drawn', pixels }
 *
 * Units of a drawing are the codec's (src/math/digit-codec.ts): the unit square, x right, y down, on a
 * grid of 64 levels per side. What is drawn is stored in the URL, and what the model gets is always
 * computed from the stored (decoded) drawing, so a shared link gives the same 28 × 28 input.
 */
import { choiceParam, intParam, textParam, type ParamValues } from '../../lib/params';
import {
  decodeDigitDrawing,
  encodeDigitDrawing,
  MAX_DIGIT_TEXT,
  MAX_POINTS,
  MAX_STROKES,
  quantizeCoordinate,
} from '../../math/digit-codec';
import { interleavedIndex, TEST_PER_CLASS } from '../../math/digit-split';
import { preprocessStrokes, type Preprocessed, type Stroke, type StrokePoint } from '../../math/digits';

export const DIGIT_INPUT_KINDS = ['test', 'drawn'] as const;
export type DigitInputKind = (typeof DIGIT_INPUT_KINDS)[number];

/** Spread into a widget's defineParams({...}): the input's four keys (input, digit, index, drawing). */
export const digitInputParams = {
  input: choiceParam({
    default: 'test',
    options: DIGIT_INPUT_KINDS,
    optionLabels: { test: 'A test digit', drawn: 'My drawing' },
    label: 'Digit to classify',
    doc: 'One of the 2,000 test digits, or one you draw.',
  }),
  digit: intParam({
    default: 3,
    min: 0,
    max: 9,
    label: 'Test digit class',
    doc: 'The class of the test digit to show (its true label).',
  }),
  index: intParam({
    default: 0,
    min: 0,
    max: TEST_PER_CLASS - 1,
    label: 'Test digit number',
    doc: `Which of the ${TEST_PER_CLASS} test digits of that class.`,
  }),
  drawing: textParam({
    default: '',
    maxLength: MAX_DIGIT_TEXT,
    label: 'Drawn digit',
    doc: 'Your drawing, encoded (2 characters per point).',
  }),
};

export type DigitInputValues = ParamValues<typeof digitInputParams>;

export type ResolvedDigitInput =
  | { kind: 'test'; digit: number; index: number; /** Index in the test split (image 10k + c). */ testIndex: number }
  | {
      kind: 'drawn';
      strokes: Stroke[];
      /** MNIST's preprocessing of the drawing: what the model gets (pixels all 0 for a blank pad). */
      preprocessed: Preprocessed;
      /** What the codec dropped from the URL text, for the widget's notices. */
      notice: string | undefined;
    };

/** The digit the input's values stand for. Never throws, whatever the URL held. */
export function resolveDigitInput(
  v: Pick<DigitInputValues, 'input' | 'digit' | 'index' | 'drawing'>,
): ResolvedDigitInput {
  if (v.input === 'test')
    return { kind: 'test', digit: v.digit, index: v.index, testIndex: interleavedIndex(v.digit, v.index) };
  const { value, notice } = decodeDigitDrawing(v.drawing);
  return { kind: 'drawn', strokes: value, preprocessed: preprocessStrokes(value), notice };
}

/** The text a drawing is stored as (and what storing it does to it: the codec's grid and limits). */
export function drawingText(strokes: readonly Stroke[]): string {
  return encodeDigitDrawing(strokes);
}

/** A stroke as it comes back from the URL: each point on the codec's grid, repeats dropped. */
export function snapStroke(stroke: Stroke): StrokePoint[] {
  const out: StrokePoint[] = [];
  for (const [x, y] of stroke) {
    const p: StrokePoint = [quantizeCoordinate(x), quantizeCoordinate(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The pad: pointer and keyboard geometry, and the limits.

/** Levels of the codec's grid per side (64: q = round(v · 63)). */
export const GRID_LEVELS = 64;
/** A drag adds a point once the pointer has moved this far from the last one (two grid levels). */
export const STROKE_SPACING = 2 / (GRID_LEVELS - 1);
/** The keyboard cross moves two grid levels per arrow press, eight with Shift. */
export const KEY_STEP = 2;
export const KEY_BIG_STEP = 8;
/** Where the keyboard cross starts: the pad's centre on the grid. */
export const CURSOR_START: StrokePoint = [32 / 63, 32 / 63];

/** A pointer position (client pixels) in the unit square, given the pad's box; clamped onto it. */
export function clientToUnit(
  box: { left: number; top: number; width: number; height: number },
  clientX: number,
  clientY: number,
): StrokePoint {
  const c = (v: number) => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  return [c((clientX - box.left) / box.width), c((clientY - box.top) / box.height)];
}

/** The stroke with `p` added if it lies at least `spacing` from the stroke's last point (or starts it). */
export function extendStroke(stroke: readonly StrokePoint[], p: StrokePoint, spacing = STROKE_SPACING): StrokePoint[] {
  const last = stroke[stroke.length - 1];
  if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < spacing) return stroke as StrokePoint[];
  return [...stroke, p];
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The cross after an arrow key (on the grid, inside the pad); null for any other key. */
export function moveCursor(cursor: StrokePoint, key: string, big = false): StrokePoint | null {
  const dir = ARROWS[key];
  if (!dir) return null;
  const step = big ? KEY_BIG_STEP : KEY_STEP;
  const move = (v: number, d: number) =>
    Math.min(GRID_LEVELS - 1, Math.max(0, Math.round(v * (GRID_LEVELS - 1)) + d * step)) / (GRID_LEVELS - 1);
  return [move(cursor[0], dir[0]), move(cursor[1], dir[1])];
}

export interface PadRoom {
  /** Strokes and points (after snapping to the grid) the drawing has. */
  strokes: number;
  points: number;
  /** True when no further stroke, or no further point, fits in the URL's limits. */
  full: boolean;
}

export function padRoom(strokes: readonly Stroke[]): PadRoom {
  const points = strokes.reduce((s, k) => s + snapStroke(k).length, 0);
  return { strokes: strokes.length, points, full: strokes.length >= MAX_STROKES || points >= MAX_POINTS };
}

/** Adds a finished stroke if it fits; otherwise says why not (the pad shows the message). */
export function addStroke(
  strokes: readonly Stroke[],
  stroke: readonly StrokePoint[],
): { strokes: Stroke[]; message: string } {
  const snapped = snapStroke(stroke);
  if (snapped.length === 0) return { strokes: [...strokes], message: '' };
  const room = padRoom(strokes);
  if (room.strokes >= MAX_STROKES) {
    return {
      strokes: [...strokes],
      message: `A drawing holds at most ${MAX_STROKES} strokes: Undo or Clear makes room.`,
    };
  }
  const left = MAX_POINTS - room.points;
  if (left <= 0) {
    return {
      strokes: [...strokes],
      message: `A drawing holds at most ${MAX_POINTS} points: Undo or Clear makes room.`,
    };
  }
  const kept = snapped.slice(0, left);
  return {
    strokes: [...strokes, kept],
    message: kept.length < snapped.length ? `The stroke was cut at the drawing's limit of ${MAX_POINTS} points.` : '',
  };
}

/** One sentence about the preprocessing, for the reader (and the aria description of the 28 × 28 image). */
export function describePreprocessing(p: Preprocessed, side: number): string {
  if (!p.hasInk || !p.box || !p.fitted || !p.centre) return 'The pad is blank: the model would get an empty image.';
  return (
    `Ink box ${p.box.width} × ${p.box.height} of the ${side} × ${side} drawing, fitted into ` +
    `${p.fitted.width} × ${p.fitted.height} of MNIST's 20 × 20 box, centre of mass moved to ` +
    `(${p.centre.x.toFixed(1)}, ${p.centre.y.toFixed(1)}) in the 28 × 28 image.`
  );
}
