/** Pure chart functions for the denoiser lab: plain arrays in, Elements out (browser and build time alike). */
import {
  accessiblePlot,
  CATEGORY_COLORS,
  Plot,
  logLossScale,
  trainingCurveFrame,
  type ChartContext,
  type StepPoint,
  type TrainingCurveOptions,
} from '../../lib/plot';

export type Point = StepPoint;

/** Both scatter plots show [-PLANE, PLANE]²: the data sets are standardised, so this holds them and most noise. */
const PLANE = 3;
/** Chart sizes in pixels, in one place: the two square planes (samples, field). */
export const SIZES = { plane: 300 } as const;
const SQUARE = SIZES.plane;

interface XY {
  x: number;
  y: number;
}

/** Flat [x0, y0, x1, y1, …] → objects for Plot, at most `limit` of them. */
function toXY(flat: ArrayLike<number>, limit = Infinity): XY[] {
  const n = Math.min(flat.length / 2, limit);
  return Array.from({ length: n }, (_, i) => ({ x: flat[2 * i], y: flat[2 * i + 1] }));
}

interface PlaneOptions extends ChartContext {
  label: string;
  /** Width and height in pixels (default 300). */
  size?: number;
  /** 'none' leaves the points out, for a static figure that paints them as one image (planeDotLayers). */
  dots?: 'svg' | 'none';
}

function planeFrame(o: PlaneOptions) {
  return {
    document: o.document,
    width: o.size ?? SQUARE,
    height: o.size ?? SQUARE,
    marginLeft: 36,
    marginBottom: 32,
    x: { domain: [-PLANE, PLANE], label: 'x₁ →' },
    y: { domain: [-PLANE, PLANE], label: '↑ x₂' },
    clip: true,
  };
}

/** Grey points behind: the held-out data (a few hundred are enough to show the shape). */
const DATA_SHOWN = 400;

/** Colour of sampled points, on SVG (build time) and canvas (live) alike. */
export const SAMPLE_COLOR = CATEGORY_COLORS[0];

function dataMark(data: ArrayLike<number>) {
  return Plot.dot(toXY(data, DATA_SHOWN), { x: 'x', y: 'y', r: 1.5, fill: 'currentColor', fillOpacity: 0.18 });
}

/** The data (grey) and the current sampling frame (blue): noise at t = T, samples at t = 0. */
export function samplesChart(data: ArrayLike<number>, points: ArrayLike<number> | null, o: PlaneOptions) {
  return accessiblePlot(
    {
      ...planeFrame(o),
      marks:
        o.dots === 'none'
          ? []
          : [
              dataMark(data),
              ...(points
                ? [Plot.dot(toXY(points), { x: 'x', y: 'y', r: 1.6, fill: SAMPLE_COLOR, fillOpacity: 0.75 })]
                : []),
            ],
    },
    o.label,
  );
}

/** samplesChart's points as layers to paint: the data in mid-grey (an image cannot follow the theme), the samples blue. */
export function planeDotLayers(data: ArrayLike<number>, points: ArrayLike<number> | null) {
  const pairs = (flat: ArrayLike<number>, limit = Infinity) =>
    toXY(flat, limit).map((p) => [p.x, p.y] as [number, number]);
  return [
    { points: pairs(data, DATA_SHOWN), r: 1.5, color: '#8a8f98', opacity: 0.35 },
    ...(points ? [{ points: pairs(points), r: 1.6, color: SAMPLE_COLOR, opacity: 0.75 }] : []),
  ];
}

/** Maps data coordinates to the pixels of a chart made by samplesChart (Plot's own scales). */
export interface PlaneScales {
  x: (v: number) => number;
  y: (v: number) => number;
  width: number;
  height: number;
}

/** The pixel mapping of a samplesChart element, for drawing points over it on a canvas. */
export function planeScales(chart: Element, size = SQUARE): PlaneScales {
  const plot = chart as unknown as { scale: (name: 'x' | 'y') => { apply: (v: number) => number } };
  const x = plot.scale('x');
  const y = plot.scale('y');
  return { x: (v) => x.apply(v), y: (v) => y.apply(v), width: size, height: size };
}

/**
 * Paints sampled points (flat [x0, y0, …]) on a canvas laid over a samplesChart: while sampling animates,
 * redrawing 2,000 SVG circles ten times a second costs far more main-thread time than a canvas does.
 * Points outside the plotted square are skipped, as the SVG chart clips them.
 */
export function paintPoints(canvas: HTMLCanvasElement, points: ArrayLike<number> | null, scales: PlaneScales): void {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = Math.round(scales.width * ratio);
  const height = Math.round(scales.height * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, scales.width, scales.height);
  if (!points) return;
  ctx.fillStyle = SAMPLE_COLOR;
  ctx.globalAlpha = 0.75;
  ctx.beginPath();
  for (let i = 0; i + 1 < points.length; i += 2) {
    const vx = points[i];
    const vy = points[i + 1];
    if (!(Math.abs(vx) <= PLANE && Math.abs(vy) <= PLANE)) continue;
    const px = scales.x(vx);
    const py = scales.y(vy);
    ctx.moveTo(px + 1.6, py);
    ctx.arc(px, py, 1.6, 0, 2 * Math.PI);
  }
  ctx.fill();
}

/**
 * The learned direction field -ε̃(x, t) on a grid, as arrows over the data. Arrows are scaled together
 * so the longest spans 90% of a grid cell: their lengths compare with each other, not with the axes.
 */
export function fieldChart(
  data: ArrayLike<number>,
  grid: ArrayLike<number>,
  directions: ArrayLike<number>,
  o: PlaneOptions & { spacing: number },
) {
  const n = grid.length / 2;
  let longest = 0;
  for (let i = 0; i < n; i++) longest = Math.max(longest, Math.hypot(directions[2 * i], directions[2 * i + 1]));
  const k = longest > 0 ? (0.9 * o.spacing) / longest : 0;
  const arrows = Array.from({ length: n }, (_, i) => ({
    x1: grid[2 * i],
    y1: grid[2 * i + 1],
    x2: grid[2 * i] + k * directions[2 * i],
    y2: grid[2 * i + 1] + k * directions[2 * i + 1],
  }));
  return accessiblePlot(
    {
      ...planeFrame(o),
      marks: [
        dataMark(data),
        Plot.arrow(arrows, {
          x1: 'x1',
          y1: 'y1',
          x2: 'x2',
          y2: 'y2',
          stroke: CATEGORY_COLORS[5],
          strokeWidth: 1.2,
          headLength: 5,
        }),
      ],
    },
    o.label,
  );
}

type CurveOptions = TrainingCurveOptions;

/** Training loss of every step (each on a fresh batch, so it is noisy), on a log axis. */
export function lossChart(loss: readonly Point[], o: CurveOptions) {
  return accessiblePlot(
    {
      ...trainingCurveFrame(o),
      y: logLossScale(
        loss.map((p) => p.value),
        '↑ loss (mean squared noise error)',
      ),
      marks: [
        Plot.line(
          loss.filter((p) => p.value > 0),
          { x: 'step', y: 'value', stroke: CATEGORY_COLORS[4], strokeWidth: 1 },
        ),
      ],
    },
    'Training loss by step',
  );
}

/**
 * Sample quality by training step: the quick checks while training (line), the reader's own sampling
 * runs (dots), the noise baseline (solid rule) and the threshold at a fraction of it (dashed rule).
 */
export function qualityChart(
  checks: readonly Point[],
  runs: readonly Point[],
  o: CurveOptions & { baseline: number; threshold: number },
) {
  const finite = (p: Point) => Number.isFinite(p.value);
  const top = Math.max(
    o.baseline * 1.6,
    ...checks.filter(finite).map((p) => p.value),
    ...runs.filter(finite).map((p) => p.value),
  );
  return accessiblePlot(
    {
      ...trainingCurveFrame(o),
      y: { domain: [0, top], label: '↑ sliced Wasserstein to data', grid: true },
      color: {
        // The legend names only what is drawn: the static figure has no reader's runs.
        domain: ['quick check', ...(runs.length > 0 ? ['your runs'] : []), 'noise baseline', 'threshold'],
        range: [
          CATEGORY_COLORS[2],
          ...(runs.length > 0 ? [CATEGORY_COLORS[0]] : []),
          CATEGORY_COLORS[5],
          CATEGORY_COLORS[1],
        ],
        legend: true,
      },
      marks: [
        Plot.ruleY([o.baseline], { stroke: () => 'noise baseline', strokeWidth: 1.5 }),
        Plot.ruleY([o.threshold], { stroke: () => 'threshold', strokeDasharray: '4,3', strokeWidth: 1.5 }),
        Plot.line(checks.filter(finite), { x: 'step', y: 'value', stroke: () => 'quick check', strokeWidth: 2 }),
        Plot.dot(checks.filter(finite), { x: 'step', y: 'value', fill: () => 'quick check', r: 2.5 }),
        Plot.dot(runs.filter(finite), { x: 'step', y: 'value', stroke: () => 'your runs', r: 4, strokeWidth: 2 }),
      ],
    },
    'Sample quality (sliced Wasserstein distance to held-out data) by training step',
  );
}
