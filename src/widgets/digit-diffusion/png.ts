/**
 * Build-time only (imported from DigitDiffusion.astro's frontmatter, never shipped): a 14×14 image as
 * a tiny greyscale PNG data URL, so the static figure shows real pixels without a canvas. PNG layout
 * (W3C PNG specification): signature, IHDR, one zlib-compressed IDAT of rows each led by
 * filter byte 0, IEND; every chunk ends with a CRC-32 of its type and data.
 */
import { deflateSync } from 'node:zlib';
import { SIDE } from './digits-data';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
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

/** Ink bytes (0 paper … 255 ink) → a data URL of a SIDE × SIDE greyscale PNG, paper white. */
export function inkToPngDataUrl(ink: ArrayLike<number>): string {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIDE, 0);
  header.writeUInt32BE(SIDE, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = new Uint8Array(SIDE * (SIDE + 1));
  for (let r = 0; r < SIDE; r++) {
    rows[r * (SIDE + 1)] = 0;
    for (let c = 0; c < SIDE; c++) rows[r * (SIDE + 1) + 1 + c] = 255 - ink[r * SIDE + c];
  }
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}
