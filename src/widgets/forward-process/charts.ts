/**
 * Pure chart functions of the forward process explorer: (data, options) => Element. The same functions
 * draw the live charts and, at build time with a linkedom document, the static figure.
 */
import type { ScheduleKind, Vec2 } from '../../math/diffusion';
import { accessiblePlot, CATEGORY_COLORS, Plot, type ChartContext } from '../../lib/plot';
import { AXIS_LIMIT, formatValue, type CurvePoint, type PointsView } from './compute';

/** Chart sizes in pixels, in one place (snapshots in the static figure pass their own, smaller size). */
export const SIZES = {
  scatter: 340,
  schedule: { width: 340, height: 220 },
} as const;

/** Line colours of the two schedules (Okabe–Ito): blue for cosine, vermillion (dashed) for linear. */
const SCHEDULE_STYLE: Record<ScheduleKind, { color: string; dash?: string; name: string; labelAt: number }> = {
  cosine: { color: CATEGORY_COLORS[0], name: 'cosine', labelAt: 0.7 },
  linear: { color: CATEGORY_COLORS[5], dash: '6,3', name: 'linear', labelAt: 0.3 },
};

export interface ScatterOptions extends ChartContext {
  t: number;
  T: number;
  schedule: ScheduleKind;
  /** Width and height in pixels (the axes are square and fixed, so the aspect ratio is 1). */
  size?: number;
  /** Small multiples: fewer ticks, no legend, a title above the plot. */
  compact?: boolean;
  /**
   * 'none' leaves the points out, for a static figure that paints them as one image instead
   * (scatterDotLayers + src/lib/static-raster.ts): 250 points are 500 SVG circles.
   */
  dots?: 'svg' | 'none';
}

/** Grey of the x_0 points in a raster (an image cannot follow the theme's currentColor: mid-grey reads on both). */
const RASTER_GREY = '#8a8f98';

/** The scatter's points as layers to paint: x_0 in grey under x_t in its class colours. */
export function scatterDotLayers(points: PointsView, o: Pick<ScatterOptions, 'compact'>) {
  if (!points.ok) return [];
  const { x0, xt, labels, numClasses } = points;
  const labelled = labels !== null && numClasses > 0;
  return [
    { points: x0, r: 1.4, color: RASTER_GREY, opacity: 0.3 },
    {
      points: xt,
      r: o.compact ? 1.4 : 2,
      color: labelled ? xt.map((_, i) => CATEGORY_COLORS[labels![i] % CATEGORY_COLORS.length]) : CATEGORY_COLORS[0],
      opacity: 0.8,
    },
  ];
}

/**
 * x_t (coloured by class when the set has labels) over the faint x_0 it came from, on fixed axes
 * [-3.5, 3.5]², so moving t shows the points spreading towards N(0, I) instead of the axes rescaling.
 * With no points (an empty drawing) the frame carries the message instead.
 */
export function scatterChart(points: PointsView, o: ScatterOptions) {
  const size = o.size ?? SIZES.scatter;
  // Equal margins on both axes keep the plotting area square.
  const m = o.compact ? 24 : 36;
  const frame = {
    document: o.document,
    width: size,
    height: size,
    marginLeft: m,
    marginBottom: m,
    marginTop: 10,
    marginRight: 10,
    x: { domain: [-AXIS_LIMIT, AXIS_LIMIT], label: o.compact ? null : 'x₁ →', ticks: o.compact ? 3 : 7 },
    y: { domain: [-AXIS_LIMIT, AXIS_LIMIT], label: o.compact ? null : '↑ x₂', ticks: o.compact ? 3 : 7 },
  };
  const where = describeStep(o);
  if (!points.ok) {
    return accessiblePlot(
      {
        ...frame,
        marks: [
          Plot.frame({ strokeOpacity: 0.4 }),
          Plot.text([points.message], { frameAnchor: 'middle', lineWidth: 16, fontSize: 13 }),
        ],
      },
      `No points at ${where}: ${points.message}`,
    );
  }
  const { x0, xt, labels, numClasses } = points;
  const classNames = Array.from({ length: numClasses }, (_, k) => `class ${k + 1}`);
  const rows = xt.map(([x, y], i) => ({ x, y, c: labels ? classNames[labels[i]] : '' }));
  const labelled = labels !== null && numClasses > 0;
  return accessiblePlot(
    {
      ...frame,
      ...(labelled
        ? {
            color: {
              type: 'ordinal',
              domain: classNames,
              range: CATEGORY_COLORS.slice(0, numClasses),
              legend: !o.compact && numClasses > 1,
            },
          }
        : {}),
      marks: [
        Plot.frame({ strokeOpacity: 0.25 }),
        ...(o.dots === 'none'
          ? []
          : [
              Plot.dot(x0, {
                x: (p: Vec2) => p[0],
                y: (p: Vec2) => p[1],
                r: 1.4,
                fill: 'currentColor',
                fillOpacity: 0.13,
                stroke: null,
              }),
              Plot.dot(rows, {
                className: XT_CLASS,
                x: 'x',
                y: 'y',
                r: o.compact ? 1.4 : 2,
                fill: labelled ? 'c' : CATEGORY_COLORS[0],
                fillOpacity: 0.8,
              }),
            ]),
        ...(o.compact
          ? [Plot.text([`t = ${o.t}`], { frameAnchor: 'top-left', dx: 4, dy: 4, fontSize: 11, fontWeight: 600 })]
          : []),
      ],
    },
    scatterLabel(points, where),
  );
}

/** Class of the x_t dots' group: moveScatterPoints finds them there. */
const XT_CLASS = 'forward-xt';

const describeStep = (o: { t: number; T: number; schedule: ScheduleKind }) =>
  `t = ${o.t} of ${o.T} (${o.schedule} schedule)`;

function scatterLabel(points: Extract<PointsView, { ok: true }>, where: string): string {
  const { xt, numClasses } = points;
  return (
    `Scatter of ${xt.length} points x_t at ${where} over the data x_0 in grey` +
    (points.labels && numClasses > 1 ? `, coloured by class (${numClasses} classes)` : '')
  );
}

type PlotScales = { scale?: (name: 'x' | 'y') => { apply: (v: number) => number } | undefined };

/**
 * The fast path for a new t over the same data: moves the x_t dots of a chart made by scatterChart
 * (and updates its label) instead of building 1,200 new SVG elements. A redraw while t plays then
 * sets 1,200 attributes, about a tenth of a full chart's work. Returns false (and changes nothing)
 * when the chart does not hold exactly these points, so the caller draws a new one.
 */
export function moveScatterPoints(chart: Element, points: PointsView, o: Omit<ScatterOptions, 'document'>): boolean {
  if (!points.ok) return false;
  const plot = chart as unknown as PlotScales;
  const x = plot.scale?.('x');
  const y = plot.scale?.('y');
  const circles = chart.querySelectorAll(`g.${XT_CLASS} circle`);
  if (!x || !y || circles.length !== points.xt.length) return false;
  points.xt.forEach(([px, py], i) => {
    circles[i].setAttribute('cx', String(x.apply(px)));
    circles[i].setAttribute('cy', String(y.apply(py)));
  });
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg[viewBox]');
  svg?.setAttribute('aria-label', scatterLabel(points, describeStep(o)));
  return true;
}

export type CurveMetric = 'alphaBar' | 'logSnr';

export interface CurveOptions extends ChartContext {
  metric: CurveMetric;
  /** The schedule in use (drawn thicker). */
  schedule: ScheduleKind;
  t: number;
  T: number;
  width?: number;
}

const METRIC_LABEL: Record<CurveMetric, string> = {
  alphaBar: '↑ ᾱ_t (signal power left)',
  logSnr: '↑ log₁₀ SNR = log₁₀ ᾱ/(1−ᾱ)',
};

/**
 * ᾱ_t or log10 SNR of both schedules against t/T, with the current t marked by a rule and a dot on
 * each curve. log SNR is infinite at t = 0 (no noise yet): that point is left out of its chart.
 */
export function scheduleChart(curves: CurvePoint[], markers: CurvePoint[], o: CurveOptions) {
  const value = (p: CurvePoint) => (o.metric === 'alphaBar' ? p.alphaBar : p.logSnr);
  const finite = (ps: CurvePoint[]) => ps.filter((p) => Number.isFinite(value(p)));
  const u = o.T > 0 ? o.t / o.T : 0;
  const lines = (Object.keys(SCHEDULE_STYLE) as ScheduleKind[]).flatMap((kind) => {
    const s = SCHEDULE_STYLE[kind];
    const active = kind === o.schedule;
    const line = finite(curves.filter((p) => p.schedule === kind));
    const last = line.slice(-1);
    return [
      Plot.line(line, { x: 'u', y: value, stroke: s.color, strokeWidth: active ? 3 : 1.5, strokeDasharray: s.dash }),
      // ᾱ: each name right of its falling line, where it crosses a level of its own (apart from the other
      // name and from the default t's markers); log SNR: at the end of the line.
      Plot.text(o.metric === 'alphaBar' ? line.filter((p) => p.alphaBar <= s.labelAt).slice(0, 1) : last, {
        x: 'u',
        y: value,
        text: () => s.name,
        fill: s.color,
        fontWeight: 600,
        dx: o.metric === 'alphaBar' ? 8 : -4,
        dy: o.metric === 'alphaBar' ? -4 : kind === 'cosine' ? 10 : -8,
        textAnchor: o.metric === 'alphaBar' ? 'start' : 'end',
      }),
    ];
  });
  const shownMarkers = finite(markers);
  const current = markers.find((p) => p.schedule === o.schedule);
  const describe = (p: CurvePoint) => `${p.schedule} ${formatValue(value(p))}`;
  return accessiblePlot(
    {
      document: o.document,
      width: o.width ?? SIZES.schedule.width,
      height: SIZES.schedule.height,
      marginLeft: 44,
      marginRight: 16,
      marginBottom: 36,
      x: { domain: [0, 1], label: 't / T →', tickFormat: '.1f' },
      y:
        o.metric === 'alphaBar'
          ? { domain: [0, 1], label: METRIC_LABEL.alphaBar, grid: true }
          : { label: METRIC_LABEL.logSnr, grid: true, nice: true },
      marks: [
        ...(o.metric === 'logSnr'
          ? [
              Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
              Plot.text(['SNR = 1'], { frameAnchor: 'right', y: 0, dx: -4, dy: -7, fontSize: 10, textAnchor: 'end' }),
            ]
          : []),
        Plot.ruleX([u], { stroke: 'currentColor', strokeOpacity: 0.6 }),
        ...lines,
        Plot.dot(shownMarkers, {
          x: 'u',
          y: value,
          r: 4,
          fill: (p: CurvePoint) => SCHEDULE_STYLE[p.schedule].color,
          stroke: 'var(--bg)',
        }),
        Plot.text([`t = ${o.t}`], {
          x: u,
          frameAnchor: 'top',
          dy: 2,
          dx: u > 0.8 ? -4 : 4,
          textAnchor: u > 0.8 ? 'end' : 'start',
          fontSize: 10,
        }),
      ],
    },
    `${o.metric === 'alphaBar' ? 'ᾱ_t' : 'log10 SNR'} of the linear and cosine schedules against t/T for T = ${o.T}; ` +
      (current && Number.isFinite(value(current))
        ? `at t = ${o.t}: ${markers.map(describe).join(', ')}`
        : `at t = ${o.t} the SNR is infinite (no noise yet)`),
  );
}
