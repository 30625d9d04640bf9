import { describe, expect, it } from 'vitest';
import {
  booleanParam,
  choiceParam,
  coerceParam,
  decodeParams,
  defineParams,
  encodeParams,
  intParam,
  numberParam,
  snapNumber,
  textParam,
  validateProps,
} from '../../src/lib/params';
import { params as playgroundParams } from '../../src/widgets/attention-playground/params';

const specs = defineParams({
  heads: intParam({ default: 2, min: 1, max: 4, label: 'Heads' }),
  lr: numberParam({
    default: 0.003,
    min: 0.0001,
    max: 0.03,
    step: 0.0001,
    scale: 'log',
    digits: 2,
    label: 'Learning rate',
  }),
  width: numberParam({ default: 0.5, min: 0, max: 1, step: 0.1, label: 'Width' }),
  task: choiceParam({ default: 'reverse', options: ['reverse', 'sort'], label: 'Task' }),
  causal: booleanParam({ default: false, label: 'Causal' }),
  input: textParam({ default: '', maxLength: 8, label: 'Input' }),
});

const decode = (query: string, base = {}) => decodeParams(specs, new URLSearchParams(query), 'w', base);

describe('decodeParams', () => {
  it('reads valid values and ignores other widgets and unknown keys', () => {
    const { values, notices } = decode('w.heads=3&w.task=sort&w.causal=1&other.heads=1&w.nope=5&w.input=123');
    expect(values).toMatchObject({ heads: 3, task: 'sort', causal: true, input: '123', lr: 0.003 });
    expect(notices).toEqual([]);
  });

  it("falls back to the page's starting value (the MDX prop), not the param default, for unusable input", () => {
    const { values, notices } = decode('w.heads=abc&w.task=dance&w.causal=maybe', {
      heads: 3,
      task: 'sort',
      causal: true,
    });
    expect(values).toMatchObject({ heads: 3, task: 'sort', causal: true });
    expect(notices).toEqual([
      'Heads: "abc" is not a number; using 3.',
      'Task: "dance" is not one of reverse, sort; using sort.',
      'Causal: "maybe" is not on/off (1 or 0); using on.',
    ]);
  });

  it.each([
    ['w.heads=abc', 2, 'not a number'],
    ['w.heads=', 2, 'not a number'],
    ['w.heads=0x10', 2, 'not a number'],
    ['w.heads=1,5', 2, 'not a number'],
    ['w.heads=Infinity', 2, 'not a number'],
    ['w.heads=NaN', 2, 'not a number'],
    ['w.heads=%F0%9F%92%A5', 2, 'not a number'],
    ['w.heads=1e99', 4, 'above the maximum'],
    ['w.heads=-7', 1, 'below the minimum'],
    ['w.heads=2.6', 3, 'rounded to 3'],
  ])('corrects %s to %s with a notice', (query, expected, notice) => {
    const { values, notices } = decode(query);
    expect(values.heads).toBe(expected);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(notice);
  });

  it('snaps linear values without binary noise and log values to significant digits', () => {
    expect(decode('w.width=0.30000000000000004').values.width).toBe(0.3);
    expect(decode('w.lr=0.0123456').values.lr).toBe(0.012);
    expect(snapNumber(specs.lr, 1)).toBe(0.03);
  });

  it('checks choices and booleans against their lists', () => {
    const { values, notices } = decode('w.task=<script>alert(1)</script>&w.causal=maybe');
    expect(values.task).toBe('reverse');
    expect(values.causal).toBe(false);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain('not one of reverse, sort');
  });

  it('cuts overlong text and shortens what it echoes', () => {
    const { values, notices } = decode(`w.input=${'9'.repeat(5000)}`);
    expect(values.input).toBe('99999999');
    expect(notices[0]).toContain('longer than 8');
    const echoed = decode(`w.task=${'x'.repeat(5000)}`).notices[0];
    expect(echoed.length).toBeLessThan(120);
  });

  it('gives the URL precedence over props, and props over defaults', () => {
    expect(decode('', { heads: 4 }).values.heads).toBe(4);
    expect(decode('w.heads=1', { heads: 4 }).values.heads).toBe(1);
  });
});

describe('encodeParams', () => {
  it('omits values equal to the starting state and keeps other keys', () => {
    const start = new URLSearchParams('other.x=1&w.heads=3');
    const values = { ...decode('').values, heads: 2, task: 'sort' as const };
    const out = encodeParams(specs, values, start, 'w');
    expect(out.get('other.x')).toBe('1');
    expect(out.has('w.heads')).toBe(false);
    expect(out.get('w.task')).toBe('sort');
    expect(encodeParams(specs, { ...values, heads: 4 }, start, 'w', { heads: 4 }).has('w.heads')).toBe(false);
  });

  it('round-trips every value through a URL', () => {
    const values = { heads: 4, lr: 0.012, width: 0.7, task: 'sort' as const, causal: true, input: '3 1 4' };
    const query = encodeParams(specs, values, new URLSearchParams(), 'w').toString();
    expect(decode(query)).toEqual({ values, notices: [] });
  });
});

describe('coerceParam and validateProps', () => {
  it('never throws on arbitrary strings', () => {
    const samples = ['', ' ', '\u0000', '1'.repeat(10000), '💥', '__proto__', 'constructor', '-0', '+', '.', 'e5'];
    for (const spec of Object.values(specs)) for (const s of samples) expect(() => coerceParam(spec, s)).not.toThrow();
  });

  it('fails the build on an invalid prop and accepts a valid one', () => {
    expect(validateProps(specs, { heads: 3, task: 'sort' }, 'W')).toEqual({ heads: 3, task: 'sort' });
    expect(() => validateProps(specs, { heads: 9 }, 'W')).toThrow(/<W> prop heads=9/);
    expect(() => validateProps(specs, { task: 'dance' }, 'W')).toThrow(/task/);
  });

  it('refuses a spec whose default is off its own grid', () => {
    expect(() => intParam({ default: 5, min: 0, max: 4, label: 'x' })).toThrow();
    expect(() => numberParam({ default: 0.15, min: 0, max: 1, step: 0.1, label: 'x' })).toThrow();
  });

  it('the playground declares a valid spec (defaults on their grids)', () => {
    const { values, notices } = decodeParams(playgroundParams, new URLSearchParams(), 'ap');
    expect(notices).toEqual([]);
    expect(values.task).toBe('reverse');
  });
});
