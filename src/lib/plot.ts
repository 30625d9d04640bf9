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

export function accessiblePlot(options: Plot.PlotOptions, label: string): SVGSVGElement | HTMLElement {
  const chart = Plot.plot({
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ...options,
    ariaLabel: label,
  });
  const svgs = chart.tagName.toLowerCase() === 'svg' ? [chart] : Array.from(chart.querySelectorAll('svg'));
  for (const svg of svgs) {
    svg.setAttribute('role', 'img');
    if (!svg.getAttribute('aria-label')) svg.setAttribute('aria-label', label);
    for (const g of Array.from(svg.querySelectorAll('g[aria-label]'))) g.setAttribute('role', 'group');
  }
  return chart;
}

export { Plot };
