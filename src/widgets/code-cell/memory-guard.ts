/**
 * The cell's memory limit: a run may hold at most CELL_MEMORY_BYTES of tensors at once. A request
 * beyond it fails before anything is allocated, with the size it would have needed, instead of the
 * backend's own failure (on wasm, `tf.zeros([60000, 60000])` ends in "RangeError: offset is out of
 * bounds" after a malloc of 14.4 GB fails inside the 4 GB wasm heap; on cpu, in a 14.4 GB typed array).
 *
 * Two checks, one rule:
 *   - the creators that take a shape (tf.zeros, tf.ones, tf.fill, tf.buffer, the random ones, tf.eye,
 *     tf.range, tf.linspace, tf.oneHot) are checked from their arguments, before their values array
 *     is made in JavaScript (`guardedTf`, the `tf` a cell sees);
 *   - every other tensor (an op's output: a matMul of [60000, 1] by [1, 60000]) is checked where every
 *     backend (cpu, wasm, webgl) records new data, `backend.write(values, shape, dtype)`, before the
 *     wasm or GPU memory is taken (`guardBackend`; active during a run only, so the bindings' own
 *     loading is not limited).
 * What neither sees (a JavaScript array of the reader's: `new Float64Array(2 ** 40)`) fails with the
 * engine's RangeError, which `explainAllocationFailure` completes with the limit.
 */
import type { Tf } from '../../lib/tf-runtime';
import { formatBytes } from './output';

/** Bytes of tensors a run may hold at once (decimal: 1,000 MB). Under the wasm heap's 4 GB. */
export const CELL_MEMORY_BYTES = 1_000_000_000;

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

const LIMIT_TEXT = `a cell may hold at most ${formatBytes(CELL_MEMORY_BYTES)} of tensors at once`;

function describeShape(shape: readonly number[]): string {
  return `[${shape.map((d) => d.toLocaleString('en-US')).join(', ')}]`;
}

/**
 * Throws a RangeError when `elements` more of this dtype would take the run over the limit. `held`
 * is what tfjs holds now (tf.memory().numBytes).
 */
export function checkAllocation(what: string, elements: number, dtype: string, held: number): void {
  const bytes = elements * (BYTES_PER_ELEMENT[dtype] ?? 4);
  if (!(bytes + held > CELL_MEMORY_BYTES) && Number.isFinite(bytes)) return;
  const holding = held > 0 ? ` (the run holds ${formatBytes(held)} already)` : '';
  throw new RangeError(
    `${what} would need ${Number.isFinite(bytes) ? formatBytes(bytes) : 'unbounded memory'}; ${LIMIT_TEXT}${holding}. Try a smaller shape, or dispose tensors you no longer need.`,
  );
}

function elementsOf(shape: unknown): number | null {
  if (typeof shape === 'number') return shape;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number')) return null;
  return (shape as number[]).reduce((a, b) => a * Math.max(b, 0), 1);
}

type Creator = (args: unknown[]) => { shape: unknown; dtype: unknown } | null;

const shapeFirst: Creator = (a) => ({ shape: a[0], dtype: 'float32' });

/** The creators checked from their arguments: where their shape and dtype are. */
const CREATORS: Record<string, Creator> = {
  zeros: (a) => ({ shape: a[0], dtype: a[1] }),
  ones: (a) => ({ shape: a[0], dtype: a[1] }),
  fill: (a) => ({ shape: a[0], dtype: a[2] }),
  buffer: (a) => ({ shape: a[0], dtype: a[1] }),
  randomNormal: (a) => ({ shape: a[0], dtype: a[3] }),
  randomStandardNormal: (a) => ({ shape: a[0], dtype: a[1] }),
  randomUniform: (a) => ({ shape: a[0], dtype: a[3] }),
  randomUniformInt: (a) => ({ shape: a[0], dtype: 'int32' }),
  truncatedNormal: (a) => ({ shape: a[0], dtype: a[3] }),
  randomGamma: shapeFirst,
  multinomial: (a) => {
    const logits = a[0] as { shape?: number[] } | undefined;
    const rows = logits?.shape && logits.shape.length === 2 ? logits.shape[0] : 1;
    return typeof a[1] === 'number' ? { shape: [rows, a[1]], dtype: 'int32' } : null;
  },
  eye: (a) => {
    const rows = a[0] as number;
    const cols = (a[1] as number | undefined) ?? rows;
    const batch = (elementsOf(a[2]) ?? 1) || 1;
    return typeof rows === 'number' ? { shape: [batch, rows, cols], dtype: a[3] } : null;
  },
  linspace: (a) => ({ shape: a[2], dtype: 'float32' }),
  range: (a) => {
    const [start, stop, step = 1] = a as number[];
    if (![start, stop, step].every((v) => typeof v === 'number') || step === 0) return null;
    return { shape: Math.max(0, Math.ceil((stop - start) / step)), dtype: a[3] };
  },
  oneHot: (a) => {
    const indices = a[0] as { size?: number; length?: number } | undefined;
    const n = indices?.size ?? indices?.length;
    return typeof n === 'number' && typeof a[1] === 'number' ? { shape: [n, a[1]], dtype: 'int32' } : null;
  },
};

/** The `tf` a cell sees: tfjs itself, its shape-taking creators checked first. */
export function guardedTf(tf: Tf): Tf {
  const wrapped = new Map<string, unknown>();
  for (const [name, where] of Object.entries(CREATORS)) {
    const original = (tf as unknown as Record<string, unknown>)[name];
    if (typeof original !== 'function') continue;
    const fn = original as (...args: unknown[]) => unknown;
    wrapped.set(name, (...args: unknown[]) => {
      const request = where(args);
      const elements = request ? elementsOf(request.shape) : null;
      if (request && elements !== null) {
        const shape = Array.isArray(request.shape) ? request.shape : [request.shape as number];
        const dtype = typeof request.dtype === 'string' ? request.dtype : 'float32';
        checkAllocation(`tf.${name}(${describeShape(shape as number[])}) (${dtype})`, elements, dtype, heldBytes(tf));
      }
      return fn(...args);
    });
  }
  // A frozen copy, not a Proxy: a bundler's namespace object is frozen, and a Proxy of it may not
  // answer other values than its own.
  return Object.freeze({ ...tf, ...Object.fromEntries(wrapped) }) as Tf;
}

/** Bytes tfjs holds now (the engine's count; tf.memory() builds more than this needs). */
function heldBytes(tf: Tf): number {
  const state = (tf.engine() as unknown as { state?: { numBytes?: number } }).state;
  return typeof state?.numBytes === 'number' ? state.numBytes : tf.memory().numBytes;
}

interface WritableBackend {
  write(values: unknown, shape: number[], dtype: string): unknown;
}

const guarded = new WeakMap<object, { active: number }>();

/**
 * Checks every new tensor of the current backend against the limit while `run` runs. The backend's
 * `write` is wrapped once (per backend instance) and checks only while a run is active.
 */
export async function withMemoryGuard<T>(tf: Tf, run: () => Promise<T>): Promise<T> {
  const backend = tf.engine().backend as unknown as WritableBackend & object;
  let state = guarded.get(backend);
  if (!state) {
    const s = { active: 0 };
    state = s;
    guarded.set(backend, s);
    const write = backend.write.bind(backend);
    backend.write = (values, shape, dtype) => {
      if (s.active > 0) {
        const elements = shape.reduce((a, b) => a * b, 1);
        checkAllocation(`a tensor of shape ${describeShape(shape)} (${dtype})`, elements, dtype, heldBytes(tf));
      }
      return write(values, shape, dtype);
    };
  }
  state.active++;
  try {
    return await run();
  } finally {
    state.active--;
  }
}

const JS_ALLOCATION_FAILURE =
  /invalid typed array length|array buffer allocation failed|invalid array length|offset is out of bounds|allocation failed|out of memory/i;

/** The engine's own allocation failures, completed with the cell's limit. Other errors unchanged. */
export function explainAllocationFailure(err: unknown): unknown {
  if (!(err instanceof Error) || !JS_ALLOCATION_FAILURE.test(err.message) || err.message.includes(LIMIT_TEXT)) {
    return err;
  }
  try {
    err.message = `${err.message}: more memory than a cell can have (${LIMIT_TEXT})`;
  } catch {
    // A frozen error keeps its own message.
  }
  return err;
}
