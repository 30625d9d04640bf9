/**
 * The drawing pad's geometry, apart from its DOM (DrawPad.tsx) so it is tested in Node: where a stroke
 * puts its points, how the keyboard cross moves, the "start from a shape" formulas, and adding or
 * removing points under the pad's limit.
 *
 * Units are the points codec's: the drawing area is [-1, 1]², y pointing up.
 */
import type { Vec2 } from '../../math/diffusion';
import { DRAWN_CLASSES, MAX_DRAWN_POINTS, type Drawing } from './points-codec';

/** Distance between the points a drag leaves along its stroke. */
export const STROKE_SPACING = 0.05;
/** Spacing of the points of a ready-made shape: 60-100 points, a clear outline. */
export const SHAPE_SPACING = 0.08;
/** Levels of the codec's grid per coordinate (points-codec: 64 levels over [-1, 1]). */
const LEVELS = 64;
/** The keyboard cross moves one grid level per arrow press, BIG_STEP levels with Shift. */
export const BIG_STEP = 8;

/** A drawing the pad edits: one label per point always (class 0 when the codec had none). */
export interface PadDrawing {
  points: Vec2[];
  labels: number[];
}

export function toPadDrawing(d: Drawing): PadDrawing {
  return { points: d.points, labels: d.labels ?? d.points.map(() => 0) };
}

/** Half-width of the pad's view: the drawing area [-1, 1]² plus a margin, so edge points are whole. */
export const PAD_VIEW = 1.08;

/**
 * A pointer position (client pixels) in pad units, given the pad's box on screen; y flips to point up.
 * Positions in the margin are clamped onto the drawing area.
 */
export function clientToPad(
  box: { left: number; top: number; width: number; height: number },
  clientX: number,
  clientY: number,
): Vec2 {
  const x = -PAD_VIEW + ((clientX - box.left) / box.width) * 2 * PAD_VIEW;
  const y = PAD_VIEW - ((clientY - box.top) / box.height) * 2 * PAD_VIEW;
  return clampToPad([x, y]);
}

export function clampToPad([x, y]: readonly number[]): Vec2 {
  const c = (v: number) => Math.min(1, Math.max(-1, Number.isFinite(v) ? v : 0));
  return [c(x), c(y)];
}

/**
 * The points a drag adds when the pointer moves from the last placed point to `to`: one every `spacing`
 * along the straight segment (a fast flick that jumps 0.3 still leaves 6 evenly spaced points), none if
 * the pointer has moved less than `spacing`. The first point of a stroke is `to` itself (last = null).
 */
export function strokePoints(last: Vec2 | null, to: Vec2, spacing = STROKE_SPACING): Vec2[] {
  if (last === null) return [to];
  const dx = to[0] - last[0];
  const dy = to[1] - last[1];
  const dist = Math.hypot(dx, dy);
  const steps = Math.floor(dist / spacing + 1e-9);
  const out: Vec2[] = [];
  for (let k = 1; k <= steps; k++) {
    const f = (k * spacing) / dist;
    out.push([last[0] + f * dx, last[1] + f * dy]);
  }
  return out;
}

/** Grid level 0 … 63 of a coordinate, and back (the codec's grid, so a placed point does not jump). */
const levelOf = (v: number) => Math.round(((Math.min(1, Math.max(-1, v)) + 1) / 2) * (LEVELS - 1));
const valueOf = (q: number) => (2 * q) / (LEVELS - 1) - 1;

/** Where the keyboard cross starts: the grid point nearest the centre. */
export const CURSOR_START: Vec2 = [valueOf(LEVELS / 2), valueOf(LEVELS / 2)];

const ARROWS: Record<string, Vec2> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

/**
 * The cross after an arrow key: one grid level (2/63 ≈ 0.032), or BIG_STEP levels with Shift, held
 * inside the pad. Returns null for any other key.
 */
export function moveCursor(cursor: Vec2, key: string, big = false): Vec2 | null {
  const dir = ARROWS[key];
  if (!dir) return null;
  const step = big ? BIG_STEP : 1;
  const move = (v: number, d: number) => valueOf(Math.min(LEVELS - 1, Math.max(0, levelOf(v) + d * step)));
  return [move(cursor[0], dir[0]), move(cursor[1], dir[1])];
}

export interface AddResult {
  drawing: PadDrawing;
  /** How many of the offered points fit. */
  added: number;
  /** True when some points did not fit (the pad is full). */
  full: boolean;
}

/** Adds points of one pen class, as many as fit under `max`. */
export function addPoints(d: PadDrawing, points: readonly Vec2[], pen: number, max = MAX_DRAWN_POINTS): AddResult {
  const room = Math.max(0, max - d.points.length);
  const kept = points.slice(0, room).map(clampToPad);
  const cls = Math.min(DRAWN_CLASSES - 1, Math.max(0, Math.trunc(pen)));
  return {
    drawing: { points: [...d.points, ...kept], labels: [...d.labels, ...kept.map(() => cls)] },
    added: kept.length,
    full: kept.length < points.length,
  };
}

export function removeLastPoint(d: PadDrawing): PadDrawing {
  return { points: d.points.slice(0, -1), labels: d.labels.slice(0, -1) };
}

/** Points per class (index = class). */
export function classCounts(d: PadDrawing): number[] {
  const counts = new Array<number>(DRAWN_CLASSES).fill(0);
  for (const c of d.labels) counts[c] += 1;
  return counts;
}

// ---------------------------------------------------------------------------------------------------
// Shapes: outlines from formulas, resampled to evenly spaced points.

/**
 * Points every `spacing` of arc length along a polyline (closed: back to its start). A curve sampled
 * evenly in its parameter bunches up where it moves slowly (the heart's tip); this spreads it evenly.
 */
export function resamplePath(path: readonly Vec2[], spacing: number, closed = true): Vec2[] {
  const nodes = closed ? [...path, path[0]] : [...path];
  const out: Vec2[] = [nodes[0]];
  let carry = 0; // arc length walked since the last emitted point
  for (let i = 1; i < nodes.length; i++) {
    const [ax, ay] = nodes[i - 1];
    const [bx, by] = nodes[i];
    const len = Math.hypot(bx - ax, by - ay);
    let along = spacing - carry;
    while (along <= len) {
      const f = along / len;
      out.push([ax + f * (bx - ax), ay + f * (by - ay)]);
      along += spacing;
    }
    carry = len - (along - spacing);
  }
  // A closed curve's last point would sit on its first.
  if (closed && out.length > 1) {
    const [fx, fy] = out[0];
    const [lx, ly] = out[out.length - 1];
    if (Math.hypot(fx - lx, fy - ly) < spacing / 2) out.pop();
  }
  return out;
}

function sampleCurve(f: (s: number) => Vec2, from: number, to: number, n = 400): Vec2[] {
  return Array.from({ length: n + 1 }, (_, i) => f(from + ((to - from) * i) / n));
}

/**
 * The classic heart curve x = 16 sin³θ, y = 13 cos θ − 5 cos 2θ − 2 cos 3θ − cos 4θ, whose y runs
 * from −17 (tip) to 12 (lobes): shifted to centre and scaled to fill [-0.8, 0.8].
 */
export function heartOutline(spacing = SHAPE_SPACING): Vec2[] {
  const scale = 0.8 / 16;
  const curve = sampleCurve(
    (th) => [
      scale * 16 * Math.sin(th) ** 3,
      scale * (13 * Math.cos(th) - 5 * Math.cos(2 * th) - 2 * Math.cos(3 * th) - Math.cos(4 * th) + 2.5),
    ],
    0,
    2 * Math.PI,
  );
  return resamplePath(curve.slice(0, -1), spacing);
}

const circle =
  (cx: number, cy: number, r: number) =>
  (a: number): Vec2 => [cx + r * Math.cos(a), cy + r * Math.sin(a)];

/**
 * A smiley in three parts, one class each, so it is a ready-made labelled set for the conditional
 * denoiser: the face (a circle of radius 0.85), the eyes (small circles), the mouth (an arc).
 */
export function smileyParts(spacing = SHAPE_SPACING): Vec2[][] {
  const closedCircle = (cx: number, cy: number, r: number) =>
    resamplePath(sampleCurve(circle(cx, cy, r), 0, 2 * Math.PI).slice(0, -1), spacing);
  const face = closedCircle(0, 0, 0.85);
  const eyes = [...closedCircle(-0.3, 0.3, 0.08), ...closedCircle(0.3, 0.3, 0.08)];
  const toRad = Math.PI / 180;
  const mouth = resamplePath(sampleCurve(circle(0, 0.05, 0.5), 200 * toRad, 340 * toRad), spacing, false);
  return [face, eyes, mouth];
}

export interface PadShape {
  name: string;
  /** Button text. */
  label: string;
  /** The shape's drawing; one-part shapes take the pen's class. */
  make: (pen: number) => PadDrawing;
}

export const PAD_SHAPES: readonly PadShape[] = [
  {
    name: 'heart',
    label: 'Start from a heart',
    make: (pen) => addPoints({ points: [], labels: [] }, heartOutline(), pen).drawing,
  },
  {
    name: 'smiley',
    label: 'Start from a smiley (3 classes)',
    make: () =>
      smileyParts().reduce<PadDrawing>((d, part, cls) => addPoints(d, part, cls).drawing, { points: [], labels: [] }),
  },
];
