/** The one weights module (codec, verified fetch), its SHA-256, and the one format module. */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatPercent } from '../../src/lib/format';
import { sha256Hex, sha256HexSync } from '../../src/lib/sha256';
import { decodeFloat32, encodeFloat32, fetchBytes, loadWeightsFile, shapeSize } from '../../src/lib/weights';

const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sha256HexSync(enc(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync(enc('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync(enc('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Node on every length around the block and padding boundaries', () => {
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_001]) {
      const b = new Uint8Array(randomBytes(n));
      expect(sha256HexSync(b), `${n} bytes`).toBe(nodeSha(b));
    }
  });

  it('gives the same hex through Web Crypto as through the pure implementation', async () => {
    const b = new Uint8Array(randomBytes(5000));
    expect(await sha256Hex(b)).toBe(sha256HexSync(b));
  });
});

describe('float32 weights codec', () => {
  it('round-trips arrays of any shape, byte for byte, little-endian', () => {
    const arrays = [Float32Array.from([1.5, -2, 3e-8, 0.1, 7, 8]), Float32Array.from([0.25])];
    const bytes = encodeFloat32(arrays);
    expect(bytes.byteLength).toBe(28);
    // 1.5 is 0x3fc00000: little-endian puts 0x00 0x00 0xc0 0x3f first.
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0, 0, 0xc0, 0x3f]);
    expect(decodeFloat32(bytes, [[2, 3], [1]])).toEqual(arrays);
    expect(shapeSize([2, 3, 4])).toBe(24);
    expect(shapeSize([])).toBe(1);
  });

  it('decodes from an unaligned view and from an ArrayBuffer', () => {
    const bytes = encodeFloat32([Float32Array.from([1, 2, 3])]);
    const padded = new Uint8Array(13);
    padded.set(bytes, 1);
    expect(decodeFloat32(padded.subarray(1), [[3]])).toEqual([Float32Array.from([1, 2, 3])]);
    expect(decodeFloat32(bytes.buffer as ArrayBuffer, [[3]])).toEqual([Float32Array.from([1, 2, 3])]);
  });

  it('rejects a file whose length disagrees with its shapes, saying both', () => {
    const bytes = encodeFloat32([new Float32Array(4)]);
    expect(() => decodeFloat32(bytes, [[5]])).toThrow(/16 bytes; its shapes need 20/);
    expect(() => decodeFloat32(bytes.subarray(2), [[4]])).toThrow(RangeError);
  });
});

describe('fetchBytes', () => {
  const file = encodeFloat32([Float32Array.from([1, 2, 3, 4])]);
  const serve =
    (body: Uint8Array, status = 200): typeof fetch =>
    async () =>
      new Response(status === 200 ? (body as Uint8Array<ArrayBuffer>) : null, {
        status,
        headers: { 'content-length': String(body.byteLength) },
      });

  it('returns the bytes when length and SHA-256 match, reporting progress', async () => {
    const progress: number[] = [];
    const bytes = await fetchBytes('/w/model.bin', {
      fetch: serve(file),
      expect: { bytes: 16, sha256: nodeSha(file) },
      onProgress: (loaded, total) => progress.push(loaded, total ?? -1),
    });
    expect(bytes).toEqual(file);
    expect(progress.at(-2)).toBe(16);
    expect(progress.at(-1)).toBe(16);
  });

  it('refuses a damaged file, a short file and a missing one, with messages that name the file', async () => {
    const damaged = file.slice();
    damaged[3] ^= 1;
    await expect(
      fetchBytes('/w/model.bin', { fetch: serve(damaged), expect: { sha256: nodeSha(file) } }),
    ).rejects.toThrow(/model\.bin does not match its SHA-256/);
    await expect(fetchBytes('/w/model.bin', { fetch: serve(file.subarray(4)), expect: { bytes: 16 } })).rejects.toThrow(
      /model\.bin has 12 bytes, its manifest says 16/,
    );
    await expect(fetchBytes('/w/model.bin', { fetch: serve(file, 404) })).rejects.toThrow(
      /could not download model\.bin \(HTTP 404\)/,
    );
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(fetchBytes('/w/model.bin', { fetch: offline })).rejects.toThrow(/could not download model\.bin/);
  });

  it('loadWeightsFile fetches, verifies and cuts a manifest entry back into arrays', async () => {
    const seen: string[] = [];
    const fetcher: typeof fetch = async (url) => {
      seen.push(String(url));
      return new Response(file as Uint8Array<ArrayBuffer>);
    };
    const arrays = await loadWeightsFile(
      '/site/weights/zoo',
      { file: 'm.bin', bytes: 16, sha256: nodeSha(file), shapes: [[2, 2]] },
      { fetch: fetcher },
    );
    expect(seen).toEqual(['/site/weights/zoo/m.bin']);
    expect(arrays).toEqual([Float32Array.from([1, 2, 3, 4])]);
  });
});

describe('format', () => {
  it('writes bytes with SI prefixes only', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(47_104)).toBe('47 kB');
    expect(formatBytes(743_184)).toBe('743 kB');
    expect(formatBytes(999_499)).toBe('999 kB');
    expect(formatBytes(999_500)).toBe('1.0 MB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(12_345_678)).toBe('12 MB');
    expect(formatBytes(Number.NaN)).toBe('unknown size');
  });

  it('writes durations in ms, s and min', () => {
    expect(formatDuration(239.6)).toBe('240 ms');
    expect(formatDuration(3150)).toBe('3.1 s');
    expect(formatDuration(3150, { precise: true })).toBe('3.15 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(-1)).toBe('unknown time');
  });

  it('writes shares as percentages and counts with separators', () => {
    expect(formatPercent(0.973)).toBe('97%');
    expect(formatPercent(0.973, 1)).toBe('97.3%');
    expect(formatPercent(Number.NaN)).toBe('not a number');
    expect(formatCount(185796)).toBe('185,796');
  });
});
