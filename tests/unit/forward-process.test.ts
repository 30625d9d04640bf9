import { describe, expect, it } from 'vitest';
import { defaultValues, decodeParams } from '../../src/lib/params';
import { makeSchedule } from '../../src/math/diffusion';
import {
  computeForward,
  formatSnr,
  formatValue,
  momentsOf,
  playPosition,
  PLAY_SECONDS,
  POINT_COUNT,
  snapshotSteps,
  trainLinkHref,
} from '../../src/widgets/forward-process/compute';
import { params, type ForwardParams } from '../../src/widgets/forward-process/params';
import {
  addPoints,
  BIG_STEP,
  classCounts,
  clientToPad,
  CURSOR_START,
  heartOutline,
  moveCursor,
  PAD_SHAPES,
  removeLastPoint,
  resamplePath,
  smileyParts,
  strokePoints,
  toPadDrawing,
} from '../../src/widgets/diffusion-shared/draw-pad-model';
import {
  decodeDrawing,
  encodeDrawing,
  MAX_DRAWN_POINTS,
  quantize,
} from '../../src/widgets/diffusion-shared/points-codec';

const DEFAULTS = defaultValues(params);
const at = (p: Partial<ForwardParams>) => computeForward({ ...DEFAULTS, ...p });
const okPoints = (p: Partial<ForwardParams>) => {
  const v = at(p);
  if (!v.points.ok) throw new Error(v.points.message);
  return { view: v, points: v.points };
};

describe('forward process model', () => {
  it('shows the data itself at t = 0', () => {
    for (const dataset of ['moons', 'swissRoll', 'rings'] as const) {
      const { points, view } = okPoints({ dataset, t: 0 });
      expect(points.xt).toHaveLength(POINT_COUNT);
      expect(points.xt).toEqual(points.x0);
      expect(view.alphaBar).toBe(1);
      expect(view.noiseScale).toBe(0);
      expect(view.snr).toBe(Infinity);
      expect(view.summary).toContain('SNR ∞');
    }
  });

  it('measures the mean and variance of x_t the closed form predicts, within sampling error', () => {
    // For 600 points, the sample variance per coordinate of ε has a standard error of about
    // sqrt(2/600)/sqrt(2) ≈ 0.04 and the cross term x_0·ε adds about as much: 0.15 is ~3 standard errors.
    for (const schedule of ['linear', 'cosine'] as const) {
      for (const t of [1, 100, 250, 500, 900, 1000]) {
        for (const seed of [1, 7]) {
          const { view, points } = okPoints({ schedule, t, seed });
          const s = makeSchedule(schedule, 1000);
          expect(view.alphaBar).toBe(s.alphaBars[t]);
          const a = Math.sqrt(view.alphaBar);
          const m0 = momentsOf(points.x0);
          expect(points.expected.variance).toBeCloseTo(view.alphaBar * m0.variance + 1 - view.alphaBar, 12);
          expect(points.expected.mean[0]).toBeCloseTo(a * m0.mean[0], 12);
          expect(Math.abs(points.measured.variance - points.expected.variance)).toBeLessThan(0.15);
          // The mean of 600 noise draws is within ±0.16 (4 standard errors of 1/sqrt(600) ≈ 0.04; seed 7
          // happens to draw a 3-standard-error mean, 0.12, in x).
          expect(Math.abs(points.measured.mean[0] - points.expected.mean[0])).toBeLessThan(0.16);
          expect(Math.abs(points.measured.mean[1] - points.expected.mean[1])).toBeLessThan(0.16);
        }
      }
    }
  });

  it('at t = T the points are (almost) the noise itself: mean ≈ 0, variance ≈ 1', () => {
    const { points } = okPoints({ t: 1000, schedule: 'linear' });
    expect(Math.abs(points.measured.mean[0])).toBeLessThan(0.16);
    expect(Math.abs(points.measured.variance - 1)).toBeLessThan(0.15);
  });

  it('the same seed gives the same points; another seed other points', () => {
    const one = okPoints({ seed: 3, t: 300 }).points;
    const again = okPoints({ seed: 3, t: 300 }).points;
    const other = okPoints({ seed: 4, t: 300 }).points;
    expect(again.xt).toEqual(one.xt);
    expect(other.xt).not.toEqual(one.xt);
  });

  it('keeps each point on its own noise as t moves (the noise is fixed by the seed)', () => {
    // x_t = a x_0 + s ε, so ε = (x_t - a x_0) / s must be the same at every t.
    const eps = (t: number) => {
      const { view, points } = okPoints({ t });
      return points.xt.map(([x, y], i) => [
        (x - view.signalScale * points.x0[i][0]) / view.noiseScale,
        (y - view.signalScale * points.x0[i][1]) / view.noiseScale,
      ]);
    };
    const e100 = eps(100);
    const e700 = eps(700);
    e100.slice(0, 20).forEach((e, i) => {
      expect(e[0]).toBeCloseTo(e700[i][0], 6);
      expect(e[1]).toBeCloseTo(e700[i][1], 6);
    });
  });

  it('clamps t to T with a notice, and gives the curves of both schedules for that T', () => {
    const v = at({ T: 100, t: 250 });
    expect(v.t).toBe(100);
    expect(v.clampNotice).toContain('t = 250 is past the last step T = 100');
    expect(v.alphaBar).toBe(makeSchedule('cosine', 100).alphaBars[100]);
    expect(at({ T: 100, t: 100 }).clampNotice).toBeNull();
    expect(v.markers.map((m) => m.schedule).sort()).toEqual(['cosine', 'linear']);
    for (const kind of ['linear', 'cosine']) {
      const line = v.curves.filter((c) => c.schedule === kind);
      expect(line[0]).toMatchObject({ t: 0, u: 0, alphaBar: 1 });
      expect(line.at(-1)).toMatchObject({ t: 100, u: 1 });
    }
  });

  it('an empty drawing gives a message, not a crash; a drawing gives points with its classes', () => {
    const empty = at({ dataset: 'drawn', points: '' });
    expect(empty.points.ok).toBe(false);
    if (!empty.points.ok) expect(empty.points.message).toMatch(/No drawn points/);
    expect(empty.summary).toMatch(/no points to noise/);
    expect(empty.momentsNote).toBe('');

    const drawn = encodeDrawing({
      points: [
        [-0.5, 0],
        [0.5, 0],
        [0, 0.5],
      ],
      labels: [0, 1, 2],
    });
    const { points } = okPoints({ dataset: 'drawn', points: drawn, t: 0 });
    expect(points.numClasses).toBe(3);
    expect(new Set(points.labels)).toEqual(new Set([0, 1, 2]));
  });

  it('decodes a garbled URL to usable values with notices', () => {
    const { values, notices } = decodeParams(
      params,
      new URLSearchParams('fwd.t=abc&fwd.points=AA!!&fwd.T=5&fwd.schedule=quadratic'),
      'fwd',
    );
    expect(values.t).toBe(250);
    expect(values.T).toBe(10);
    expect(values.schedule).toBe('cosine');
    expect(notices).toHaveLength(3);
    expect(decodeDrawing(values.points).notice).toMatch(/1 unreadable point dropped/);
    const v = computeForward(values);
    expect(v.t).toBe(10);
    expect(v.clampNotice).not.toBeNull();
  });

  it('formats tiny and infinite values honestly', () => {
    expect(formatValue(0.8467)).toBe('0.85');
    expect(formatValue(4.04e-5)).toBe('4.0e-5');
    expect(formatValue(1)).toBe('1');
    expect(formatSnr(Infinity)).toBe('∞');
    expect(formatSnr(5.55)).toBe('5.5');
    expect(formatSnr(9999.2)).toBe('9999');
    expect(formatSnr(2.4e-9)).toBe('2.4e-9');
  });

  it('plays from t to T in PLAY_SECONDS for a full sweep', () => {
    expect(playPosition(0, 1000, 0)).toEqual({ t: 0, done: false });
    expect(playPosition(0, 1000, (PLAY_SECONDS * 1000) / 2)).toEqual({ t: 500, done: false });
    expect(playPosition(0, 1000, PLAY_SECONDS * 1000 + 5)).toEqual({ t: 1000, done: true });
    expect(playPosition(900, 1000, (PLAY_SECONDS * 1000) / 20)).toEqual({ t: 950, done: false });
    expect(snapshotSteps(1000)).toEqual([0, 100, 250, 500, 1000]);
    expect(snapshotSteps(10)).toEqual([0, 1, 3, 5, 10]);
  });

  it('links to the lab with this page query, the drawing and the lab anchor', () => {
    const href = trainLinkHref(
      '/lessons/diffusion/',
      new URLSearchParams('fwd.dataset=drawn&fwd.points=AB'),
      'lab',
      'AB',
    );
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/lessons/diffusion/');
    expect(url.searchParams.get('fwd.points')).toBe('AB');
    expect(url.searchParams.get('lab.dataset')).toBe('drawn');
    expect(url.searchParams.get('lab.points')).toBe('AB');
    expect(url.hash).toBe('#lab');
  });
});

describe('drawing pad geometry', () => {
  const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

  it('leaves stroke points every 0.05 along a drag, none for a small move', () => {
    expect(strokePoints(null, [0.2, 0.1])).toEqual([[0.2, 0.1]]);
    expect(strokePoints([0, 0], [0.03, 0])).toEqual([]);
    const pts = strokePoints([0, 0], [0.3, 0.4]); // length 0.5
    expect(pts).toHaveLength(10);
    pts.forEach((p, i) => expect(dist(p, i === 0 ? [0, 0] : pts[i - 1])).toBeCloseTo(0.05, 12));
    expect(pts.at(-1)![0]).toBeCloseTo(0.3, 12);
  });

  it('maps pointer pixels to pad units, y up, clamped to the drawing area', () => {
    const box = { left: 10, top: 20, width: 200, height: 200 };
    expect(clientToPad(box, 110, 120)).toEqual([0, 0]);
    const [x, y] = clientToPad(box, 160, 70);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    expect(clientToPad(box, 10, 220)).toEqual([-1, -1]);
  });

  it('moves the keyboard cross one grid level, 8 with Shift, and keeps it inside', () => {
    const right = moveCursor(CURSOR_START, 'ArrowRight')!;
    expect(right[0] - CURSOR_START[0]).toBeCloseTo(2 / 63, 12);
    expect(right[1]).toBe(CURSOR_START[1]);
    const up = moveCursor(CURSOR_START, 'ArrowUp', true)!;
    expect(up[1] - CURSOR_START[1]).toBeCloseTo((2 / 63) * BIG_STEP, 12);
    expect(moveCursor(CURSOR_START, 'a')).toBeNull();
    let c = CURSOR_START;
    for (let i = 0; i < 20; i++) c = moveCursor(c, 'ArrowLeft', true)!;
    expect(c[0]).toBe(-1);
    // On the codec's grid: a placed point survives the URL unchanged.
    expect(quantize(right[0])).toBeCloseTo(right[0], 12);
  });

  it('adds points of the pen class up to the limit, and removes the last', () => {
    let d = toPadDrawing({ points: [], labels: null });
    d = addPoints(d, [[0, 0]], 0).drawing;
    const r = addPoints(
      d,
      [
        [0.5, 0.5],
        [2, -3],
      ],
      2,
    );
    expect(r.drawing.labels).toEqual([0, 2, 2]);
    expect(r.drawing.points[2]).toEqual([1, -1]);
    expect(classCounts(r.drawing)).toEqual([1, 0, 2]);
    expect(removeLastPoint(r.drawing).points).toHaveLength(2);

    const many = Array.from({ length: MAX_DRAWN_POINTS + 5 }, (_, i) => [i / 1000, 0] as [number, number]);
    const full = addPoints({ points: [], labels: [] }, many, 1);
    expect(full.added).toBe(MAX_DRAWN_POINTS);
    expect(full.full).toBe(true);
    expect(addPoints(full.drawing, [[0, 0]], 1)).toMatchObject({ added: 0, full: true });
  });

  it('resamples a path to even spacing', () => {
    const square: [number, number][] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    const pts = resamplePath(square, 0.25);
    expect(pts).toHaveLength(16);
    pts.forEach((p, i) => i > 0 && expect(dist(p, pts[i - 1])).toBeCloseTo(0.25, 9));
  });

  it('builds the shapes from their formulas, inside the pad and under the limit', () => {
    const heart = heartOutline();
    expect(heart.length).toBeGreaterThan(40);
    expect(heart.length).toBeLessThan(MAX_DRAWN_POINTS);
    // The heart is symmetric about x = 0 and fills about [-0.8, 0.8].
    const xs = heart.map((p) => p[0]);
    expect(Math.max(...xs)).toBeCloseTo(0.8, 1);
    expect(Math.min(...xs)).toBeCloseTo(-0.8, 1);
    for (const p of heart) expect(Math.max(Math.abs(p[0]), Math.abs(p[1]))).toBeLessThanOrEqual(1);

    const [face, eyes, mouth] = smileyParts();
    face.forEach((p) => expect(Math.hypot(p[0], p[1])).toBeCloseTo(0.85, 2));
    expect(eyes.length).toBeGreaterThanOrEqual(6);
    mouth.forEach((p) => expect(p[1]).toBeLessThan(0));

    for (const shape of PAD_SHAPES) {
      const d = shape.make(1);
      expect(d.points.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
      // Survives the URL round trip with its classes.
      const back = decodeDrawing(encodeDrawing(d));
      expect(back.points).toHaveLength(d.points.length);
      expect(back.labels).toEqual(d.labels);
    }
    expect(new Set(PAD_SHAPES.find((s) => s.name === 'smiley')!.make(0).labels)).toEqual(new Set([0, 1, 2]));
  });
});
