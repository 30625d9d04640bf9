/**
 * Build-time rendering of chart functions to SVG markup, for the figure a reader sees before the
 * island hydrates or without JavaScript. Imported only from .astro frontmatter (never shipped).
 */
import { parseHTML } from 'linkedom';
import type { ChartContext } from './plot';
import { installCanvas } from './static-raster';

/** Geometry attributes whose numbers Plot writes with full float precision. */
const GEOMETRY_ATTRIBUTE = /\s(cx|cy|x|y|x1|x2|y1|y2|dx|dy|width|height|r|d|points|transform)="([^"]*)"/g;
const LONG_DECIMAL = /(\d\.\d)\d+/g;

/**
 * Cuts coordinates to one decimal (an error under 0.1 px, below what a screen shows): Plot writes cx="41.563500577279314", and
 * a scatter of 600 points carried 1 MB of such digits into a lesson's HTML (the forward-process explorer's
 * static figure). Text, labels and colours are left alone.
 */
export function roundGeometry(markup: string): string {
  return markup.replace(
    GEOMETRY_ATTRIBUTE,
    (_, name: string, value: string) => ` ${name}="${value.replace(LONG_DECIMAL, '$1')}"`,
  );
}

/**
 * Renders a chart function at build time. The document has the canvas API Plot's raster marks and
 * continuous legends need (static-raster.ts), so dense charts come out as one image, as they do live.
 * `after` may change the chart before it is serialised (e.g. rasterise its dots).
 */
export function renderStatic(make: (ctx: Required<ChartContext>) => Element, after?: (chart: Element) => void): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  installCanvas(document as unknown as Document);
  const chart = make({ document: document as unknown as Document });
  after?.(chart);
  return roundGeometry(chart.outerHTML);
}
