/**
 * The URL form of a code cell's program: `z` + base64url(raw DEFLATE(UTF-8 source)), so an edited cell
 * travels in its link (`?<cellId>.code=z…`). It lives in src/lib (not in the cell's widget folder) because
 * other page code needs to write such links too, e.g. a widget's "open this in a code cell" link.
 *
 * Strict and bounded: decoding never throws, whatever the input (a hand-edited, truncated or hostile
 * link). It checks the alphabet and the length of the token before anything else, inflates into a
 * buffer of bounded size (so a small token cannot expand into megabytes), and decodes UTF-8 fatally.
 * Every refusal comes back as a sentence the cell shows as a notice. Pure: runs in Node and browsers.
 *
 * Limits, and why: a URL of a few thousand characters works in every browser and static host, and a
 * page may carry the state of other widgets too, so one cell's token is capped at MAX_TOKEN_CHARS; the
 * program itself at MAX_CODE_CHARS (typed code compresses 2–4×, so the token limit is usually reached first).
 */
import { deflateSync, inflateSync } from 'fflate';

/** Longest token accepted in a URL (characters, prefix included). */
export const MAX_TOKEN_CHARS = 4000;
/** Longest program (UTF-16 code units, as the editor counts). */
export const MAX_CODE_CHARS = 12_000;
/** Bytes a token may inflate to: enough for MAX_CODE_CHARS of any script (up to 3 UTF-8 bytes each). */
const MAX_INFLATED_BYTES = MAX_CODE_CHARS * 3;

const PREFIX = 'z';
const TOKEN_RE = /^z[A-Za-z0-9_-]+$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export type EncodeResult =
  | { ok: true; token: string }
  /** `reason` is shown to the reader: the code is kept in the cell, but not in the link. */
  | { ok: false; reason: string };

export type DecodeResult = { ok: true; code: string } | { ok: false; reason: string };

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Null when the text is not canonical unpadded base64url (bad characters, impossible length, stray bits). */
function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (const c of text) {
    const v = B64_INDEX.get(c);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two different tokens would decode to the same program.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return bytes;
}

/** The token for a program, or why it cannot go in a link (too long). Deterministic: same code, same token. */
export function encodeCode(code: string): EncodeResult {
  if (code.length > MAX_CODE_CHARS) {
    return {
      ok: false,
      reason: `The code is ${code.length.toLocaleString('en')} characters long; a link holds at most ${MAX_CODE_CHARS.toLocaleString('en')}.`,
    };
  }
  const token = PREFIX + toBase64Url(deflateSync(new TextEncoder().encode(code), { level: 9 }));
  if (token.length > MAX_TOKEN_CHARS) {
    return {
      ok: false,
      reason: `The code compresses to ${token.length.toLocaleString('en')} link characters; a link holds at most ${MAX_TOKEN_CHARS.toLocaleString('en')}.`,
    };
  }
  return { ok: true, token };
}

/** The program in a token. Never throws: anything unusable comes back as `{ ok: false, reason }`. */
export function decodeCode(token: unknown): DecodeResult {
  const bad = (why: string): DecodeResult => ({ ok: false, reason: `The code in the link ${why}.` });
  if (typeof token !== 'string' || token.length === 0) return bad('is empty');
  if (token.length > MAX_TOKEN_CHARS) return bad(`is longer than ${MAX_TOKEN_CHARS.toLocaleString('en')} characters`);
  if (!TOKEN_RE.test(token)) return bad('is not in the cell format (it should start with "z", then A–Z a–z 0–9 - _)');
  const packed = fromBase64Url(token.slice(PREFIX.length));
  if (!packed) return bad('is damaged (not valid base64url)');
  let inflated: Uint8Array;
  try {
    // One byte more than allowed: a result that fills it was cut, so the program is too long.
    inflated = inflateSync(packed, { out: new Uint8Array(MAX_INFLATED_BYTES + 1) });
  } catch {
    return bad('is damaged (it does not decompress)');
  }
  if (inflated.length > MAX_INFLATED_BYTES) return bad('holds a program that is too long');
  let code: string;
  try {
    code = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return bad('is damaged (it is not text)');
  }
  if (code.length > MAX_CODE_CHARS) return bad(`holds more than ${MAX_CODE_CHARS.toLocaleString('en')} characters`);
  // A program is text: tabs and newlines, but no other control characters (they hide code from the reader).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(code)) return bad('holds control characters');
  return { ok: true, code: code.replace(/\r\n?/g, '\n') };
}
