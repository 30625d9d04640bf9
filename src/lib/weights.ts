/**
 * Model weights on disk and over the wire, one format for every widget and every script:
 *
 *   <name>.bin   every weight array of a model, float32 little-endian, back to back, no header;
 *   manifest     says how to cut the file back (each array's shape, in the model's getWeights order),
 *                its byte count and its SHA-256.
 *
 * Scripts encode and hash with these functions; Workers fetch, verify and decode with them; tests check
 * committed files with them. No tfjs here: arrays in, arrays out.
 */
import { sha256Hex } from './sha256';

export type Shape = readonly number[];

/** What a manifest records of one weights file. */
export interface WeightsFile {
  /** File name, relative to the manifest's folder. */
  file: string;
  bytes: number;
  /** Lowercase hex SHA-256 of the file. */
  sha256: string;
  /** Shape of each array, in the model's getWeights order. */
  shapes: Shape[];
}

export function shapeSize(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Weight arrays → the bytes of a .bin file (float32, little-endian). */
export function encodeFloat32(arrays: readonly ArrayLike<number>[]): Uint8Array {
  const total = arrays.reduce((s, a) => s + a.length, 0);
  const out = new Float32Array(total);
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  if (!LITTLE_ENDIAN) {
    const view = new DataView(out.buffer);
    for (let i = 0; i < total; i++) view.setFloat32(4 * i, out[i], true);
  }
  return new Uint8Array(out.buffer);
}

/** The bytes of a .bin file → arrays of the given shapes; throws if the byte count disagrees. */
export function decodeFloat32(bytes: Uint8Array | ArrayBuffer, shapes: readonly Shape[]): Float32Array[] {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const sizes = shapes.map(shapeSize);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (data.byteLength !== 4 * total) {
    throw new RangeError(`the weights file has ${data.byteLength} bytes; its shapes need ${4 * total}`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  return sizes.map((n) => {
    const out = new Float32Array(n);
    if (LITTLE_ENDIAN && (data.byteOffset + at) % 4 === 0) {
      out.set(new Float32Array(data.buffer, data.byteOffset + at, n));
      at += 4 * n;
    } else {
      for (let i = 0; i < n; i++, at += 4) out[i] = view.getFloat32(at, true);
    }
    return out;
  });
}

export interface FetchBytesOptions {
  /** Byte count and SHA-256 the file must have (from its manifest). */
  expect?: { bytes?: number; sha256?: string };
  signal?: AbortSignal;
  /** Called as bytes arrive (total is null when the server does not say). */
  onProgress?: (loaded: number, total: number | null) => void;
  /** Injectable for tests. */
  fetch?: typeof fetch;
}

/**
 * Fetches a file of this site, reports progress, and checks it against its manifest: byte count first
 * (cheap, and a clearer message), then SHA-256. Every failure is an Error whose message a reader can act on.
 */
export async function fetchBytes(url: string, options: FetchBytesOptions = {}): Promise<Uint8Array> {
  const { expect, signal, onProgress } = options;
  const name = url.split('/').pop() || url;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new Error(`could not download ${name} (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  if (!response.ok) throw new Error(`could not download ${name} (HTTP ${response.status})`);
  const bytes = await readBody(response, onProgress);
  if (expect?.bytes !== undefined && bytes.byteLength !== expect.bytes) {
    throw new Error(`${name} has ${bytes.byteLength} bytes, its manifest says ${expect.bytes}`);
  }
  if (expect?.sha256 !== undefined && (await sha256Hex(bytes)) !== expect.sha256) {
    throw new Error(`${name} does not match its SHA-256 checksum (a damaged download, or a file from another build)`);
  }
  return bytes;
}

async function readBody(response: Response, onProgress?: FetchBytesOptions['onProgress']): Promise<Uint8Array> {
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!onProgress || !response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(loaded, total);
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Fetches, verifies and decodes one weights file described by its manifest entry. */
export async function loadWeightsFile(
  folderUrl: string,
  entry: WeightsFile,
  options: Omit<FetchBytesOptions, 'expect'> = {},
): Promise<Float32Array[]> {
  const url = `${folderUrl.replace(/\/?$/, '/')}${entry.file}`;
  const bytes = await fetchBytes(url, { ...options, expect: { bytes: entry.bytes, sha256: entry.sha256 } });
  return decodeFloat32(bytes, entry.shapes);
}
