/**
 * Build-time pixels for static figures (Node only): a dense chart drawn as one image instead of thousands
 * of SVG elements. A heatmap of 48 × 32 cells was 1,536 <rect>s and a scatter of 250 points 500 <circle>s;
 * as pixels each is one <image>, and the axes, labels and the chart's accessible name stay SVG.
 *
 * - `installCanvas(document)` gives a linkedom document the little of the canvas API Observable Plot uses
 *   (createImageData / putImageData for Plot.raster, fillStyle / fillRect for continuous colour legends,
 *   toDataURL), so the same chart functions that raster on a live page raster at build time too.
 * - `rasterizeDots` paints point layers (data coordinates, through the chart's own scales) into a 2× image
 *   laid under the chart's axes.
 */
import { figureImageUrl } from './png';

type RGBA = [number, number, number, number];

/** "#rgb", "#rrggbb", "rgb(r, g, b)", "rgba(r, g, b, a)" → 0–255 channels; null for anything else. */
export function parseColor(color: string): RGBA | null {
  const c = color.trim().toLowerCase();
  let m = c.match(/^#([0-9a-f]{3})$/);
  if (m) return [...m[1]].map((h) => parseInt(h + h, 16)).concat(255) as RGBA;
  m = c.match(/^#([0-9a-f]{6})$/);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)).concat(255) as RGBA;
  m = c.match(/^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 255 : Math.round(255 * Number(m[4]))];
  return null;
}

class StaticContext2D {
  fillStyle = '#000000';
  constructor(private readonly canvas: { width: number; height: number; pixels: Uint8ClampedArray }) {}

  createImageData(width: number, height: number) {
    return { width, height, data: new Uint8ClampedArray(width * height * 4) };
  }

  putImageData(image: { width: number; height: number; data: Uint8ClampedArray }, dx: number, dy: number): void {
    const { pixels, width } = this.canvas;
    for (let y = 0; y < image.height; y++) {
      const row = image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4);
      pixels.set(row, ((dy + y) * width + dx) * 4);
    }
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    const rgba = parseColor(this.fillStyle) ?? [0, 0, 0, 255];
    const { pixels, width, height } = this.canvas;
    for (let yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) pixels.set(rgba, (yy * width + xx) * 4);
    }
  }
}

/** Makes `document.createElement('canvas')` return a canvas Plot can draw on and read back as a PNG. */
export function installCanvas(document: Document): void {
  const create = document.createElement.bind(document);
  (document as { createElement: Document['createElement'] }).createElement = ((
    name: string,
    options?: ElementCreationOptions,
  ) => {
    const el = create(name, options);
    if (name.toLowerCase() !== 'canvas') return el;
    const state = { width: 300, height: 150, pixels: new Uint8ClampedArray(300 * 150 * 4) };
    const resize = () => (state.pixels = new Uint8ClampedArray(state.width * state.height * 4));
    Object.defineProperties(el, {
      width: { get: () => state.width, set: (v: number) => ((state.width = v), resize()) },
      height: { get: () => state.height, set: (v: number) => ((state.height = v), resize()) },
      getContext: { value: (kind: string) => (kind === '2d' ? new StaticContext2D(state) : null) },
      toDataURL: { value: () => figureImageUrl(state.pixels, state.width, state.height, 4) },
    });
    return el;
  }) as Document['createElement'];
}

export interface DotLayer {
  /** Data coordinates. */
  points: readonly (readonly [number, number])[];
  /** Radius in chart pixels. */
  r: number;
  /** One colour for the layer, or one per point. */
  color: string | readonly string[];
  opacity: number;
}

interface ChartScales {
  scale: (name: 'x' | 'y') => { apply: (v: number) => number; range?: number[] } | undefined;
}

/**
 * Paints the layers (first under last) into an image of the chart's size at `pixelRatio` (clipped to the
 * plotting area with `clipToPlot`), and inserts it under the chart's axes and marks. Anti-aliased discs,
 * blended "over".
 */
export function rasterizeDots(
  chart: Element,
  layers: readonly DotLayer[],
  o: { width: number; height: number; pixelRatio?: number; clipToPlot?: boolean },
): void {
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg');
  const scales = chart as unknown as ChartScales;
  const sx = scales.scale('x');
  const sy = scales.scale('y');
  if (!svg || !sx || !sy) throw new Error('rasterizeDots needs a Plot chart with x and y scales');
  const k = o.pixelRatio ?? 2;
  const W = Math.round(o.width * k);
  const H = Math.round(o.height * k);
  // The plotting area is where the scales' ranges run (a chart with `clip: true` hides points beyond it).
  const [rx1, rx2] = o.clipToPlot && sx.range ? [...sx.range].sort((a, b) => a - b) : [0, o.width];
  const [ry1, ry2] = o.clipToPlot && sy.range ? [...sy.range].sort((a, b) => a - b) : [0, o.height];
  const clip = { x1: rx1, y1: ry1, x2: rx2, y2: ry2 };
  const px = new Float32Array(W * H * 4); // premultiplied RGBA in [0, 1]
  for (const layer of layers) {
    const colors = typeof layer.color === 'string' ? null : layer.color;
    const single = typeof layer.color === 'string' ? parseColor(layer.color) : null;
    const r = layer.r * k;
    layer.points.forEach(([x, y], i) => {
      const rgba = colors ? parseColor(colors[i]) : single;
      if (!rgba) return;
      const cx = sx.apply(x) * k;
      const cy = sy.apply(y) * k;
      if (!Number.isFinite(cx) || !Number.isFinite(cy)) return;
      const x0 = Math.max(Math.floor(cx - r - 1), Math.ceil(clip.x1 * k));
      const x1 = Math.min(Math.ceil(cx + r + 1), Math.floor(clip.x2 * k) - 1);
      const y0 = Math.max(Math.floor(cy - r - 1), Math.ceil(clip.y1 * k));
      const y1 = Math.min(Math.ceil(cy + r + 1), Math.floor(clip.y2 * k) - 1);
      const [cr, cg, cb] = [rgba[0] / 255, rgba[1] / 255, rgba[2] / 255];
      for (let yy = y0; yy <= y1; yy++) {
        for (let xx = x0; xx <= x1; xx++) {
          // Coverage of the pixel centre by the disc, with a one-pixel soft edge.
          const d = Math.hypot(xx + 0.5 - cx, yy + 0.5 - cy);
          const a = Math.min(1, Math.max(0, r + 0.5 - d)) * layer.opacity * (rgba[3] / 255);
          if (a <= 0) continue;
          const j = (yy * W + xx) * 4;
          px[j] = cr * a + px[j] * (1 - a);
          px[j + 1] = cg * a + px[j + 1] * (1 - a);
          px[j + 2] = cb * a + px[j + 2] * (1 - a);
          px[j + 3] = a + px[j + 3] * (1 - a);
        }
      }
    });
  }
  const out = new Uint8ClampedArray(W * H * 4);
  for (let j = 0; j < px.length; j += 4) {
    const a = px[j + 3];
    if (a <= 0) continue;
    out[j] = Math.round((255 * px[j]) / a);
    out[j + 1] = Math.round((255 * px[j + 1]) / a);
    out[j + 2] = Math.round((255 * px[j + 2]) / a);
    out[j + 3] = Math.round(255 * a);
  }
  const doc = svg.ownerDocument;
  const image = doc.createElementNS('http://www.w3.org/2000/svg', 'image');
  image.setAttribute('width', String(o.width));
  image.setAttribute('height', String(o.height));
  image.setAttribute('preserveAspectRatio', 'none');
  image.setAttribute('aria-hidden', 'true');
  image.setAttribute('href', figureImageUrl(out, W, H, 4));
  // Under the marks, over nothing: first in the SVG (after its title and description, if any).
  const firstMark = Array.from(svg.children).find(
    (c) => !['title', 'desc', 'style', 'defs'].includes(c.tagName.toLowerCase()),
  );
  svg.insertBefore(image, firstMark ?? null);
}
