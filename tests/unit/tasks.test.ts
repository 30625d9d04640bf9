import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32 } from '../../src/math/random';
import {
  countCorrect,
  answer,
  formatToken,
  makeBatch,
  makeExample,
  parseSequence,
  SEP,
  TASK_INFO,
  TASKS,
  VOCAB_SIZE,
  type TaskName,
} from '../../src/math/tasks';

describe('task examples', () => {
  it('lays out reverse as [x, SEP, reverse(x)] with targets shifted by one', () => {
    const ex = makeExample('reverse', [3, 1, 4]);
    expect(ex.sequence).toEqual([3, 1, 4, SEP, 4, 1, 3]);
    expect(ex.T).toBe(6);
    expect(ex.inputs).toEqual([3, 1, 4, SEP, 4, 1]);
    expect(ex.targets).toEqual([1, 4, SEP, 4, 1, 3]);
    // Scored: the SEP and y1, y2 as inputs, predicting y1, y2, y3.
    expect(ex.mask).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('sorts ascending (with repeats) and copies', () => {
    expect(makeExample('sort', [3, 1, 4, 1]).y).toEqual([1, 1, 3, 4]);
    expect(makeExample('copy', [3, 1, 4, 1]).sequence).toEqual([3, 1, 4, 1, SEP, 3, 1, 4, 1]);
  });

  it('does not mutate the caller’s digits', () => {
    const x = [5, 2, 9];
    makeExample('sort', x);
    makeExample('reverse', x);
    expect(x).toEqual([5, 2, 9]);
  });

  it('refuses bad questions with a RangeError', () => {
    expect(() => makeExample('reverse', [1, 2])).toThrow(RangeError); // too short
    expect(() => makeExample('reverse', [1, 2, 3, 4, 5, 6, 7, 8, 9])).toThrow(RangeError); // too long
    expect(() => makeExample('reverse', [1, 2, 10])).toThrow(/digit/);
    expect(() => makeExample('reverse', [1, 2, 1.5])).toThrow(/digit/);
    expect(() => makeExample('reverse', [1, 2, -1])).toThrow(/digit/);
    expect(() => makeExample('shuffle' as TaskName, [1, 2, 3])).toThrow(/unknown task/);
  });

  it('formats tokens for display and documents every task', () => {
    expect(formatToken(3)).toBe('3');
    expect(formatToken(SEP)).toBe('|');
    expect(formatToken(11)).toBe('?');
    expect(VOCAB_SIZE).toBe(11);
    for (const t of TASKS) {
      expect(TASK_INFO[t].label.length).toBeGreaterThan(0);
      expect(TASK_INFO[t].description.length).toBeGreaterThan(10);
    }
  });
});

describe('makeBatch', () => {
  for (const task of TASKS) {
    it(`builds correct ${task} batches: targets are the shifted sequence, mask marks the answer`, () => {
      const n = 5;
      const B = 64;
      const batch = makeBatch(task, n, B, mulberry32(7));
      const T = 2 * n;
      expect(batch.T).toBe(T);
      expect(batch.inputs.length).toBe(B * T);
      expect(batch.targets.length).toBe(B * T);
      expect(batch.mask.length).toBe(B * T);
      for (let b = 0; b < B; b++) {
        const inputs = Array.from(batch.inputs.subarray(b * T, (b + 1) * T));
        const targets = Array.from(batch.targets.subarray(b * T, (b + 1) * T));
        const mask = Array.from(batch.mask.subarray(b * T, (b + 1) * T));
        const x = inputs.slice(0, n);
        x.forEach((d) => expect(d >= 0 && d <= 9).toBe(true));
        expect(inputs[n]).toBe(SEP);
        const full = [...x, SEP, ...answer(task, x)];
        expect(inputs).toEqual(full.slice(0, T));
        expect(targets).toEqual(full.slice(1, T + 1));
        expect(mask).toEqual(inputs.map((_, t) => (t >= n ? 1 : 0)));
      }
    });
  }

  it('is deterministic for a seed, and different for another', () => {
    const a = makeBatch('reverse', 6, 16, mulberry32(deriveSeed(3, 1)));
    const b = makeBatch('reverse', 6, 16, mulberry32(deriveSeed(3, 1)));
    const c = makeBatch('reverse', 6, 16, mulberry32(deriveSeed(3, 2)));
    expect(Array.from(a.inputs)).toEqual(Array.from(b.inputs));
    expect(Array.from(a.inputs)).not.toEqual(Array.from(c.inputs));
  });

  it('draws every digit about equally often', () => {
    const counts = new Array(10).fill(0);
    const batch = makeBatch('copy', 8, 500, mulberry32(11));
    for (let b = 0; b < 500; b++) for (let t = 0; t < 8; t++) counts[batch.inputs[b * 16 + t]]++;
    // 4000 draws, 400 expected per digit; ±25% is > 5 standard deviations.
    counts.forEach((c) => expect(Math.abs(c - 400)).toBeLessThan(100));
  });

  it('refuses an out-of-range length or batch size', () => {
    expect(() => makeBatch('reverse', 2, 4, mulberry32(1))).toThrow(RangeError);
    expect(() => makeBatch('reverse', 9, 4, mulberry32(1))).toThrow(RangeError);
    expect(() => makeBatch('reverse', 6, 0, mulberry32(1))).toThrow(RangeError);
  });
});

describe('parseSequence', () => {
  it('accepts spaced, comma-separated and packed digits', () => {
    expect(parseSequence('3 1 4 1 5 9', 6)).toEqual({ ok: true, digits: [3, 1, 4, 1, 5, 9] });
    expect(parseSequence('314159', 6)).toEqual({ ok: true, digits: [3, 1, 4, 1, 5, 9] });
    expect(parseSequence(' 3,1, 4 ,1,5,9\n', 6)).toEqual({ ok: true, digits: [3, 1, 4, 1, 5, 9] });
    expect(parseSequence('000', 3)).toEqual({ ok: true, digits: [0, 0, 0] });
  });

  const hostile: [string, unknown, RegExp][] = [
    ['empty', '', /Type 6 digits/],
    ['only spaces', '   ', /Type 6 digits/],
    ['letters', 'abc', /"a"/],
    ['too many', '1 2 3 4 5 6 7 8 9 9 9', /exactly 6 digits; found 11/],
    ['too few', '1 2 3', /exactly 6 digits; found 3/],
    ['negative', '-1', /minus/],
    ['exponent', '1e3', /"e"/],
    ['decimal', '1.5 2 3 4 5 6', /"\."/],
    ['full-width digit', '３1 4 1 5 9', /U\+FF13/],
    ['Arabic-Indic digit', '٣14159', /U\+0663/],
    ['emoji', '31415😀', /U\+1F600/],
    ['very long', '1'.repeat(100_000), /too long/],
    ['not a string', 42, /Type some digits/],
    ['null', null, /Type some digits/],
  ];
  for (const [name, text, message] of hostile) {
    it(`refuses ${name} with a clear message and never throws`, () => {
      let r: ReturnType<typeof parseSequence> | undefined;
      expect(() => (r = parseSequence(text, 6))).not.toThrow();
      expect(r!.ok).toBe(false);
      if (!r!.ok) expect(r!.message).toMatch(message);
    });
  }

  it('refuses a nonsensical length without throwing', () => {
    for (const n of [0, 2, 9, 6.5, NaN]) {
      const r = parseSequence('314159', n);
      expect(r.ok).toBe(false);
    }
  });
});

describe('countCorrect', () => {
  it('counts matching positions, and a short answer misses the rest', () => {
    expect(countCorrect([9, 5, 1], [9, 5, 1])).toBe(3);
    expect(countCorrect([9, 0, 1], [9, 5, 1])).toBe(2);
    expect(countCorrect([9], [9, 5, 1])).toBe(1);
  });
});
