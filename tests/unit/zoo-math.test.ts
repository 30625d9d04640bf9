/**
 * The digit zoo's plain-number parts: MNIST-style preprocessing of a drawing (worked examples), the
 * drawn-digit URL codec (hostile input included), and the calibration metrics (hand-computed values).
 */
import { describe, expect, it } from 'vitest';
import {
  accuracyFromConfusion,
  argmaxRows,
  confusionMatrix,
  expectedCalibrationError,
  negativeLogLikelihood,
  perClassAccuracy,
  reliabilityBins,
  softmaxRows,
} from '../../src/math/calibration';
import {
  decodeDigitDrawing,
  encodeDigitDrawing,
  MAX_DIGIT_TEXT,
  MAX_POINTS,
  MAX_STROKES,
  quantizeCoordinate,
} from '../../src/math/digit-codec';
import {
  centreOfMass,
  inkBoundingBox,
  preprocessInk,
  preprocessStrokes,
  rasterizeStrokes,
  shiftImage,
  type Stroke,
} from '../../src/math/digits';
import { architectureShapes, describeArchitecture, parameterCount } from '../../src/math/zoo';

/** The 28 × 28 result as rows of numbers rounded to 4 decimals (readable failures). */
const at = (p: Float32Array, x: number, y: number) => p[y * 28 + x];

describe('MNIST preprocessing of a drawing', () => {
  it('fits the ink box into 20 × 20 and moves the centre of mass to pixel 14 (three dots)', () => {
    // 4 × 2 input, ink at (0, 0), (3, 0), (3, 1). The box is the whole image; 4:2 fits as 20 × 10, so each
    // input pixel becomes a 5 × 5 block: A at columns 0-4 rows 0-4, B at 15-19 / 0-4, C at 15-19 / 5-9.
    // Centre of mass ((2 + 17 + 17) / 3, (2 + 2 + 7) / 3) = (12, 3.67): offset round(14 - 12) = 2,
    // round(14 - 3.67) = 10.
    const ink = [1, 0, 0, 1, 0, 0, 0, 1];
    const r = preprocessInk(ink, 4, 2);
    expect(r.box).toEqual({ x0: 0, y0: 0, width: 4, height: 2 });
    expect(r.fitted).toEqual({ width: 20, height: 10 });
    expect(r.offset).toEqual({ x: 2, y: 10 });
    const lit = (x: number, y: number) =>
      (x >= 2 && x <= 6 && y >= 10 && y <= 14) || (x >= 17 && x <= 21 && y >= 10 && y <= 19);
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) expect(at(r.pixels, x, y)).toBe(lit(x, y) ? 1 : 0);
    expect(r.centre!.x).toBeCloseTo(14, 9);
    expect(r.centre!.y).toBeCloseTo(13 + 2 / 3, 5);
  });

  it('anti-aliases when an output pixel covers parts of two input pixels (grey levels)', () => {
    // 3 × 1 input [1, 0, 0.5] fits as 20 × 7 (round(20 / 3)); each output column covers 0.15 input pixels:
    // columns 0-5 inside pixel 0 (1), column 6 = [0.90, 1.05) → 0.10 of 1 + 0.05 of 0 over 0.15 = 2/3,
    // 7-12 inside pixel 1 (0), column 13 = [1.95, 2.10) → 0.10 of 0.5 over 0.15 = 1/3, 14-19 in pixel 2 (0.5).
    // Centre of mass x = (15 + 6·2/3 + 13/3 + 0.5·99) / 10 = 7.283, y = 3: offset (7, 11).
    const r = preprocessInk([1, 0, 0.5], 3, 1);
    expect(r.fitted).toEqual({ width: 20, height: 7 });
    expect(r.offset).toEqual({ x: 7, y: 11 });
    const columns = [1, 1, 1, 1, 1, 1, 2 / 3, 0, 0, 0, 0, 0, 0, 1 / 3, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    for (let y = 11; y < 18; y++) columns.forEach((v, u) => expect(at(r.pixels, 7 + u, y)).toBeCloseTo(v, 6));
    expect(r.pixels.reduce((a, b) => a + b, 0)).toBeCloseTo(7 * 10, 4);
    expect(at(r.pixels, 7, 10)).toBe(0);
    expect(at(r.pixels, 7, 18)).toBe(0);
  });

  it('inks a drawn stroke with a round pen and preprocesses it (vertical stroke)', () => {
    // From (0.5, 0.2) to (0.5, 0.8) on 112 × 112 with radius 4.5: ink where a pixel centre is within
    // 5 of the segment x = 56, y ∈ [22.4, 89.6]: columns 51-60 (10 wide; 51 and 60 at 0.5), rows 17-94.
    const stroke: Stroke = [
      [0.5, 0.2],
      [0.5, 0.8],
    ];
    const ink = rasterizeStrokes([stroke]);
    expect(inkBoundingBox(ink, 112, 112)).toEqual({ x0: 51, y0: 17, width: 10, height: 78 });
    expect(ink[50 * 112 + 51]).toBeCloseTo(0.5, 6);
    expect(ink[50 * 112 + 52]).toBe(1);
    const r = preprocessStrokes([stroke]);
    // 10 × 78 fits as 3 × 20 (round(20 · 10 / 78) = 3); each output column covers 10/3 input columns:
    // the outer ones (0.5 + 1 + 1 + 1/3) / (10/3) = 0.85, the middle one 1. Centred at column 14.
    expect(r.fitted).toEqual({ width: 3, height: 20 });
    expect(r.offset!.x).toBe(13);
    for (const y of [10, 14, 18]) {
      expect(at(r.pixels, 13, y)).toBeCloseTo(0.85, 5);
      expect(at(r.pixels, 14, y)).toBeCloseTo(1, 6);
      expect(at(r.pixels, 15, y)).toBeCloseTo(0.85, 5);
      expect(at(r.pixels, 12, y)).toBe(0);
    }
    expect(Math.abs(r.centre!.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(r.centre!.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('keeps a lopsided drawing inside the field, and a blank one blank', () => {
    // All the mass in the top row of the box (and a trace in the far corner): the centre of mass would
    // need the box to start 14 rows down, 6 below the field's edge; it stops at row 8.
    const ink = new Float32Array(20 * 20);
    ink.fill(1, 0, 20);
    ink[19 * 20 + 19] = 0.001;
    const r = preprocessInk(ink, 20, 20);
    expect(r.offset).toEqual({ x: 4, y: 8 });
    expect(r.pixels.reduce((a, b) => a + b, 0)).toBeCloseTo(20.001, 3);
    const blank = preprocessInk(new Float32Array(9), 3, 3);
    expect(blank.hasInk).toBe(false);
    expect(blank.pixels.every((v) => v === 0)).toBe(true);
    expect(preprocessStrokes([]).hasInk).toBe(false);
    expect(() => preprocessInk([1, 2], 3, 1)).toThrow(RangeError);
  });

  it('computes centres of mass and shifts images by whole pixels', () => {
    expect(centreOfMass([0, 1, 0, 3], 2, 2)).toEqual({ x: 1, y: 0.75 });
    expect(centreOfMass([0, 0], 2, 1)).toBeNull();
    const img = new Float32Array(784);
    img[0] = 1;
    img[27 * 28 + 27] = 0.5;
    const moved = shiftImage(img, 2, 1);
    expect(moved[1 * 28 + 2]).toBe(1);
    expect(moved.reduce((a, b) => a + b, 0)).toBe(1); // the corner pixel left the field
    expect(shiftImage(img, -1, 0)[0]).toBe(0);
  });
});

describe('drawn-digit URL codec', () => {
  const drawing: Stroke[] = [
    [
      [0, 0],
      [0, 51 / 63],
    ],
    [[51 / 63, 51 / 63]],
  ];

  it('writes two base64url characters a point and "." between strokes, and reads them back', () => {
    expect(encodeDigitDrawing(drawing)).toBe('AAAz.zz');
    expect(decodeDigitDrawing('AAAz.zz')).toEqual({ value: drawing, notice: undefined });
    expect(encodeDigitDrawing([[[1, 1]]])).toBe('__');
    // Rounds to the 64-level grid, clamps, drops repeats after rounding and empty strokes.
    const rough: Stroke[] = [
      [
        [0.3, 0.7],
        [0.301, 0.7],
        [2, -1],
      ],
      [],
    ];
    const text = encodeDigitDrawing(rough);
    expect(text).toBe('Ts_A'); // 0.3 · 63 → 19 'T', 0.7 · 63 → 44 's'; (2, -1) → (1, 0) → '_A'
    const back = decodeDigitDrawing(text);
    expect(back.notice).toBeUndefined();
    expect(back.value).toEqual([
      [
        [quantizeCoordinate(0.3), quantizeCoordinate(0.7)],
        [1, 0],
      ],
    ]);
    expect(decodeDigitDrawing('')).toEqual({ value: [], notice: undefined });
  });

  it('never throws on hostile input, and says what it dropped', () => {
    const cases: [unknown, RegExp | undefined][] = [
      [null, undefined],
      [undefined, undefined],
      [42, /not text/],
      [{ toString: () => 'AA' }, /not text/],
      ['A', /1 cut-off point/],
      ['AA!!BB', /1 unreadable point/],
      ['AA..BB.', /2 empty strokes/],
      ['%00%ZZ', /unreadable/],
      ['\u0000\uFFFF\uD800AA', /unreadable/],
      ['AA'.repeat(100_000), /only the first \d+ characters read/],
      [Array.from({ length: 40 }, () => 'AB').join('.'), /only the first 16 strokes kept/],
      ['AB'.repeat(MAX_POINTS + 5), /characters read|points kept/],
    ];
    for (const [input, notice] of cases) {
      const r = decodeDigitDrawing(input);
      expect(Array.isArray(r.value)).toBe(true);
      if (notice) expect(r.notice).toMatch(notice);
      else expect(r.notice).toBeUndefined();
      const points = r.value.reduce((s, st) => s + st.length, 0);
      expect(points).toBeLessThanOrEqual(MAX_POINTS);
      expect(r.value.length).toBeLessThanOrEqual(MAX_STROKES);
      for (const st of r.value) {
        expect(st.length).toBeGreaterThan(0);
        for (const [x, y] of st) {
          expect(x >= 0 && x <= 1 && y >= 0 && y <= 1).toBe(true);
        }
      }
      // Whatever was read encodes to text within the limit, and round-trips.
      const again = encodeDigitDrawing(r.value);
      expect(again.length).toBeLessThanOrEqual(MAX_DIGIT_TEXT);
      expect(decodeDigitDrawing(again).value).toEqual(r.value.map((s) => dedupe(s)));
    }
    // A full drawing at the limits fits the limit exactly.
    const full: Stroke[] = Array.from({ length: MAX_STROKES }, (_, s) =>
      Array.from({ length: MAX_POINTS / MAX_STROKES + 1 }, (_, i): [number, number] => [(i % 63) / 63, s / 63]),
    );
    const text = encodeDigitDrawing(full);
    expect(text.length).toBeLessThanOrEqual(MAX_DIGIT_TEXT);
    expect(decodeDigitDrawing(text).notice).toBeUndefined();
    expect(decodeDigitDrawing(text).value.reduce((s, st) => s + st.length, 0)).toBe(MAX_POINTS);
  });
});

/** Consecutive equal points removed (what the encoder does). */
function dedupe(stroke: Stroke): Stroke {
  return stroke.filter((p, i) => i === 0 || p[0] !== stroke[i - 1][0] || p[1] !== stroke[i - 1][1]);
}

describe('calibration metrics', () => {
  // Three rows of three classes, labels [0, 1, 2].
  const probs = [0.7, 0.2, 0.1, 0.3, 0.6, 0.1, 0.5, 0.3, 0.2];
  const labels = [0, 1, 2];

  it('counts predictions in a confusion matrix', () => {
    const pred = argmaxRows(probs, 3);
    expect(Array.from(pred)).toEqual([0, 1, 0]);
    const m = confusionMatrix(labels, pred, 3);
    expect(m).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(accuracyFromConfusion(m)).toBeCloseTo(2 / 3, 12);
    expect(perClassAccuracy(m)).toEqual([1, 1, 0]);
    expect(
      perClassAccuracy([
        [0, 0],
        [0, 2],
      ])[0],
    ).toBeNaN();
  });

  it('computes the NLL from logits: -mean log p_y', () => {
    // Logits ln p give back p: NLL = -(ln 0.7 + ln 0.6 + ln 0.2) / 3
    const logits = probs.map(Math.log);
    const expected = -(Math.log(0.7) + Math.log(0.6) + Math.log(0.2)) / 3;
    expect(negativeLogLikelihood(logits, labels, 3)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.82565, 4); // (0.35667 + 0.51083 + 1.60944) / 3
    // A confident mistake costs its true value, no infinity: logits (0, 1000) with label 0 → 1000 nats.
    expect(negativeLogLikelihood([0, 1000], [0], 2)).toBeCloseTo(1000, 9);
    // Temperature 2 halves the logits to (0, 1): -ln p_0 = ln(1 + e).
    expect(negativeLogLikelihood([0, 2], [0], 2, 2)).toBeCloseTo(Math.log(1 + Math.E), 12);
    expect(() => negativeLogLikelihood([0, 1], [2], 2)).toThrow(RangeError);
    const p = softmaxRows([0, Math.log(3)], 2);
    expect(p[0]).toBeCloseTo(0.25, 7);
    expect(p[1]).toBeCloseTo(0.75, 7);
  });

  it('computes the ECE over equal-width confidence bins', () => {
    // Confidences 0.7 (right), 0.6 (right), 0.5 (wrong). With 15 bins of width 1/15: 0.7 → bin (0.667, 0.733],
    // 0.6 → (0.533, 0.6], 0.5 → (0.467, 0.533]. ECE = (|1 - 0.7| + |1 - 0.6| + |0 - 0.5|) / 3 = 0.4.
    expect(expectedCalibrationError(probs, labels, 3)).toBeCloseTo(0.4, 12);
    // With 1 bin: |accuracy 2/3 - mean confidence 0.6| = 0.0667.
    expect(expectedCalibrationError(probs, labels, 3, 1)).toBeCloseTo(2 / 3 - 0.6, 12);
    // With 2 bins (0, 0.5] and (0.5, 1]: {0.5 wrong} and {0.7, 0.6 right}: (1/3)·0.5 + (2/3)·0.35 = 0.4.
    const bins = reliabilityBins(probs, labels, 3, 2);
    expect(bins.map((b) => b.count)).toEqual([1, 2]);
    expect(bins[1].confidence).toBeCloseTo(0.65, 12);
    expect(expectedCalibrationError(probs, labels, 3, 2)).toBeCloseTo(0.5 / 3 + (2 / 3) * 0.35, 12);
    // Perfect confidence and accuracy: 0.
    expect(expectedCalibrationError([1, 0, 0, 1], [0, 1], 2)).toBe(0);
  });
});

describe('architectures', () => {
  it('count parameters by hand', () => {
    expect(parameterCount({ kind: 'softmax' })).toBe(784 * 10 + 10);
    expect(parameterCount({ kind: 'mlp', hidden: [128] })).toBe(784 * 128 + 128 + 128 * 10 + 10);
    expect(parameterCount({ kind: 'mlp', hidden: [128, 64] })).toBe(784 * 128 + 128 + 128 * 64 + 64 + 640 + 10);
    // conv 3×3 1→16 (144 + 16), conv 3×3 16→32 (4,608 + 32), dense 7·7·32 = 1,568 → 64 (100,352 + 64), 64 → 10 (650).
    const cnn = { kind: 'cnn', kernel: 3, filters: [16, 32], dense: 64 } as const;
    expect(parameterCount({ ...cnn, filters: [16, 32] })).toBe(160 + 4640 + 100416 + 650);
    expect(architectureShapes({ ...cnn, filters: [16, 32] })).toEqual([
      [3, 3, 1, 16],
      [16],
      [3, 3, 16, 32],
      [32],
      [1568, 64],
      [64],
      [64, 10],
      [10],
    ]);
    expect(describeArchitecture({ kind: 'mlp', hidden: [128] })).toBe('MLP: 784 → 128 ReLU → 10');
  });
});
