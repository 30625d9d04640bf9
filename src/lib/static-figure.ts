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
  const holder = document.createElement('div');
  holder.append(chart);
  liftUnderlayImages(holder);
  return roundGeometry(holder.innerHTML);
}

const SVG_HEAD = new Set(['title', 'desc', 'style', 'defs']);
/** Axis ticks and labels Plot draws before the marks: outside the plotting area, so under nothing. */
const AXIS_OUTSIDE = /^[xy]-axis (tick|tick label|label)$/;
const TRANSLATE_ONLY = /^\s*translate\(\s*(-?[\d.]+)[\s,]+(-?[\d.]+)\s*\)(\s*scale\(\s*1[\s,]+1\s*\))?\s*$/;
const PAINT_ATTRIBUTES = ['clip-path', 'mask', 'opacity', 'filter', 'style'];

/**
 * The <image> of an SVG that is drawn under everything else in the plotting area: the
 * SVG's first drawn child, or the only child of a plain group that follows only axis ticks and labels
 * (Plot's raster mark). Null when something else could be under it.
 */
function underlayImage(svg: Element): Element | null {
  for (const child of Array.from(svg.children)) {
    const tag = child.tagName.toLowerCase();
    if (SVG_HEAD.has(tag)) continue;
    if (tag === 'image') return child;
    if (tag !== 'g') return null;
    // Axis groups may be shifted (Plot moves tick labels by a few pixels): they stay outside the plot.
    if (AXIS_OUTSIDE.test(child.getAttribute('aria-label') ?? '')) continue;
    if (PAINT_ATTRIBUTES.some((a) => child.hasAttribute(a)) || child.hasAttribute('transform')) return null;
    const only = child.children.length === 1 ? child.children[0] : null;
    return only && only.tagName.toLowerCase() === 'image' ? only : null;
  }
  return null;
}

/**
 * A chart's pixels loaded lazily. An SVG <image> is fetched as soon as the parser meets it, even for a
 * figure far below the fold, and on a slow phone connection the first figures' images (0.4-6 KB each)
 * competed with the page's own HTML: in Lighthouse's slow-4G model every image that finished before the
 * first paint delayed the lesson's LCP (diffusion: 1.51 s with them, 1.15 s without). An HTML <img> can
 * wait (loading="lazy"; without scripting the browser loads it at once, so a page without JavaScript
 * still shows it). So an <image> drawn under everything else of its SVG (see underlayImage: the dots
 * rasterizeDots paints, a continuous legend's colour ramp, a heatmap's raster mark) becomes an <img> at
 * the same place, in percent of the SVG's viewBox, under the SVG in a wrapper sized by the SVG. Any other
 * image (drawn over a grid, or scaled, or a data URL) stays in the SVG.
 */
export function liftUnderlayImages(root: Element): void {
  for (const svg of Array.from(root.querySelectorAll('svg'))) {
    const image = underlayImage(svg);
    if (!image) continue;
    const href = image.getAttribute('href') ?? '';
    const box = (svg.getAttribute('viewBox') ?? `0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`)
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    const shift = (image.getAttribute('transform') ?? 'translate(0,0)').match(TRANSLATE_ONLY);
    if (!shift || PAINT_ATTRIBUTES.some((a) => image.hasAttribute(a)) || href.startsWith('data:')) continue;
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a, i) =>
      Number(image.getAttribute(a) ?? (i < 2 ? 0 : NaN)),
    );
    const [left, top] = [x + Number(shift[1]), y + Number(shift[2])];
    if (box.length !== 4 || ![...box, left, top, w, h].every(Number.isFinite)) continue;
    const [bx, by, bw, bh] = box;
    const pct = (v: number, of: number) => `${Number(((100 * v) / of).toFixed(3))}%`;
    const doc = svg.ownerDocument;
    const img = doc.createElement('img');
    img.setAttribute('src', href);
    img.setAttribute('alt', '');
    img.setAttribute('loading', 'lazy');
    img.setAttribute('decoding', 'async');
    if (image.getAttribute('image-rendering') === 'pixelated') img.setAttribute('class', 'pixelated');
    img.setAttribute(
      'style',
      `left:${pct(left - bx, bw)};top:${pct(top - by, bh)};width:${pct(w, bw)};height:${pct(h, bh)}`,
    );
    const wrapper = doc.createElement('span');
    wrapper.setAttribute('class', 'raster-under');
    svg.replaceWith(wrapper);
    const group = image.parentElement;
    image.remove();
    // An emptied group (Plot's role="group" aria-label="raster") would be an empty landmark for nothing.
    if (group && group.tagName.toLowerCase() === 'g' && group.children.length === 0) group.remove();
    wrapper.append(img, svg);
  }
}
