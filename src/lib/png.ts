/**
 * Build-time PNG encoding (Node only: node:zlib), for static figures drawn as pixels instead of
 * thousands of SVG elements. PNG layout (W3C PNG specification, 3rd ed.): signature, IHDR, one
 * zlib-compressed IDAT of scanlines each led by filter byte 0 (none), IEND; every chunk ends with the
 * CRC-32 of its type and data.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * RGBA pixels → an indexed-colour PNG (colour type 3 with a tRNS chunk for alpha): one byte per pixel
 * instead of four, which is what keeps a static figure's dots small. Colours are snapped to a grid
 * (steps of 4, then 8, 16 … per channel) until at most 256 remain; a few steps in 255 are invisible in a
 * figure of anti-aliased dots. Returns null when no grid up to 64 fits (then use RGBA).
 */
export function encodePngIndexed(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number): Buffer | null {
  if (pixels.length !== width * height * 4)
    throw new RangeError(`${pixels.length} bytes for a ${width} × ${height} RGBA image`);
  for (let step = 4; step <= 64; step *= 2) {
    const snap = (v: number) => Math.min(255, Math.round(v / step) * step);
    const index = new Map<number, number>();
    const palette: number[] = [];
    const out = new Uint8Array(width * height);
    let fits = true;
    for (let p = 0; p < width * height && fits; p++) {
      const a = snap(pixels[4 * p + 3]);
      // Every fully transparent pixel is one colour, whatever its RGB.
      const key =
        a === 0 ? 0 : ((snap(pixels[4 * p]) * 256 + snap(pixels[4 * p + 1])) * 256 + snap(pixels[4 * p + 2])) * 256 + a;
      let i = index.get(key);
      if (i === undefined) {
        if (palette.length === 256 * 4) fits = false;
        i = palette.length / 4;
        index.set(key, i);
        palette.push(
          a === 0 ? 0 : snap(pixels[4 * p]),
          a === 0 ? 0 : snap(pixels[4 * p + 1]),
          a === 0 ? 0 : snap(pixels[4 * p + 2]),
          a,
        );
      }
      out[p] = i;
    }
    if (!fits) continue;
    const n = palette.length / 4;
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8;
    header[9] = 3; // indexed colour
    const plte = Uint8Array.from({ length: 3 * n }, (_, k) => palette[4 * Math.floor(k / 3) + (k % 3)]);
    const trns = Uint8Array.from({ length: n }, (_, k) => palette[4 * k + 3]);
    const rows = new Uint8Array(height * (width + 1));
    for (let r = 0; r < height; r++) rows.set(out.subarray(r * width, (r + 1) * width), r * (width + 1) + 1);
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('PLTE', plte),
      chunk('tRNS', trns),
      chunk('IDAT', deflateSync(rows, { level: 9 })),
      chunk('IEND', new Uint8Array(0)),
    ]);
  }
  return null;
}

/** Pixels → PNG bytes. `channels` 1 (grey) or 4 (RGBA), 8 bits each, rows top to bottom. */
export function encodePng(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: 1 | 4,
): Buffer {
  if (pixels.length !== width * height * channels) {
    throw new RangeError(`${pixels.length} bytes for a ${width} × ${height} image of ${channels} channels`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : 6; // greyscale, or truecolour with alpha
  const stride = width * channels;
  const rows = new Uint8Array(height * (stride + 1));
  for (let r = 0; r < height; r++) rows.set(pixels.subarray(r * stride, (r + 1) * stride), r * (stride + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function pngDataUrl(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: 1 | 4,
): string {
  // RGBA is written indexed when at most 256 colours (after snapping) suffice: a quarter of the bytes.
  const png = (channels === 4 && encodePngIndexed(pixels, width, height)) || encodePng(pixels, width, height, channels);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Where the build writes figure images, below the site root (and below dist/). */
export const FIGURE_DIR = '_figures';

/**
 * The pixels as an image a static figure links to. In the production build, a file
 * dist/_figures/<hash>.png (content-addressed, so unchanged figures keep their URL and cache), fetched by
 * the browser after the page's first paint instead of weighing on the HTML: a lesson's dense figures were
 * 75 kB of base64 inside its HTML. In the dev server and in tests, where there is no dist/, a data URL.
 */
export function figureImageUrl(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: 1 | 4,
): string {
  const env = (import.meta as { env?: { PROD?: boolean; BASE_URL?: string } }).env;
  if (!env?.PROD) return pngDataUrl(pixels, width, height, channels);
  const png = (channels === 4 && encodePngIndexed(pixels, width, height)) || encodePng(pixels, width, height, channels);
  const name = `${createHash('sha256').update(png).digest('hex').slice(0, 20)}.png`;
  const dir = join(process.cwd(), 'dist', FIGURE_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), png);
  return `${(env.BASE_URL ?? '/').replace(/\/?$/, '/')}${FIGURE_DIR}/${name}`;
}
