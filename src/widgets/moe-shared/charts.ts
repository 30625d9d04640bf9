/**
 * Chart functions the MoE widgets share: plain arrays in, Elements out, in the browser and at build time
 * alike (src/lib/plot.ts). Expert colours come from ./palette.
 */
import {
  accessiblePlot,
  CATEGORY_COLORS,
  logLossScale,
  Plot,
  trainingCurveFrame,
  type ChartContext,
  type StepPoint,
  type TrainingCurveOptions,
} from '../../lib/plot';
import { EXPERT_COLORS, expertLabel, textOn } from './palette';

export const SHARED_SIZES = { loadBars: { width: 330, height: 200 }, map: 300 } as const;

const positive = (p: StepPoint) => p.value > 0 && Number.isFinite(p.value);

export interface CurveSeries {
  name: string;
  points: readonly StepPoint[];
  /** Thin (every step) or thick (every evaluation). */
  thin?: boolean;
  color?: string;
}

/** Loss curves on a log axis, one line per series, with a legend. */
export function lossCurves(series: readonly CurveSeries[], o: TrainingCurveOptions & { label: string; x?: string }) {
  const frame = trainingCurveFrame(o, 44);
  return accessiblePlot(
    {
      ...frame,
      x: { ...frame.x, ...(o.x ? { label: o.x } : {}) },
      y: logLossScale(
        series.flatMap((s) => s.points.map((p) => p.value)),
        '↑ loss (nats, log scale)',
      ),
      color: {
        domain: series.map((s) => s.name),
        range: series.map((s, i) => s.color ?? CATEGORY_COLORS[i]),
        legend: true,
      },
      marks: series.map((s) =>
        Plot.line(s.points.filter(positive), {
          x: 'step',
          y: 'value',
          stroke: () => s.name,
          strokeWidth: s.thin ? 1 : 2.5,
          strokeOpacity: s.thin ? 0.7 : 1,
        }),
      ),
    },
    o.label,
  );
}

/** Shares (0 to 1) by training step, drawn as percentages, one line per series. */
export function shareCurves(series: readonly CurveSeries[], o: TrainingCurveOptions & { label: string; y: string }) {
  return accessiblePlot(
    {
      ...trainingCurveFrame(o, 44),
      y: { domain: [0, 100], label: o.y, percent: true, grid: true },
      color: {
        domain: series.map((s) => s.name),
        range: series.map((s, i) => s.color ?? CATEGORY_COLORS[i]),
        legend: true,
      },
      marks: series.flatMap((s) => [
        Plot.line(s.points, { x: 'step', y: 'value', stroke: () => s.name, strokeWidth: s.thin ? 1 : 2.5 }),
        Plot.dot(s.points.slice(-1), { x: 'step', y: 'value', fill: () => s.name, r: 3 }),
      ]),
    },
    o.label,
  );
}

/** One unbounded non-negative quantity by step (the CV of the expert loads), with a reference line. */
export function valueCurve(
  points: readonly StepPoint[],
  o: TrainingCurveOptions & { label: string; y: string; reference?: { value: number; text: string } },
) {
  const max = Math.max(0.1, ...points.map((p) => p.value), o.reference?.value ?? 0);
  return accessiblePlot(
    {
      ...trainingCurveFrame(o, 44),
      y: { domain: [0, max * 1.1], label: o.y, grid: true },
      marks: [
        ...(o.reference
          ? [
              Plot.ruleY([o.reference.value], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.6 }),
              Plot.text([o.reference.value], {
                y: (v: number) => v,
                frameAnchor: 'left',
                dx: 4,
                dy: -6,
                text: () => o.reference!.text,
                fontSize: 10,
              }),
            ]
          : []),
        Plot.line(points, { x: 'step', y: 'value', stroke: CATEGORY_COLORS[5], strokeWidth: 2.5 }),
        Plot.dot(points.slice(-1), { x: 'step', y: 'value', fill: CATEGORY_COLORS[5], r: 3 }),
      ],
    },
    o.label,
  );
}

/**
 * The load of each expert: f_i, its share of the assignments (solid bar), and P_i, its mean router
 * probability (light bar), side by side, with the even share 1/N dashed.
 */
export function loadBars(f: readonly number[], P: readonly number[], o: ChartContext & { label: string }) {
  const N = f.length;
  const data = f.flatMap((fi, i) => [
    { expert: expertLabel(i), series: 'f: share assigned', value: fi, i },
    { expert: expertLabel(i), series: 'P: mean probability', value: P[i], i },
  ]);
  const top = Math.max(1 / N, ...f, ...P);
  return accessiblePlot(
    {
      document: o.document,
      ...SHARED_SIZES.loadBars,
      marginLeft: 44,
      marginTop: 24,
      marginBottom: 36,
      fx: { domain: f.map((_, i) => expertLabel(i)), label: 'expert →', padding: 0.15 },
      x: { domain: ['f: share assigned', 'P: mean probability'], axis: null, padding: 0.05 },
      y: { domain: [0, Math.min(1, top * 1.15)], label: '↑ share', percent: true, grid: true },
      marks: [
        Plot.barY(data, {
          fx: 'expert',
          x: 'series',
          y: 'value',
          fill: (d: { i: number }) => EXPERT_COLORS[d.i % EXPERT_COLORS.length],
          fillOpacity: (d: { series: string }) => (d.series.startsWith('f') ? 1 : 0.45),
          stroke: (d: { i: number }) => EXPERT_COLORS[d.i % EXPERT_COLORS.length],
        }),
        Plot.ruleY([1 / N], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
        Plot.ruleY([0]),
      ],
    },
    o.label,
  );
}

export interface ExpertRegion {
  /** Cell bounds in the square [-1, 1]². */
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  expert: number;
}

/**
 * A res × res grid of experts (row by row from the bottom left, over [-1, 1]²) as rectangles, each run
 * of equal cells in a row merged into one: a few dozen rectangles instead of a thousand cells, in the
 * live chart and in the page's static markup alike.
 */
export function mergeRuns(expert: readonly number[], res: number): ExpertRegion[] {
  const size = 2 / res;
  const out: ExpertRegion[] = [];
  for (let r = 0; r < res; r++) {
    let start = 0;
    for (let c = 1; c <= res; c++) {
      if (c === res || expert[r * res + c] !== expert[r * res + start]) {
        out.push({
          x1: -1 + start * size,
          x2: -1 + c * size,
          y1: -1 + r * size,
          y2: -1 + (r + 1) * size,
          expert: expert[r * res + start],
        });
        start = c;
      }
    }
  }
  return out;
}

/** Where to print each expert's number: the mean of its cells, for experts with at least `minCells`. */
export function expertCentres(expert: readonly number[], res: number, minCells = 12) {
  const sums = new Map<number, { x: number; y: number; n: number }>();
  expert.forEach((e, i) => {
    const s = sums.get(e) ?? { x: 0, y: 0, n: 0 };
    s.x += -1 + (2 * ((i % res) + 0.5)) / res;
    s.y += -1 + (2 * (Math.floor(i / res) + 0.5)) / res;
    s.n++;
    sums.set(e, s);
  });
  return [...sums.entries()]
    .filter(([, s]) => s.n >= minCells)
    .map(([e, s]) => ({ expert: e, x: s.x / s.n, y: s.y / s.n, share: s.n / expert.length }));
}

export interface ExpertMapOptions extends ChartContext {
  label: string;
  /** Cell edges of the task's regimes, drawn as thin lines (e.g. [-1, 0, 1] for a 2 × 2 grid). */
  regimeEdges?: number[];
  size?: number;
}

/** Which expert the router sends each part of the square to, with the task's regimes outlined. */
export function expertMapChart(expert: readonly number[], res: number, o: ExpertMapOptions) {
  const size = o.size ?? SHARED_SIZES.map;
  const edges = o.regimeEdges ?? [];
  const colorOf = (e: number) => EXPERT_COLORS[e % EXPERT_COLORS.length];
  const centres = expertCentres(expert, res);
  return accessiblePlot(
    {
      document: o.document,
      width: size,
      height: size,
      marginLeft: 36,
      marginBottom: 32,
      x: { domain: [-1, 1], label: 'x₁ →' },
      y: { domain: [-1, 1], label: '↑ x₂' },
      marks: [
        Plot.rect(mergeRuns(expert, res), {
          x1: 'x1',
          x2: 'x2',
          y1: 'y1',
          y2: 'y2',
          fill: (d: ExpertRegion) => colorOf(d.expert),
        }),
        Plot.ruleX(edges.slice(1, -1), { stroke: 'currentColor', strokeWidth: 1.5, strokeDasharray: '5,3' }),
        Plot.ruleY(edges.slice(1, -1), { stroke: 'currentColor', strokeWidth: 1.5, strokeDasharray: '5,3' }),
        Plot.text(centres, {
          x: 'x',
          y: 'y',
          text: (d: { expert: number }) => expertLabel(d.expert),
          fill: (d: { expert: number }) => textOn(colorOf(d.expert)),
          fontSize: 13,
          fontWeight: 'bold',
        }),
        Plot.frame(),
      ],
    },
    o.label,
  );
}
