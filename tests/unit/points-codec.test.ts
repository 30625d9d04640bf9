import { describe, expect, it } from 'vitest';
import {
  decodeDrawing,
  encodeDrawing,
  MAX_DRAWN_POINTS,
  quantize,
} from '../../src/widgets/diffusion-shared/points-codec';
import { datasetFromParams } from '../../src/widgets/diffusion-shared/dataset-params';

describe('drawn points codec', () => {
  it('maps the corners and the grid as documented', () => {
    expect(encodeDrawing({ points: [[-1, -1]], labels: null })).toBe('AA');
    expect(encodeDrawing({ points: [[1, 1]], labels: [1] })).toBe('~__1');
    expect(decodeDrawing('~__1')).toEqual({ points: [[1, 1]], labels: [1], notice: undefined });
    expect(quantize(0)).toBeCloseTo(1 / 63, 12); // level 32 of 0…63
    expect(quantize(7)).toBe(1);
  });

  it('round-trips any drawing to its grid-rounded points', () => {
    const points: [number, number][] = [
      [0.1, -0.7],
      [-0.33, 0.99],
      [0.5, 0.5],
    ];
    const labels = [0, 2, 1];
    const back = decodeDrawing(encodeDrawing({ points, labels }));
    expect(back.notice).toBeUndefined();
    expect(back.labels).toEqual(labels);
    back.points.forEach((p, i) => {
      expect(p[0]).toBe(quantize(points[i][0]));
      expect(p[1]).toBe(quantize(points[i][1]));
      expect(Math.abs(p[0] - points[i][0])).toBeLessThanOrEqual(1 / 63 + 1e-12);
    });
    // One-class drawings carry no labels.
    expect(encodeDrawing({ points, labels: [0, 0, 0] })).toHaveLength(6);
  });

  it('drops garbled parts with a notice and never throws', () => {
    const bad = decodeDrawing('AA!!B');
    expect(bad.points).toEqual([[-1, -1]]);
    expect(bad.notice).toMatch(/1 unreadable point dropped; a cut-off point/);
    expect(decodeDrawing('~AA7BB1').points).toHaveLength(1);
    expect(decodeDrawing('').points).toEqual([]);
    const long = decodeDrawing('AB'.repeat(MAX_DRAWN_POINTS + 5));
    expect(long.points).toHaveLength(MAX_DRAWN_POINTS);
    expect(long.notice).toMatch(/first 200 points kept/);
  });

  it('turns the params into a data set, or a message for an empty drawing', () => {
    const moons = datasetFromParams({ dataset: 'moons', points: '' }, 50, 1);
    expect(moons.ok && moons.data.points.length).toBe(50);
    expect(datasetFromParams({ dataset: 'drawn', points: '' }, 50, 1)).toEqual({
      ok: false,
      message: expect.stringMatching(/No drawn points/),
    });
    const drawn = datasetFromParams({ dataset: 'drawn', points: '~AA0__1' }, 40, 3);
    expect(drawn.ok && drawn.data.numClasses).toBe(2);
  });
});
