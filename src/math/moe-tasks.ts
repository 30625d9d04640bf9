/**
 * The mixture-of-experts chapter's task: a classification of points in the square [-1, 1]² that follows
 * a different rule in each region, so there is something for experts to specialise on.
 *
 * The square is cut into a G × G grid of cells, the task's regimes (4, 9 or 16). In cell c, with centre
 * m_c, a point x is class 1 when it lies on the positive side of a line through m_c at angle θ_c:
 *
 *   y(x) = 1  if (x - m_c) · (cos θ_c, sin θ_c) > 0,  else 0,
 *
 * and the angles differ from cell to cell (θ_c = π · frac(c φ), φ the golden ratio's fraction, which
 * spreads them evenly). One line is easy for a small network; G² lines that each stop at their cell's
 * border are hard for one small network, and easy for G² small networks with a router that sends each
 * cell to its own. Cells are numbered row by row from the bottom left: c = row · G + column.
 *
 * Plain numbers only (no tfjs): the same points feed every backend, and tests can check them by hand.
 */
import { deriveSeed, mulberry32, type Rng } from './random';

export const REGIME_COUNTS = [4, 9, 16] as const;
export type RegimeCount = (typeof REGIME_COUNTS)[number];

const GOLDEN_FRACTION = (Math.sqrt(5) - 1) / 2;

/** Seed streams of a run on this task, so that one never shifts another. */
export const MOE_SEED_STREAM = { init: 0, data: 1, heldOut: 2, noise: 3, dense: 4 } as const;

export interface Regime {
  index: number;
  /** Cell bounds [x0, x1] × [y0, y1]. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Centre of the cell, on the rule's line. */
  cx: number;
  cy: number;
  /** Angle of the rule's normal, in radians, in [0, π). */
  angle: number;
}

export function gridSize(regimes: number): number {
  const g = Math.round(Math.sqrt(regimes));
  if (g * g !== regimes || g < 1 || g > 8)
    throw new RangeError(`regimes must be a square from 1 to 64, got ${regimes}`);
  return g;
}

/** The G² regimes of the task, cell by cell. */
export function regimesOf(regimes: number): Regime[] {
  const g = gridSize(regimes);
  const size = 2 / g;
  return Array.from({ length: regimes }, (_, c) => {
    const row = Math.floor(c / g);
    const col = c % g;
    const x0 = -1 + col * size;
    const y0 = -1 + row * size;
    return {
      index: c,
      x0,
      x1: x0 + size,
      y0,
      y1: y0 + size,
      cx: x0 + size / 2,
      cy: y0 + size / 2,
      angle: Math.PI * ((c * GOLDEN_FRACTION) % 1),
    };
  });
}

/** The regime (cell) a point lies in; points on the square's edge belong to the cell inside it. */
export function regimeOf(x: number, y: number, g: number): number {
  const cell = (v: number) => Math.min(g - 1, Math.max(0, Math.floor(((v + 1) / 2) * g)));
  return cell(y) * g + cell(x);
}

/** The class of a point under the task's rule. */
export function labelOf(x: number, y: number, regimes: readonly Regime[], g: number): number {
  const r = regimes[regimeOf(x, y, g)];
  return (x - r.cx) * Math.cos(r.angle) + (y - r.cy) * Math.sin(r.angle) > 0 ? 1 : 0;
}

export interface PointBatch {
  /** Row-major [n, 2]. */
  points: Float32Array;
  labels: Int32Array;
  /** The regime of each point (for the tests and the per-regime readings, never for the model). */
  regime: Int32Array;
  n: number;
}

/** n points uniform in the square, with their classes. Advances rng. */
export function makePointBatch(regimes: number, n: number, rng: Rng): PointBatch {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const g = gridSize(regimes);
  const cells = regimesOf(regimes);
  const points = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  const regime = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = 2 * rng() - 1;
    const y = 2 * rng() - 1;
    points[2 * i] = x;
    points[2 * i + 1] = y;
    labels[i] = labelOf(x, y, cells, g);
    regime[i] = regimeOf(x, y, g);
  }
  return { points, labels, regime, n };
}

/** The held-out points of a seed: the same for every model and run with that seed. */
export function heldOutPoints(regimes: number, n: number, seed: number): PointBatch {
  return makePointBatch(regimes, n, mulberry32(deriveSeed(seed, MOE_SEED_STREAM.heldOut)));
}

/** Cell centres of a res × res grid over the square, row by row from the bottom: the expert map's points. */
export function mapGrid(res: number): Float32Array {
  const out = new Float32Array(2 * res * res);
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      out[2 * (r * res + c)] = -1 + (2 * (c + 0.5)) / res;
      out[2 * (r * res + c) + 1] = -1 + (2 * (r + 0.5)) / res;
    }
  }
  return out;
}

/**
 * How well expert territories line up with the task's regimes: for each regime, the share of its map
 * points that go to the expert most of them go to, averaged over regimes. 1 when every regime has one
 * expert of its own or shares one whole; 1/N-ish when routing ignores the regimes.
 */
export function regimePurity(
  assigned: ArrayLike<number>,
  grid: Float32Array,
  regimes: number,
  experts: number,
): number {
  const g = gridSize(regimes);
  const counts = Array.from({ length: regimes }, () => new Array<number>(experts).fill(0));
  for (let i = 0; i < assigned.length; i++) counts[regimeOf(grid[2 * i], grid[2 * i + 1], g)][assigned[i]]++;
  let s = 0;
  for (const row of counts) {
    const total = row.reduce((a, b) => a + b, 0);
    s += total > 0 ? Math.max(...row) / total : 0;
  }
  return s / regimes;
}
