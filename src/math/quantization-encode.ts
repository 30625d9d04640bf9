/**
 * Quantized models as real bytes: codes bit-packed at b bits each, with their scales and zero points,
 * and the biases as float32, so the lab reports the size of a buffer it actually wrote, not a formula.
 * The formula (quantizedBytes) is what the unit tests hold the encoder to.
 *
 * Layout, array after array in the model's getWeights order (no header: shapes and the scheme live in a
 * manifest, as the zoo's float32 files keep theirs; the manifest is not counted on either side):
 *
 *   a weight array (rank ≥ 2):  codes, ⌈n·b / 8⌉ bytes, packed least significant bit first, each array
 *                               starting on a fresh byte; then one float32 scale per group; then, for
 *                               affine schemes, one uint8 zero point per group (b ≤ 8 always fits);
 *   a bias (rank 1):            n float32 values.
 *
 * All numbers little-endian.
 */
import {
  dequantizeCodes,
  groupCount,
  isWeightShape,
  quantizeArray,
  type GroupQuantizer,
  type QuantizedArray,
  type QuantScheme,
} from './quantization';

/** Packs codes of `bits` bits each (each < 2^bits) into bytes, least significant bit first. */
export function packCodes(codes: ArrayLike<number>, bits: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((codes.length * bits) / 8));
  let bit = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (!(c >= 0 && c < 2 ** bits && Number.isInteger(c)))
      throw new RangeError(`code ${i} is ${c}, not a ${bits}-bit code`);
    for (let k = 0; k < bits; k++, bit++) if ((c >> k) & 1) out[bit >> 3] |= 1 << (bit & 7);
  }
  return out;
}

/** The inverse of packCodes: n codes of `bits` bits. */
export function unpackCodes(bytes: Uint8Array, bits: number, n: number): Uint8Array {
  if (bytes.length < Math.ceil((n * bits) / 8))
    throw new RangeError(`${bytes.length} bytes cannot hold ${n} codes of ${bits} bits`);
  const out = new Uint8Array(n);
  let bit = 0;
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let k = 0; k < bits; k++, bit++) if ((bytes[bit >> 3] >> (bit & 7)) & 1) c |= 1 << k;
    out[i] = c;
  }
  return out;
}

/** Bytes of one array in the layout above. */
export function arrayBytes(shape: readonly number[], scheme: QuantScheme): number {
  const n = shape.reduce((a, b) => a * b, 1);
  if (!isWeightShape(shape)) return 4 * n;
  const groups = groupCount(shape, scheme.granularity);
  return Math.ceil((n * scheme.bits) / 8) + 4 * groups + (scheme.mode === 'affine' ? groups : 0);
}

/** The encoded size of a model with these array shapes: Σ ⌈n·b/8⌉ + groups·(4 + [affine]) over weights, + 4·n over biases. */
export function quantizedBytes(shapes: readonly (readonly number[])[], scheme: QuantScheme): number {
  return shapes.reduce((s, shape) => s + arrayBytes(shape, scheme), 0);
}

/** A model's arrays quantized under one scheme: weights quantized, biases kept. */
export interface QuantizedModel {
  scheme: QuantScheme;
  shapes: number[][];
  /** Per array: its quantization (weights) or null (biases, kept float32). */
  arrays: (QuantizedArray | null)[];
  /** What the model computes with: the dequantized weights and the float32 biases. */
  weights: Float32Array[];
}

export function quantizeModel(
  weights: readonly ArrayLike<number>[],
  shapes: readonly (readonly number[])[],
  scheme: QuantScheme,
): QuantizedModel {
  if (weights.length !== shapes.length) throw new RangeError('one shape per weight array');
  const arrays = weights.map((w, i) => (isWeightShape(shapes[i]) ? quantizeArray(w, shapes[i], scheme) : null));
  return {
    scheme: { ...scheme },
    shapes: shapes.map((s) => [...s]),
    arrays,
    weights: arrays.map((q, i) => (q ? q.dequantized : Float32Array.from(weights[i]))),
  };
}

/** The model's bytes in the layout above. */
export function encodeQuantizedModel(model: QuantizedModel): Uint8Array {
  const out = new Uint8Array(quantizedBytes(model.shapes, model.scheme));
  const view = new DataView(out.buffer);
  let at = 0;
  model.arrays.forEach((q, i) => {
    if (!q) {
      for (const v of model.weights[i]) {
        view.setFloat32(at, v, true);
        at += 4;
      }
      return;
    }
    const packed = packCodes(q.codes, model.scheme.bits);
    out.set(packed, at);
    at += packed.length;
    for (const g of q.groups) {
      view.setFloat32(at, g.scale, true);
      at += 4;
    }
    if (model.scheme.mode === 'affine') for (const g of q.groups) out[at++] = g.zeroPoint;
  });
  if (at !== out.length) throw new Error(`encoded ${at} bytes, the layout says ${out.length}`);
  return out;
}

/** Reads a model's arrays back from its bytes, the scheme and the shapes (the manifest's part). */
export function decodeQuantizedModel(
  bytes: Uint8Array,
  shapes: readonly (readonly number[])[],
  scheme: QuantScheme,
): Float32Array[] {
  if (bytes.length !== quantizedBytes(shapes, scheme)) {
    throw new RangeError(`${bytes.length} bytes, but these shapes and scheme take ${quantizedBytes(shapes, scheme)}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    if (!isWeightShape(shape)) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++, at += 4) out[i] = view.getFloat32(at, true);
      return out;
    }
    const packedLength = Math.ceil((n * scheme.bits) / 8);
    const codes = unpackCodes(bytes.subarray(at, at + packedLength), scheme.bits, n);
    at += packedLength;
    const G = groupCount(shape, scheme.granularity);
    const groups: GroupQuantizer[] = [];
    for (let g = 0; g < G; g++, at += 4) groups.push({ scale: view.getFloat32(at, true), zeroPoint: 0, lo: 0, hi: 0 });
    if (scheme.mode === 'affine') for (let g = 0; g < G; g++) groups[g].zeroPoint = bytes[at++];
    return dequantizeCodes(codes, shape, scheme, groups);
  });
}
