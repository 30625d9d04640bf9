/** Build-time pixels: the PNG encoders, the canvas Plot draws on at build time, and painted dots. */
import { parseHTML } from 'linkedom';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { heatmap, Plot, RASTER_CELLS } from '../../src/lib/plot';
import { encodePng, encodePngIndexed } from '../../src/lib/png';
import { renderStatic } from '../../src/lib/static-figure';
import { parseColor, rasterizeDots } from '../../src/lib/static-raster';

/** Reads back a PNG's header and inflated scanlines. */
function readPng(png: Buffer) {
  let o = 8;
  const chunks: Record<string, Buffer> = {};
  let idat = Buffer.alloc(0);
  while (o < png.length) {
    const len = png.readUInt32BE(o);
    const type = png.toString('ascii', o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + len);
    if (type === 'IDAT') idat = Buffer.concat([idat, data]);
    else chunks[type] = data;
    o += 12 + len;
  }
  const header = chunks.IHDR;
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    type: header[9],
    chunks,
    rows: inflateSync(idat),
  };
}

const fromDataUrl = (url: string) => Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64');

describe('PNG encoding', () => {
  it('writes RGBA scanlines with filter byte 0', () => {
    const px = Uint8Array.from([255, 0, 0, 255, 0, 0, 255, 128]);
    const png = readPng(encodePng(px, 2, 1, 4));
    expect([png.width, png.height, png.type]).toEqual([2, 1, 6]);
    expect(Array.from(png.rows)).toEqual([0, 255, 0, 0, 255, 0, 0, 255, 128]);
  });

  it('writes few colours as an indexed PNG whose palette and alpha reproduce them', () => {
    const px = new Uint8ClampedArray(4 * 4 * 4);
    for (let i = 0; i < 16; i++) px.set(i % 2 ? [0, 114, 178, 191] : [0, 0, 0, 0], 4 * i);
    const png = readPng(encodePngIndexed(px, 4, 4)!);
    expect(png.type).toBe(3);
    const index = png.rows[2]; // second pixel of the first row (after the filter byte)
    expect(Array.from(png.chunks.PLTE.subarray(3 * index, 3 * index + 3))).toEqual([0, 116, 180]); // snapped to 4s
    expect(png.chunks.tRNS[index]).toBe(192);
  });
});

describe('build-time canvas and dots', () => {
  it('parses the colour forms Plot and the palettes write', () => {
    expect(parseColor('#0072B2')).toEqual([0, 114, 178, 255]);
    expect(parseColor('#fff')).toEqual([255, 255, 255, 255]);
    expect(parseColor('rgb(12, 34, 56)')).toEqual([12, 34, 56, 255]);
    expect(parseColor('rgba(12, 34, 56, 0.5)')).toEqual([12, 34, 56, 128]);
    expect(parseColor('currentColor')).toBeNull();
  });

  it('lets a large heatmap draw as one raster image at build time (and a small one as cells)', () => {
    const big = Array.from({ length: 12 }, (_, i) => Array.from({ length: 12 }, (_, j) => i + j));
    const svg = renderStatic((ctx) => heatmap(big, { ...ctx, label: 'sum', xLabel: 'j', yLabel: 'i' }));
    expect(12 * 12).toBeGreaterThan(RASTER_CELLS);
    expect(svg.match(/<image/g)?.length).toBe(2); // the cells, and the continuous legend's ramp
    expect(svg).not.toContain('<rect');
    expect(svg).toContain('aria-label="sum: 12 × 12 values from 0 to 22"');
    const small = renderStatic((ctx) =>
      heatmap(
        [
          [0, 1],
          [1, 0],
        ],
        { ...ctx, label: 'eye', xLabel: 'j', yLabel: 'i', legend: false },
      ),
    );
    expect(small.match(/<rect/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it("paints dots where the chart's scales put them, under the axes", () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const chart = Plot.plot({
      document: document as unknown as Document,
      width: 100,
      height: 100,
      margin: 0,
      x: { domain: [0, 10] },
      y: { domain: [0, 10] },
      axis: null,
      marks: [Plot.frame()],
    });
    rasterizeDots(chart, [{ points: [[5, 5]], r: 3, color: '#0072b2', opacity: 1 }], {
      width: 100,
      height: 100,
      pixelRatio: 1,
    });
    const image = chart.querySelector('image')!;
    const kids = Array.from(chart.children);
    expect(kids.indexOf(image)).toBeLessThan(kids.findIndex((k) => k.tagName.toLowerCase() === 'rect'));
    const png = readPng(fromDataUrl(image.getAttribute('href')!));
    // Indexed: the pixel at the centre (50, 50) has the dot's colour, a corner is transparent.
    const at = (x: number, y: number) => png.rows[y * (png.width + 1) + 1 + x];
    const alpha = (i: number) => png.chunks.tRNS[i];
    expect(alpha(at(50, 50))).toBe(255);
    expect(Array.from(png.chunks.PLTE.subarray(3 * at(50, 50), 3 * at(50, 50) + 3))).toEqual([0, 116, 180]); // #0072b2 snapped to steps of 4
    expect(alpha(at(0, 0))).toBe(0);
  });
});
