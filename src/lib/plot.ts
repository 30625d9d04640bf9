/**
 * Shared Observable Plot conventions for every chart: an accessible SVG (role="img" with a label, and
 * labelled groups marked role="group", which axe requires; STACK-NOTES pitfall 3), colours that follow
 * the page's light or dark theme through CSS variables, and colour-blind-safe palettes.
 *
 * Chart functions pass `document` through, so the same function renders in the browser and at build
 * time (with linkedom) for the static figure a reader sees before, or without, JavaScript.
 */
import * as Plot from '@observablehq/plot';

/** Okabe & Ito (2008) palette: distinguishable under the common colour-vision deficiencies. */
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];

/** cividis is perceptually uniform and readable with deuteranopia and protanopia (Nuñez et al. 2018). */
export const SEQUENTIAL_SCHEME = 'cividis';

/** A diverging scheme for signed values (similarities, scores). */
export const DIVERGING_SCHEME = 'BuRd';

export interface ChartContext {
  /** The document to build in: window.document in the browser, a linkedom document at build time. */
  document?: Document;
}

/**
 * Plot puts a <style> element in every chart and legend it makes. Inserting a style sheet makes the
 * browser recompute the style of the whole document, and a lesson page has thousands of KaTeX
 * elements: traced in Chromium, each live redraw of the playground cost ~50 ms of style recalculation
 * (bench: 12 main-thread tasks over 50 ms in 10 s of training). The same rules live once in
 * src/styles/global.css (section "Observable Plot"), so the per-chart copies are dropped.
 */
export function dropPlotStyleSheets<E extends Element>(chart: E): E {
  chart.querySelectorAll('style').forEach((s) => s.remove());
  return chart;
}

export function accessiblePlot(options: Plot.PlotOptions, label: string): SVGSVGElement | HTMLElement {
  const chart = dropPlotStyleSheets(
    Plot.plot({
      style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
      ...options,
      ariaLabel: label,
    }),
  );
  const svgs = chart.tagName.toLowerCase() === 'svg' ? [chart] : Array.from(chart.querySelectorAll('svg'));
  for (const svg of svgs) {
    svg.setAttribute('role', 'img');
    if (!svg.getAttribute('aria-label')) svg.setAttribute('aria-label', label);
    for (const g of Array.from(svg.querySelectorAll('g[aria-label]'))) g.setAttribute('role', 'group');
    // A lone mark outside a group (Plot.frame's <rect aria-label="frame">) may not carry a label without
    // a role (axe: aria-prohibited-attr); it is decoration.
    for (const el of Array.from(svg.querySelectorAll('rect[aria-label], line[aria-label], path[aria-label]'))) {
      if (el.parentElement === svg) el.setAttribute('aria-hidden', 'true');
    }
  }
  // A legend's colour swatches are tiny SVGs beside their class names: decoration, not more images
  // carrying the whole chart's label.
  for (const swatch of Array.from(chart.querySelectorAll('[class*="-swatch"] svg'))) {
    swatch.removeAttribute('role');
    swatch.removeAttribute('aria-label');
    swatch.setAttribute('aria-hidden', 'true');
  }
  return chart;
}

export { Plot };

export type { StepPoint } from './runtime/protocol';

export interface TrainingCurveOptions extends ChartContext {
  /** The run's step budget: the x axis spans it from the start, so the curve grows into a fixed frame. */
  totalSteps: number;
}

/** Size of every training curve, in pixels. */
export const CURVE_SIZE = { width: 320, height: 190 } as const;

/** Size and step axis shared by every training curve, so curves of one run line up step for step. */
export function trainingCurveFrame(o: TrainingCurveOptions, marginLeft = 48) {
  return {
    document: o.document,
    ...CURVE_SIZE,
    marginLeft,
    x: { domain: [0, Math.max(1, o.totalSteps)], label: 'training step →' },
  };
}

/**
 * The y scale of a loss curve on a log axis. Plot picks its ticks from the data's extent, and a curve
 * of one point (before training: the step-0 evaluation alone) or of nearly equal values spans so
 * little that its only tick is the value itself, printed in full and clipped by the margin ("76983"
 * for 2.76983). The domain is therefore widened to at least a factor of 10 around the data (a decade
 * always holds round ticks), ticks are written with 2 significant digits, and an empty curve gets
 * the decade [0.1, 1] so the frame is drawn.
 */
export function logLossScale(values: readonly number[], label: string) {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  let lo = positive.length ? Math.min(...positive) : 0.1;
  let hi = positive.length ? Math.max(...positive) : 1;
  const centre = Math.sqrt(lo * hi);
  if (hi / lo < 10) {
    lo = Math.min(lo, centre / Math.sqrt(10));
    hi = Math.max(hi, centre * Math.sqrt(10));
  }
  return { type: 'log' as const, domain: [lo, hi], label, grid: true, tickFormat: '~r' };
}

export interface HeatmapOptions extends ChartContext {
  label: string;
  xLabel: string;
  yLabel: string;
  scheme?: string;
  /** Colour domain; symmetric around 0 for diverging data. Defaults to the data's extent. */
  domain?: [number, number];
  width?: number;
  height?: number;
  /** Tick labels for rows and columns (e.g. tokens); numbers 0..n-1 when absent. */
  xTicks?: string[];
  yTicks?: string[];
  /** Print each cell's value (small matrices only). */
  showValues?: boolean;
  /**
   * Cells hidden by a mask: drawn grey and marked −∞ (what a mask adds before a softmax), not coloured
   * as a value, and left out of the colour domain. Forces SVG cells.
   */
  masked?: readonly (readonly boolean[])[];
  legend?: boolean;
}

const canvasSupport = new WeakMap<Document, boolean>();

/**
 * linkedom (build time) has <canvas> elements whose getContext is missing or returns null. Probed once
 * per document: creating a 2-D context on every redraw costs milliseconds.
 */
function hasCanvas2d(doc: Document): boolean {
  let known = canvasSupport.get(doc);
  if (known === undefined) {
    try {
      known = !!(doc.createElement('canvas') as HTMLCanvasElement).getContext?.('2d');
    } catch {
      known = false;
    }
    canvasSupport.set(doc, known);
  }
  return known;
}

/** A colour legend on its own, for a grid of heatmaps that share one scale (drawn once, not per map). */
export function colorLegend(o: ChartContext & { label: string; domain: [number, number]; scheme?: string }) {
  const doc = o.document ?? (typeof document === 'undefined' ? undefined : document);
  // Plot reads `document` from a legend's options (as from a plot's) though its types omit it.
  const legend = Plot.legend({
    document: doc,
    color: {
      type: doc && hasCanvas2d(doc) ? 'linear' : 'quantize',
      n: 9,
      scheme: (o.scheme ?? SEQUENTIAL_SCHEME) as Plot.ColorScheme,
      domain: o.domain,
      label: o.label,
    },
  } as Plot.LegendScales);
  dropPlotStyleSheets(legend);
  legend.setAttribute('role', 'img');
  legend.setAttribute('aria-label', `Colour scale: ${o.label} from ${o.domain[0]} to ${o.domain[1]}`);
  return legend;
}

/** Matrices with more cells than this draw as one raster image (build time and live), not as SVG cells. */
export const RASTER_CELLS = 64;

/**
 * A matrix as a heatmap, row i at the top. Matrices of more than RASTER_CELLS cells draw as a raster image
 * (one <image>: fast live, and a small DOM in the static figure, where the build's document has the
 * canvas Plot needs, src/lib/static-raster.ts); small ones, and masked ones, as SVG cells. Either way the
 * axes keep their tick labels (tokens, or every few indices) and the chart its accessible name, which
 * also states the value range: the picture itself is not read out.
 */
export function heatmap(matrix: readonly (readonly number[])[], o: HeatmapOptions): SVGSVGElement | HTMLElement {
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  const doc = o.document ?? (typeof document === 'undefined' ? undefined : document);
  const canRaster = !!doc && hasCanvas2d(doc);
  const useRaster = canRaster && rows * cols > RASTER_CELLS && !o.masked;
  // Continuous legends paint a canvas; where there is none the colours come in 9 steps.
  const color = {
    type: canRaster ? ('linear' as const) : ('quantize' as const),
    n: 9,
    scheme: (o.scheme ?? SEQUENTIAL_SCHEME) as Plot.ColorScheme,
    domain: o.domain,
    legend: o.legend ?? true,
    label: o.label,
  };
  const common = {
    document: doc,
    width: o.width ?? 360,
    height: o.height ?? 360,
    marginLeft: 44,
    marginBottom: 40,
    color,
  };
  // Tick labels are keyed by index, not by label: token labels repeat ("3 1 4 1 5"), indices do not.
  const ticks = (labels: string[] | undefined, n: number) => {
    const every = Math.max(1, Math.ceil(n / 16));
    return (k: number) => labels?.[k] ?? (k % every === 0 ? String(k) : '');
  };
  const values = matrix.flat();
  // The colour range, and the value range the label states, leave masked cells out (they are not values).
  const visible = o.masked ? matrix.flatMap((row, i) => row.filter((_, j) => !o.masked?.[i]?.[j])) : values;
  const [lo, hi] = o.domain ?? [Math.min(...visible), Math.max(...visible)];
  const shown = (v: number) => String(Number(v.toPrecision(3)));
  const label = `${o.label}: ${rows} × ${cols} values from ${shown(Math.min(...visible))} to ${shown(Math.max(...visible))}`;
  if (useRaster) {
    // Linear axes over [0, n] with a tick at each cell's centre, labelled like the band axes below.
    const centres = (n: number, labels?: string[]) => {
      const every = labels ? 1 : Math.max(1, Math.ceil(n / 16));
      return Array.from({ length: n }, (_, k) => k)
        .filter((k) => k % every === 0)
        .map((k) => k + 0.5);
    };
    const tickLabel = (labels: string[] | undefined, n: number) => {
      const at = ticks(labels, n);
      return (v: number) => at(Math.floor(v));
    };
    return accessiblePlot(
      {
        ...common,
        x: {
          domain: [0, cols],
          label: o.xLabel,
          ticks: centres(cols, o.xTicks),
          tickFormat: tickLabel(o.xTicks, cols),
        },
        y: {
          domain: [rows, 0],
          label: o.yLabel,
          ticks: centres(rows, o.yTicks),
          tickFormat: tickLabel(o.yTicks, rows),
        },
        marks: [
          Plot.raster(Float64Array.from(values), {
            width: cols,
            height: rows,
            x1: 0,
            y1: 0,
            x2: cols,
            y2: rows,
            imageRendering: 'pixelated',
          }),
        ],
      },
      label,
    );
  }
  const all = matrix.flatMap((row, i) => row.map((v, j) => ({ i, j, v, masked: o.masked?.[i]?.[j] ?? false })));
  const cells = all.filter((c) => !c.masked);
  const hidden = all.filter((c) => c.masked);
  const mid = (lo + hi) / 2;
  return accessiblePlot(
    {
      ...common,
      x: { domain: Array.from({ length: cols }, (_, j) => j), label: o.xLabel, tickFormat: ticks(o.xTicks, cols) },
      y: { domain: Array.from({ length: rows }, (_, i) => i), label: o.yLabel, tickFormat: ticks(o.yTicks, rows) },
      marks: [
        Plot.cell(cells, { x: 'j', y: 'i', fill: 'v', inset: 0 }),
        Plot.cell(hidden, { x: 'j', y: 'i', fill: 'currentColor', fillOpacity: 0.08, inset: 0.5 }),
        Plot.text(hidden, { x: 'j', y: 'i', text: () => '−∞', fill: 'currentColor', fillOpacity: 0.55, fontSize: 9 }),
        ...(o.showValues
          ? [
              Plot.text(cells, {
                x: 'j',
                y: 'i',
                text: (d: { v: number }) => d.v.toFixed(2),
                // Sequential schemes run dark to light: dark text on the light half, light on the dark.
                fill: (d: { v: number }) => (d.v > mid ? '#111111' : '#ffffff'),
                fontSize: 10,
              }),
            ]
          : []),
      ],
    },
    label,
  );
}
