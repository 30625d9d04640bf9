/**
 * The cell's evaluator: what turns the reader's text into a run and a run into output. It runs in the
 * sandbox Worker (worker.ts) and, with the same code, in Node (the unit tests, the claims tests and
 * scripts/code-cells-static.ts, which records each cell's output for its static figure).
 *
 *   1. prepare: wrap the program as the body of an async function whose parameters are the bindings
 *      (so `await` and `return` work at its top level), refuse `import(…)`, strip TypeScript types with
 *      sucrase (types only: line numbers are kept), and compile it (a syntax error gets its line).
 *   2. run: call it with the bindings, capture print/console output, read what it returns (charts),
 *      dispose every tensor and variable the run made (tf.engine().startScope/endScope), and report
 *      tf.memory(). Thrown errors come back with their line in the reader's code, never thrown on.
 *
 * The network and code-from-strings are taken away twice: `lockDown` (called by the Worker on its real
 * global before any reader code runs) deletes them, and every program also gets parameters of the same
 * names that refuse with a message (which is also how Node tests, with their global left alone, see
 * the refusals). The time limit is not here: a `while (true) {}` can only be stopped by terminating the
 * Worker, which the page's controller does (controller.ts).
 */
import { transform } from 'sucrase';
import { parse } from 'sucrase/dist/esm/parser/index.js';
import { OUTPUT_LIMITS, printItems, type FormatContext, type OutputItem, type RunResult } from './output';
import { explainAllocationFailure, guardedTf, withMemoryGuard } from './memory-guard';
import { hasPlot, normalizePlots } from './plot-spec';
import type { Tf } from '../../lib/tf-runtime';

/** The file name reader code runs under, so stack frames can be told apart from the sandbox's own. */
const CELL_FILE = 'cell-code.js';

/** Globals that reach the network, other contexts or persistent storage: refused in a cell. */
export const REFUSED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'importScripts',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'postMessage',
  'close',
  'requestFileSystem',
  'webkitRequestFileSystem',
] as const;

/** Globals that turn strings into code (and so could write an `import(…)` the check below never saw). */
const CODE_FROM_STRINGS = ['eval', 'Function'] as const;

/** The DOM is not there in a Worker; the names get a message saying why, rather than "is not defined". */
const NO_DOM = ['document', 'window', 'localStorage', 'sessionStorage', 'alert'] as const;

export const NETWORK_MESSAGE =
  'is not available in a code cell: cells run offline in a sandbox, with only the bindings listed above the editor.';

export class SandboxError extends Error {
  override name = 'SandboxError';
}

function refusal(name: string): (...args: unknown[]) => never {
  const refuse = function () {
    throw new SandboxError(`${name} ${NETWORK_MESSAGE}`);
  };
  return refuse;
}

/**
 * A stand-in for a refused name: calling it, constructing it or reading any property from it throws
 * the refusal, so `fetch(url)`, `new WebSocket(url)` and `indexedDB.open(name)` all end the same way.
 */
function refusedValue(name: string, message = `${name} ${NETWORK_MESSAGE}`): unknown {
  const thrower = () => {
    throw new SandboxError(message);
  };
  return new Proxy(function () {}, {
    apply: thrower,
    construct: thrower,
    get: (_t, key) => (key === Symbol.toPrimitive || key === 'toString' ? () => `[refused ${name}]` : thrower()),
  });
}

/**
 * Takes the network and code-from-strings away from a real global scope (the Worker's `self`), on the
 * object and along its prototype chain (in a Worker, fetch and postMessage live on the prototypes).
 * Irreversible. What the sandbox itself still needs (posting results, compiling the reader's program)
 * must be captured before: see `captureCompiler` and worker.ts.
 */
export function lockDown(scope: object, functionPrototypes: object[] = realmFunctionPrototypes()): string[] {
  const removed: string[] = [];
  const chain: object[] = [];
  for (let o: object | null = scope; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) chain.push(o);
  for (const name of [...REFUSED_GLOBALS, ...CODE_FROM_STRINGS]) {
    const stub = refusal(name);
    for (const o of chain) {
      if (!Object.prototype.hasOwnProperty.call(o, name)) continue;
      try {
        Object.defineProperty(o, name, { value: stub, writable: false, configurable: false });
        if (!removed.includes(name)) removed.push(name);
      } catch {
        // A non-configurable property (none in a Worker's global): the parameter stubs still shadow it.
      }
    }
  }
  // Every function's constructor is a door to Function: close it on all four function kinds.
  for (const proto of functionPrototypes) {
    const stub = refusal('Creating functions from strings');
    stub.prototype = proto;
    Object.defineProperty(proto, 'constructor', { value: stub, writable: false, configurable: false });
  }
  // Timers accept strings of code too.
  const s = scope as Record<string, unknown>;
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = s[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof original !== 'function') continue;
    const safe = (handler: unknown, ...rest: unknown[]) => {
      if (typeof handler !== 'function')
        throw new SandboxError(`${name} with a string of code is not allowed in a cell.`);
      return original(handler, ...rest);
    };
    Object.defineProperty(scope, name, { value: safe, writable: false, configurable: false });
  }
  return removed;
}

/** The prototypes of plain, async, generator and async generator functions of this realm. */
function realmFunctionPrototypes(): object[] {
  return [function () {}, async function () {}, function* () {}, async function* () {}].map(
    (f) => Object.getPrototypeOf(f) as object,
  );
}

/** What compiles a prepared program: the real Function constructor, captured before lockDown. */
export type Compiler = (js: string) => (...args: unknown[]) => Promise<unknown>;

/** Captures the Function constructor now (call before lockDown). */
export function captureCompiler(): Compiler {
  const Fn = Function;
  return (js: string) =>
    new Fn(`return ${js}\n//# sourceURL=${CELL_FILE}`)() as (...args: unknown[]) => Promise<unknown>;
}

export interface CellError {
  name: string;
  message: string;
  /** 1-based line and column in the reader's code, when known. */
  line: number | null;
  column: number | null;
}

export type Prepared = { ok: true; run: (...args: unknown[]) => Promise<unknown> } | { ok: false; error: CellError };

/** Lines the wrapper puts before the reader's first line. */
const WRAP_LINES = 1;

function wrap(code: string, params: readonly string[]): string {
  return `(async function (${params.join(', ')}) {\n${code}\n})`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Names the program's parameters take: the bindings, then the refused names. */
export function parameterNames(bindings: readonly string[]): string[] {
  return [...bindings, ...REFUSED_GLOBALS, ...NO_DOM, 'self', 'globalThis'];
}

/**
 * Line offset between the compiled function's source and the reader's code, measured once on this
 * engine (V8 adds the `function anonymous(…) {` header lines; other engines may differ).
 */
let measuredOffset: number | null = null;
function compiledOffset(compile: Compiler): number {
  if (measuredOffset === null) {
    try {
      void compile('(function () {\nthrow new Error("probe");\n})')();
      measuredOffset = 0;
    } catch (err) {
      const line = stackLine(err);
      measuredOffset = line ? line.line - 2 : 0;
    }
  }
  return measuredOffset;
}

function stackLine(err: unknown): { line: number; column: number } | null {
  const stack = err instanceof Error ? String(err.stack ?? '') : '';
  const m = stack.match(new RegExp(`${CELL_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`));
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** Wraps, checks, strips types and compiles. Never throws. */
export function prepare(code: string, bindings: readonly string[], compile: Compiler): Prepared {
  const wrapped = wrap(code, parameterNames(bindings));
  const lines = code.split('\n').length;
  const at = (line: number, column: number | null) => {
    const l = line - WRAP_LINES;
    return l >= 1 && l <= lines ? { line: l, column } : { line: Math.min(Math.max(l, 1), lines), column: null };
  };
  let tokens: { start: number; end: number }[];
  try {
    tokens = parse(wrapped, false, true, false).tokens;
  } catch (err) {
    return { ok: false, error: syntaxError(err, at) };
  }
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (wrapped.slice(t.start, t.end) !== 'import') continue;
    const prev = i > 0 ? wrapped.slice(tokens[i - 1].start, tokens[i - 1].end) : '';
    const next = wrapped.slice(tokens[i + 1].start, tokens[i + 1].end);
    if (prev === '.' || prev === '?.' || (next !== '(' && next !== '.')) continue;
    const { line, column } = lineColumn(wrapped, t.start);
    return {
      ok: false,
      error: {
        name: 'SandboxError',
        message: `import(…) ${NETWORK_MESSAGE}`,
        ...at(line, column),
      },
    };
  }
  let js: string;
  try {
    js = transform(wrapped, { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (err) {
    return { ok: false, error: syntaxError(err, at) };
  }
  try {
    return { ok: true, run: compile(js) };
  } catch (err) {
    // The engine's own early errors (a name declared twice, say) come without a position.
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, error: { name: e.name, message: e.message, ...guessEarlyErrorLine(e.message, code) } };
  }
}

function syntaxError(
  err: unknown,
  at: (line: number, column: number | null) => { line: number; column: number | null },
): CellError {
  const e = err as { message?: string; loc?: { line: number; column: number } };
  const message = String(e.message ?? err).replace(/\s*\(\d+:\d+\)$/, '');
  const pos = e.loc ? at(e.loc.line, e.loc.column + 1) : { line: null, column: null };
  return { name: 'SyntaxError', message, ...pos };
}

/** "Identifier 'a' has already been declared": the engine gives no line, the second declaration is it. */
function guessEarlyErrorLine(message: string, code: string): { line: number | null; column: number | null } {
  const name = message.match(/Identifier '([^']+)' has already been declared/)?.[1];
  if (!name) return { line: null, column: null };
  const re = new RegExp(`\\b(?:const|let|var|class|function)\\s+${name.replace(/[$]/g, '\\$')}\\b`);
  const hits = code.split('\n').flatMap((l, i) => (re.test(l) ? [i + 1] : []));
  return { line: hits[1] ?? hits[0] ?? null, column: null };
}

/** Where a thrown error happened in the reader's code: its first stack frame in the cell's file. */
export function errorOf(err: unknown, code: string, compile: Compiler): CellError {
  const e = err instanceof Error ? err : null;
  const name = e?.name ?? 'Error';
  const message = e ? e.message : `a value was thrown: ${String(err)}`;
  const pos = stackLine(err);
  if (!pos) return { name, message, line: null, column: null };
  const line = pos.line - compiledOffset(compile) - WRAP_LINES;
  const lines = code.split('\n').length;
  return line >= 1 && line <= lines
    ? { name, message, line, column: pos.column }
    : { name, message, line: null, column: null };
}

export interface RunOptions {
  tf: Tf;
  code: string;
  /** Names and values the program sees (tf, the lesson's modules, data). print and console are added. */
  bindings: Record<string, unknown>;
  compile: Compiler;
  now?: () => number;
}

/** Bytes held at a run's end above which the Worker asks to be replaced (wasm memory never shrinks). */
export const RESTART_BYTES = 512 * 1024 * 1024;

const RESOURCE_FAILURE =
  /allocation failed|out of memory|invalid typed array length|array buffer allocation|memory access out of bounds|aborted\(|abort\(/i;

const guardedTfs = new WeakMap<Tf, Tf>();
/** The `tf` a cell sees: the same tfjs, its shape-taking creators checked against the memory limit. */
function guardedTfOf(tf: Tf): Tf {
  let g = guardedTfs.get(tf);
  if (!g) guardedTfs.set(tf, (g = guardedTf(tf)));
  return g;
}

/** Runs one program: the whole of a cell's Run. Never throws. */
export async function runCell({
  tf,
  code,
  bindings,
  compile,
  now = () => performance.now(),
}: RunOptions): Promise<RunResult> {
  const outputs: OutputItem[] = [];
  let chars = 0;
  let truncated = false;
  const ctx: FormatContext = { isTensor: (v): v is never => v instanceof tf.Tensor };
  const add = (items: OutputItem[]) => {
    for (const item of items) {
      if (truncated) return;
      const size = item.kind === 'text' ? item.text.length : 200;
      if (outputs.length >= OUTPUT_LIMITS.items || chars + size > OUTPUT_LIMITS.textChars) {
        truncated = true;
        outputs.push({
          kind: 'text',
          text: `… output stopped here: a run shows at most ${OUTPUT_LIMITS.items} items.`,
          stream: 'warn',
        });
        return;
      }
      chars += size;
      outputs.push(item);
    }
  };
  const print = (...args: unknown[]) => add(printItems(args, ctx));
  const console = {
    log: print,
    info: print,
    debug: print,
    warn: (...args: unknown[]) => add(printItems(args, ctx, 'warn')),
    error: (...args: unknown[]) => add(printItems(args, ctx, 'error')),
    table: print,
  };
  const all: Record<string, unknown> = { ...bindings, print, console };
  if (all.tf === tf) all.tf = guardedTfOf(tf);
  const names = Object.keys(all);
  const refused = [
    ...REFUSED_GLOBALS.map((n) => refusedValue(n)),
    ...NO_DOM.map((n) =>
      refusedValue(
        n,
        `${n} is not available in a code cell: it runs in a Worker, away from the page (there is no DOM).`,
      ),
    ),
  ];
  const args = [
    ...names.map((n) => all[n]),
    ...refused,
    refusedValue('self', 'self is not available in a code cell: use the bindings listed above the editor.'),
    refusedValue('globalThis', 'globalThis is not available in a code cell: use the bindings listed above the editor.'),
  ];

  const variablesBefore = new Set(Object.keys(tf.engine().registeredVariables));
  const before = tf.memory();
  const started = now();
  let ok = true;
  let failure = '';
  let heldTensors = before.numTensors;
  let heldBytes = before.numBytes;
  const prepared = prepare(code, names, compile);
  if (!prepared.ok) {
    add([{ kind: 'error', ...prepared.error }]);
    ok = false;
  } else {
    tf.engine().startScope();
    try {
      const run = prepared.run;
      // An error thrown deep inside tfjs (a kernel's allocation) has its frame in the reader's code
      // beyond V8's default 10 frames: keep more, so the error still gets its line.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Math.max(limit, 100);
      let returned: unknown;
      try {
        returned = await withMemoryGuard(tf, () => run(...args));
      } finally {
        Error.stackTraceLimit = limit;
      }
      // Read what the run returned while its tensors are alive (charts from tensors).
      if (hasPlot(returned)) add(normalizePlots(toPlain(returned.plot, ctx)));
      else if (returned !== undefined)
        add([{ kind: 'returned', text: printItems([returned], ctx).map(itemText).join('\n') }]);
    } catch (err) {
      ok = false;
      failure = err instanceof Error ? err.message : String(err);
      add([{ kind: 'error', ...errorOf(explainAllocationFailure(err), code, compile) }]);
    } finally {
      const held = tf.memory();
      heldTensors = held.numTensors;
      heldBytes = held.numBytes;
      try {
        tf.engine().endScope();
      } catch {
        // The reader's code unbalanced the engine's scopes (endScope of its own): reset below still runs.
      }
      for (const name of Object.keys(tf.engine().registeredVariables)) {
        if (!variablesBefore.has(name)) tf.engine().registeredVariables[name].dispose();
      }
    }
  }
  const durationMs = now() - started;
  const after = tf.memory();
  let healthy = true;
  if (!ok) {
    try {
      tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)).dataSync());
    } catch {
      healthy = false;
    }
  }
  return {
    ok,
    outputs,
    durationMs,
    truncated,
    memory: {
      heldTensors,
      heldBytes,
      disposedTensors: Math.max(0, heldTensors - after.numTensors),
      afterTensors: after.numTensors,
      afterBytes: after.numBytes,
      leaked: Math.max(0, after.numTensors - before.numTensors),
    },
    restart: !healthy || heldBytes > RESTART_BYTES || RESOURCE_FAILURE.test(failure),
  };
}

function itemText(item: OutputItem): string {
  if (item.kind === 'text') return item.text;
  if (item.kind === 'table') return item.caption;
  return '';
}

/** Tensors and typed arrays inside a returned value as plain arrays (bounded), for the chart specs. */
function toPlain(value: unknown, ctx: FormatContext, depth = 0): unknown {
  if (depth > 6) return value;
  if (ctx.isTensor(value)) return (value as unknown as { arraySync(): unknown }).arraySync();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.length > 100_000 ? value : value.map((v) => toPlain(v, ctx, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v, ctx, depth + 1)]));
  }
  return value;
}
