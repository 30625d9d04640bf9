/**
 * The efficiency chapter's plain math against hand-computed values: the quantizer (Jacob et al. 2018's
 * affine and symmetric maps, per tensor and per channel, min-max and percentile clipping), its bit
 * packing and byte count, and magnitude pruning (exact sparsity, layer-wise and global, rounds).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/math/random';
import {
  arrayBytes,
  decodeQuantizedModel,
  encodeQuantizedModel,
  packCodes,
  quantizedBytes,
  quantizeModel,
  unpackCodes,
} from '../../src/math/quantization-encode';
import {
  codeRange,
  groupQuantizer,
  histogram,
  quantileSorted,
  quantizeArray,
  quantizerLevels,
  type QuantScheme,
} from '../../src/math/quantization';
import { applyMasks, keptUnits, magnitudeMasks, multiplyAdds, sparsityOf } from '../../src/math/pruning';
import { architectureShapes } from '../../src/math/zoo';

const scheme = (
  bits: number,
  mode: QuantScheme['mode'],
  granularity: QuantScheme['granularity'] = 'tensor',
): QuantScheme => ({
  bits,
  mode,
  granularity,
  clipping: 'minmax',
});

describe('quantizer', () => {
  it('has the code ranges of b bits', () => {
    expect(codeRange(8, 'symmetric')).toEqual({ qmin: -127, qmax: 127 });
    expect(codeRange(8, 'affine')).toEqual({ qmin: 0, qmax: 255 });
    expect(codeRange(2, 'symmetric')).toEqual({ qmin: -1, qmax: 1 });
    expect(() => codeRange(1, 'affine')).toThrow(/from 2 to 8/);
    expect(() => codeRange(4.5, 'affine')).toThrow(RangeError);
  });

  it('symmetric 2-bit: scale max|r| / 1, values round to -1, 0, 1', () => {
    const q = quantizeArray([-1, -0.4, 0, 0.25, 1], [5, 1], scheme(2, 'symmetric'));
    expect(q.groups[0].scale).toBe(1);
    expect(Array.from(q.codes)).toEqual([0, 1, 1, 1, 2]); // q − q_min with q_min = −1
    expect(Array.from(q.dequantized).map((v) => v + 0)).toEqual([-1, 0, 0, 0, 1]);
    expect(q.maxError).toBeCloseTo(0.4, 6);
    expect(q.meanError).toBeCloseTo((0.4 + 0.25) / 5, 6);
  });

  it('affine 2-bit on [-1, 2]: S = 1, Z = 1, 0.5 lands half a step away', () => {
    const g = groupQuantizer([-1, 0.5, 2], 2, 'affine', 'minmax');
    expect(g).toEqual({ scale: 1, zeroPoint: 1, lo: -1, hi: 2 });
    const q = quantizeArray([-1, 0.5, 2], [3, 1], scheme(2, 'affine'));
    expect(Array.from(q.codes)).toEqual([0, 2, 3]);
    expect(Array.from(q.dequantized)).toEqual([-1, 1, 2]);
    expect(q.maxError).toBe(0.5);
    expect(quantizerLevels(g, 2, 'affine')).toEqual([-1, 0, 1, 2]);
  });

  it('affine widens its range to hold 0 exactly', () => {
    const g = groupQuantizer([1, 3], 8, 'affine', 'minmax');
    expect(g.lo).toBe(0);
    expect(g.zeroPoint).toBe(0);
    const q = quantizeArray([1, 3, 0], [3, 1], scheme(8, 'affine'));
    expect(q.dequantized[2]).toBe(0);
  });

  it('an all-zero group decodes to zeros', () => {
    for (const mode of ['affine', 'symmetric'] as const) {
      const q = quantizeArray([0, 0, 0, 0], [2, 2], scheme(4, mode));
      expect(Array.from(q.dequantized).every((v) => v === 0)).toBe(true);
    }
  });

  it('per channel: one scale per output column (last axis)', () => {
    // shape [2, 2]: channel 0 holds 1 and −1, channel 1 holds 10 and −10.
    const q = quantizeArray([1, 10, -1, -10], [2, 2], scheme(8, 'symmetric', 'channel'));
    expect(q.groups.map((g) => g.scale)).toEqual([Math.fround(1 / 127), Math.fround(10 / 127)]);
    expect(q.maxError).toBeLessThan(1e-6);
    const t = quantizeArray([1, 10, -1, -10, 0.04, 0], [3, 2], scheme(4, 'symmetric'));
    expect(t.groups).toHaveLength(1);
    expect(t.groups[0].scale).toBe(Math.fround(10 / 7));
  });

  it('error is at most half a step without clipping, for every scheme', () => {
    const rand = mulberry32(7);
    const values = Float64Array.from({ length: 600 }, () => (rand() - 0.3) * 2);
    for (const bits of [2, 3, 4, 6, 8]) {
      for (const mode of ['symmetric', 'affine'] as const) {
        for (const granularity of ['tensor', 'channel'] as const) {
          const q = quantizeArray(values, [100, 6], scheme(bits, mode, granularity));
          const worst = Math.max(...q.groups.map((g) => g.scale));
          expect(q.clipped).toBe(0);
          expect(q.maxError).toBeLessThanOrEqual(worst / 2 + 1e-7);
        }
      }
    }
  });

  it('percentile clipping: quantiles interpolate; p99 clips the outlier and shrinks the step', () => {
    expect(quantileSorted([0, 1, 2, 3], 0.5)).toBe(1.5);
    expect(quantileSorted([0, 1, 2, 3], 1)).toBe(3);
    const values = [...Array.from({ length: 199 }, (_, i) => (i - 99) / 99), 20];
    const minmax = quantizeArray(values, [200, 1], scheme(4, 'symmetric'));
    const clipped = quantizeArray(values, [200, 1], { ...scheme(4, 'symmetric'), clipping: 'p99' });
    expect(minmax.clipped).toBe(0);
    expect(clipped.clipped).toBeGreaterThanOrEqual(1);
    expect(clipped.groups[0].scale).toBeLessThan(minmax.groups[0].scale / 10);
    expect(clipped.meanError).toBeLessThan(minmax.meanError);
  });

  it('histogram counts into equal bins, out-of-range values to the end bins', () => {
    expect(histogram([0, 0.1, 0.5, 0.99, 1, 5, -3], 2, 0, 1)).toEqual([3, 4]);
  });
});

describe('encoding', () => {
  it('packs codes least significant bit first', () => {
    expect(Array.from(packCodes([1, 2, 3], 2))).toEqual([1 | (2 << 2) | (3 << 4)]);
    expect(Array.from(packCodes([5, 7, 1], 3))).toEqual([5 | (7 << 3) | ((1 & 3) << 6), 0]);
    expect(() => packCodes([4], 2)).toThrow(/not a 2-bit code/);
    const rand = mulberry32(3);
    for (const bits of [2, 3, 5, 8]) {
      const codes = Uint8Array.from({ length: 101 }, () => Math.floor(rand() * 2 ** bits));
      expect(Array.from(unpackCodes(packCodes(codes, bits), bits, codes.length))).toEqual(Array.from(codes));
    }
  });

  it('counts bytes by the formula: ⌈n·b/8⌉ + 4 per scale + 1 per zero point; biases float32', () => {
    expect(arrayBytes([784, 10], scheme(4, 'affine', 'channel'))).toBe(3920 + 40 + 10);
    expect(arrayBytes([784, 10], scheme(3, 'symmetric'))).toBe(2940 + 4);
    expect(arrayBytes([10], scheme(2, 'affine'))).toBe(40);
    const shapes = architectureShapes({ kind: 'softmax' });
    expect(quantizedBytes(shapes, scheme(8, 'symmetric'))).toBe(7840 + 4 + 40);
  });

  it('writes exactly the counted bytes and reads back what the model computes with', () => {
    const rand = mulberry32(11);
    const shapes = [[3, 3, 1, 4], [4], [20, 5], [5]];
    const weights = shapes.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rand() - 0.5));
    for (const sc of [scheme(3, 'affine', 'channel'), scheme(8, 'symmetric'), scheme(2, 'symmetric', 'channel')]) {
      const model = quantizeModel(weights, shapes, sc);
      const bytes = encodeQuantizedModel(model);
      expect(bytes.length).toBe(quantizedBytes(shapes, sc));
      const back = decodeQuantizedModel(bytes, shapes, sc);
      back.forEach((a, i) => expect(Array.from(a)).toEqual(Array.from(model.weights[i])));
      expect(Array.from(model.weights[1])).toEqual(Array.from(weights[1])); // biases kept
    }
    expect(() => decodeQuantizedModel(new Uint8Array(3), shapes, scheme(8, 'affine'))).toThrow(/bytes/);
  });
});

describe('magnitude pruning', () => {
  it('layer-wise removes the smallest |w| of each array; biases stay', () => {
    const masks = magnitudeMasks([[3, -1, 2, 0.5], [0.1]], [[2, 2], [1]], 0.5, 'layer');
    expect(masks.map((m) => Array.from(m))).toEqual([[1, 0, 1, 0], [1]]);
  });

  it('global uses one threshold, so a layer of small weights loses more', () => {
    const w = [
      [0.1, 0.2, 0.3, 0.4],
      [5, 6, 7, 8],
    ];
    const masks = magnitudeMasks(
      w,
      [
        [2, 2],
        [2, 2],
      ],
      0.5,
      'global',
    );
    expect(masks.map((m) => Array.from(m))).toEqual([
      [0, 0, 0, 0],
      [1, 1, 1, 1],
    ]);
    expect(Array.from(applyMasks(w, masks)[0])).toEqual([0, 0, 0, 0]);
  });

  it('keeps exactly the requested sparsity, ties included, and later rounds extend earlier masks', () => {
    const rand = mulberry32(5);
    const shapes = architectureShapes({ kind: 'mlp', hidden: [6] });
    const weights = shapes.map((s) =>
      Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => Math.round((rand() - 0.5) * 8) / 8),
    );
    for (const scope of ['layer', 'global'] as const) {
      for (const s of [0.5, 0.8, 0.9, 0.95]) {
        const masks = magnitudeMasks(weights, shapes, s, scope);
        const report = sparsityOf(masks, shapes);
        expect(report.pruned).toBe(Math.round(s * report.prunableSize));
        if (scope === 'layer')
          for (const a of report.arrays.filter((x) => x.prunable)) expect(a.pruned).toBe(Math.round(s * a.size));
        const next = magnitudeMasks(weights, shapes, Math.min(0.99, s + 0.04), scope, { base: masks });
        next.forEach((m, i) => m.forEach((v, j) => v && expect(masks[i][j]).toBe(1)));
      }
    }
    expect(() => magnitudeMasks(weights, shapes, 1, 'layer')).toThrow(/sparsity/);
  });

  it('counts multiply-adds by hand', () => {
    expect(multiplyAdds({ kind: 'softmax' })).toBe(7840);
    expect(multiplyAdds({ kind: 'mlp', hidden: [100] })).toBe(78400 + 1000);
    // 28² · 9 · 1 · 8  +  14² · 9 · 8 · 16  +  7² · 16 · 64  +  64 · 10
    expect(multiplyAdds({ kind: 'cnn', kernel: 3, filters: [8, 16], dense: 64 })).toBe(
      784 * 9 * 8 + 196 * 9 * 128 + 49 * 16 * 64 + 640,
    );
    expect(keptUnits(10, 0.95)).toBe(1);
    expect(keptUnits(64, 0.5)).toBe(32);
  });
});
