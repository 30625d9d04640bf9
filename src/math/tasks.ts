/**
 * Toy sequence tasks for the tiny transformer, all phrased as next-token prediction.
 *
 * Every example is one token sequence  s = [x_1 … x_n, SEP, y_1 … y_n]  of length 2n + 1, where x is
 * n random digits and y is what the task asks for. A decoder-only model reads s[0 … 2n-1] and at each
 * position t predicts s[t+1]. Only the predictions of y are scored: the targets at input positions
 * n … 2n-1 (the SEP and y_1 … y_{n-1} as inputs, predicting y_1 … y_n). Predicting x itself is
 * impossible (it is random), so scoring it would only add noise to the loss.
 *
 * Plain numbers only: no tensors here, so the same batches feed the cpu, wasm and webgl backends, and
 * the tests can check them by hand.
 */
import { randInt, type Rng } from './random';

/** Digit tokens are 0 … 9; the separator between question and answer is token 10. */
export const NUM_DIGITS = 10;
export const SEP = 10;
export const VOCAB_SIZE = 11;

/** Bounds of the sequence length n (the number of digits in x). */
export const MIN_LENGTH = 3;
export const MAX_LENGTH = 8;
export const DEFAULT_LENGTH = 6;
/** The longest model input: 2n tokens for the longest n (the final answer token is never an input). */
export const MAX_INPUT_LENGTH = 2 * MAX_LENGTH;

export const TASKS = ['reverse', 'sort', 'copy'] as const;
export type TaskName = (typeof TASKS)[number];

export interface TaskInfo {
  label: string;
  /** One line for the UI. */
  description: string;
}

export const TASK_INFO: Record<TaskName, TaskInfo> = {
  reverse: {
    label: 'Reverse',
    description: 'Write the digits in reverse order: 3 1 4 | 4 1 3.',
  },
  sort: {
    label: 'Sort',
    description: 'Write the digits in ascending order: 3 1 4 | 1 3 4.',
  },
  copy: {
    label: 'Copy (induction-style)',
    description:
      'Repeat the digits: 3 1 4 | 3 1 4. Each answer can be found by looking back at where the current digit appeared and copying what followed it (an induction head), or simply by copying the digit n places back.',
  },
};

/** "3" for a digit, "|" for the separator. */
export function formatToken(token: number): string {
  if (token === SEP) return '|';
  if (Number.isInteger(token) && token >= 0 && token < NUM_DIGITS) return String(token);
  return '?';
}

/** How many positions of an answer match the expected one (a wrong length counts as wrong). */
export function countCorrect(answer: readonly number[], expected: readonly number[]): number {
  return expected.filter((t, i) => answer[i] === t).length;
}

/** The answer y the task asks for, given the question x. */
export function answer(task: TaskName, x: readonly number[]): number[] {
  switch (task) {
    case 'reverse':
      return x.slice().reverse();
    case 'sort':
      return x.slice().sort((a, b) => a - b);
    case 'copy':
      return x.slice();
  }
}

export function isTaskName(value: unknown): value is TaskName {
  return typeof value === 'string' && (TASKS as readonly string[]).includes(value);
}

function checkLength(n: number): void {
  if (!Number.isInteger(n) || n < MIN_LENGTH || n > MAX_LENGTH) {
    throw new RangeError(`length must be an integer from ${MIN_LENGTH} to ${MAX_LENGTH}, got ${n}`);
  }
}

export interface Example {
  x: number[];
  /** The correct answer. */
  y: number[];
  /** The full sequence [x, SEP, y], length 2n + 1. */
  sequence: number[];
  /** Model input s[0 … T-1] and targets s[1 … T], with T = 2n. */
  inputs: number[];
  targets: number[];
  /** 1 where the target is an answer token (positions n … 2n-1), else 0. */
  mask: number[];
  T: number;
}

/** Throws a RangeError unless x is MIN_LENGTH … MAX_LENGTH digits 0 … 9. */
export function checkQuestion(x: readonly number[]): void {
  checkLength(x.length);
  for (const d of x) {
    if (!Number.isInteger(d) || d < 0 || d >= NUM_DIGITS) throw new RangeError(`not a digit 0-9: ${d}`);
  }
}

/** Builds the example for a given question x (for instance one the reader typed). Throws on bad x. */
export function makeExample(task: TaskName, x: readonly number[]): Example {
  if (!isTaskName(task)) throw new RangeError(`unknown task "${String(task)}"`);
  checkQuestion(x);
  const n = x.length;
  const y = answer(task, x);
  const sequence = [...x, SEP, ...y];
  const T = 2 * n;
  return {
    x: x.slice(),
    y,
    sequence,
    inputs: sequence.slice(0, T),
    targets: sequence.slice(1, T + 1),
    mask: sequence.slice(0, T).map((_, t) => (t >= n ? 1 : 0)),
    T,
  };
}

/** n uniform random digits (repeats allowed). */
export function randomDigits(n: number, rng: Rng): number[] {
  return Array.from({ length: n }, () => randInt(rng, NUM_DIGITS));
}

export interface Batch {
  /** Row-major [batchSize, T] token ids. */
  inputs: Int32Array;
  targets: Int32Array;
  /** Row-major [batchSize, T]: 1 on scored positions. */
  mask: Float32Array;
  batchSize: number;
  T: number;
}

/** batchSize fresh random examples. The rng is advanced, so successive calls give new batches. */
export function makeBatch(task: TaskName, n: number, batchSize: number, rng: Rng): Batch {
  checkLength(n);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const T = 2 * n;
  const inputs = new Int32Array(batchSize * T);
  const targets = new Int32Array(batchSize * T);
  const mask = new Float32Array(batchSize * T);
  for (let b = 0; b < batchSize; b++) {
    const ex = makeExample(task, randomDigits(n, rng));
    inputs.set(ex.inputs, b * T);
    targets.set(ex.targets, b * T);
    mask.set(ex.mask, b * T);
  }
  return { inputs, targets, mask, batchSize, T };
}

export type ParseResult = { ok: true; digits: number[] } | { ok: false; message: string };

/** Longer text is refused before it is looked at, so a pasted novel costs nothing. */
const MAX_TEXT_LENGTH = 200;

/**
 * Parses reader-typed digits: "3 1 4 1 5 9", "3,1,4,1,5,9" and "314159" all give [3, 1, 4, 1, 5, 9].
 * Spaces and commas are optional separators; every other character is refused by name. Each digit is
 * one token, so "12" is two digits, not twelve. Never throws.
 */
export function parseSequence(text: unknown, n: number): ParseResult {
  if (!Number.isInteger(n) || n < MIN_LENGTH || n > MAX_LENGTH) {
    return { ok: false, message: `The length must be a whole number from ${MIN_LENGTH} to ${MAX_LENGTH}.` };
  }
  if (typeof text !== 'string') return { ok: false, message: 'Type some digits.' };
  if (text.length > MAX_TEXT_LENGTH) {
    return { ok: false, message: `That is too long: type exactly ${n} digits.` };
  }
  const digits: number[] = [];
  // for…of walks code points, so an emoji is reported whole rather than as half a surrogate pair.
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') digits.push(ch.charCodeAt(0) - 48);
    else if (ch === ',' || /^\s$/.test(ch)) continue;
    else if (ch === '-') return { ok: false, message: 'Only the digits 0-9 are allowed; no minus signs.' };
    else {
      const shown = /^[\x21-\x7e]$/.test(ch)
        ? `"${ch}"`
        : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      return { ok: false, message: `Only the digits 0-9 are allowed (with spaces or commas); found ${shown}.` };
    }
  }
  if (digits.length === 0) return { ok: false, message: `Type ${n} digits, for example ${'31415926'.slice(0, n)}.` };
  if (digits.length !== n) {
    return { ok: false, message: `Type exactly ${n} digits; found ${digits.length}.` };
  }
  return { ok: true, digits };
}
