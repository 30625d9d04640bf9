/**
 * The code cell's evaluator (src/widgets/code-cell/sandbox.ts) in Node, on the cpu backend: the
 * TypeScript transform, the refusals (network, import(), code from strings), errors with the reader's
 * line numbers, output capture and the return convention, and no tensor leaks over 50 runs. The time
 * limit is the page controller's job (code-cell-controller.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/ml/tf';
import type { Tf } from '../../src/lib/tf-runtime';
import { loadBindings } from '../../src/widgets/code-cell/bindings';
import { bindingNames, BINDING_DOCS, BINDING_SETS, type BindingSet } from '../../src/widgets/code-cell/binding-docs';
import type { OutputItem } from '../../src/widgets/code-cell/output';
import { CELL_MEMORY_BYTES, checkAllocation, withMemoryGuard } from '../../src/widgets/code-cell/memory-guard';
import { captureCompiler, lockDown, prepare, REFUSED_GLOBALS, runCell } from '../../src/widgets/code-cell/sandbox';

const compile = captureCompiler();
const readPublic = async (path: string) => new Uint8Array(await readFile(join(process.cwd(), 'public', path)));

async function run(code: string, sets: BindingSet[] = []) {
  const bindings = await loadBindings(tf as unknown as Tf, sets, readPublic);
  return runCell({ tf: tf as unknown as Tf, code, bindings, compile });
}

const texts = (outputs: OutputItem[]) => outputs.flatMap((o) => (o.kind === 'text' ? [o.text] : []));
const errorOf = (outputs: OutputItem[]) =>
  outputs.find((o) => o.kind === 'error') as Extract<OutputItem, { kind: 'error' }>;

describe('code cell: TypeScript is stripped of its types, lines kept', () => {
  const samples: [string, string][] = [
    ['annotations', 'const x: number = 2;\nconst f = (a: number, b?: string): number => a * 2;\nprint(f(x));'],
    [
      'interfaces and type aliases',
      'interface P { x: number }\ntype Q = P | null;\nconst p: P = { x: 3 };\nconst q: Q = p;\nprint(q!.x);',
    ],
    ['generics and as', 'function id<T>(v: T): T { return v; }\nprint(id<number>(4 as number));'],
    ['enums', 'enum Kind { A, B, C }\nprint(Kind.C);'],
    [
      'classes with modifiers',
      'class C { constructor(private readonly n: number) {}\n get double(): number { return this.n * 2; } }\nprint(new C(3).double);',
    ],
  ];
  for (const [name, code] of samples) {
    it(name, async () => {
      const r = await run(code);
      expect(r.ok, JSON.stringify(r.outputs)).toBe(true);
      expect(texts(r.outputs)).toHaveLength(1);
    });
  }

  it('keeps line numbers through the transform (an error after type-only lines points at its own line)', async () => {
    const r = await run(
      'interface A {\n  a: number;\n}\ntype B = A;\nconst b: B = { a: 1 };\nthrow new Error("line 6");',
    );
    expect(errorOf(r.outputs)).toMatchObject({ message: 'line 6', line: 6 });
  });
});

describe('code cell: errors come back with the reader’s line, never thrown', () => {
  it('a thrown error', async () => {
    const r = await run('const a = 1;\n\nnull.x;');
    expect(r.ok).toBe(false);
    expect(errorOf(r.outputs)).toMatchObject({ name: 'TypeError', line: 3 });
  });

  it('an error thrown inside a binding is placed at the reader’s call', async () => {
    const r = await run('const q = [[1, 0]];\nconst k = [[1, 0]];\nattention(q, k, [[1], [2]]);', ['attention']);
    expect(errorOf(r.outputs)).toMatchObject({ name: 'RangeError', line: 3 });
  });

  it('an error after an await', async () => {
    const r = await run('await null;\nawait new Promise((r) => setTimeout(r, 1));\nundefinedName + 1;');
    expect(errorOf(r.outputs)).toMatchObject({ name: 'ReferenceError', line: 3 });
  });

  it('a syntax error, with its line and column', async () => {
    const r = await run('const a = 1;\nconst b = a +;\nprint(b);');
    expect(errorOf(r.outputs)).toMatchObject({ name: 'SyntaxError', line: 2 });
  });

  it("an engine's early error (a name declared twice)", async () => {
    const r = await run('const a = 1;\nprint(a);\nconst a = 2;');
    expect(errorOf(r.outputs)).toMatchObject({ name: 'SyntaxError', line: 3 });
  });

  it('a thrown non-error value', async () => {
    const r = await run('throw 42;');
    expect(errorOf(r.outputs).message).toContain('42');
  });

  it('prepare never throws on hostile text', () => {
    for (const code of ['})', '*/', '`', '\u0000', '}); fetch("x"); ({', 'return; }, function () {']) {
      expect(() => prepare(code, [], compile)).not.toThrow();
    }
  });
});

describe('code cell: the sandbox refuses the network and code from strings', () => {
  for (const name of ['fetch', 'XMLHttpRequest', 'importScripts', 'WebSocket', 'EventSource', 'indexedDB', 'caches']) {
    it(`${name}`, async () => {
      const code =
        name === 'indexedDB' || name === 'caches'
          ? `${name}.open("x");`
          : name === 'XMLHttpRequest' || name === 'WebSocket' || name === 'EventSource'
            ? `new ${name}("http://127.0.0.1/");`
            : `${name}("http://127.0.0.1/");`;
      const r = await run(`const a = 1;\n${code}`);
      expect(r.ok).toBe(false);
      expect(errorOf(r.outputs)).toMatchObject({ name: 'SandboxError', line: 2 });
      expect(errorOf(r.outputs).message).toContain(`${name} is not available in a code cell`);
    });
  }

  it('dynamic import(), before anything runs', async () => {
    const r = await run('print("never");\nconst m = await import("http://127.0.0.1/x.js");');
    expect(texts(r.outputs)).toEqual([]);
    expect(errorOf(r.outputs)).toMatchObject({ name: 'SandboxError', line: 2 });
    // A property or a string named import is fine.
    expect((await run('const o = { import: 1 };\nprint(o.import, "import(x)");')).ok).toBe(true);
  });

  it('DOM access says there is no DOM', async () => {
    const r = await run('document.body.innerHTML = "x";');
    expect(errorOf(r.outputs).message).toContain('no DOM');
  });

  it('lockDown takes the names off a global and its prototypes, and closes every Function door', () => {
    const proto = { fetch: () => 'real', postMessage: () => 'real' };
    const scope = Object.create(proto) as Record<string, unknown>;
    scope.importScripts = () => 'real';
    scope.setTimeout = (f: () => void) => f();
    scope.eval = () => 'real';
    // The Function doors of another realm (a vm context), so this test process keeps its own.
    const realm = createContext({});
    const prototypes = runInContext(
      '[function () {}, async function () {}, function* () {}, async function* () {}].map(Object.getPrototypeOf)',
      realm,
    ) as object[];
    const removed = lockDown(scope, prototypes);
    expect(removed).toEqual(expect.arrayContaining(['fetch', 'postMessage', 'importScripts', 'eval']));
    expect(() => (scope.fetch as () => void)()).toThrow(/not available in a code cell/);
    expect(() => (proto.fetch as () => void)()).toThrow(/not available/);
    expect(() => (scope.setTimeout as (s: string) => void)('fetch("x")')).toThrow(/string of code/);
    for (const source of ['(function () {})', '(async function () {})', '(function* () {})']) {
      expect(() => runInContext(`${source}.constructor('return 1')`, realm)).toThrow(/Creating functions from strings/);
    }
  });

  it('every refused name is a parameter the program cannot see past', () => {
    const p = prepare('return typeof fetch;', [], compile);
    expect(p.ok).toBe(true);
    expect(REFUSED_GLOBALS).toContain('importScripts');
  });
});

describe('code cell: output and the return convention', () => {
  it('prints values, tensors as tables with headers, and returns charts', async () => {
    const r = await run(
      'print("hello", 1 / 3, [1, 2], { a: 1 });\nconst t = tf.tensor2d([[1, 2], [3, 4]]);\nprint(t);\nprint(t.sum());\nreturn { plot: { type: "line", data: [1, 4, 9], title: "squares" } };',
    );
    expect(r.ok).toBe(true);
    expect(texts(r.outputs)[0]).toBe('hello 0.333333 [1, 2] { a: 1 }');
    const table = r.outputs.find((o) => o.kind === 'table')!;
    expect(table).toMatchObject({ caption: 'Tensor float32 [2, 2]', columns: ['0', '1'] });
    expect(texts(r.outputs)[1]).toBe('Tensor float32 scalar: 10');
    expect(r.outputs.find((o) => o.kind === 'plot')).toMatchObject({
      type: 'line',
      title: 'squares',
      points: [
        { x: 0, y: 1, series: '' },
        { x: 1, y: 4, series: '' },
        { x: 2, y: 9, series: '' },
      ],
    });
  });

  it('a bad plot spec is an error the reader can act on', async () => {
    const r = await run('return { plot: { type: "pie", data: [1] } };');
    expect(errorOf(r.outputs).message).toContain("type must be one of 'line', 'dot', 'cell'");
  });

  it('a flood of prints is cut', async () => {
    const r = await run('for (let i = 0; i < 10000; i++) print(i);');
    expect(r.truncated).toBe(true);
    expect(r.outputs.length).toBeLessThanOrEqual(201);
  });

  it('the bindings and their docs agree', async () => {
    const all = await loadBindings(tf as unknown as Tf, [...BINDING_SETS], readPublic);
    expect(Object.keys(all).sort()).toEqual(
      bindingNames([...BINDING_SETS])
        .filter((n) => n !== 'print')
        .sort(),
    );
    expect(Object.keys(BINDING_DOCS)).toEqual([...BINDING_SETS]);
  });
});

describe('code cell: memory', () => {
  it('disposes what a run made and leaks no tensors over 50 runs', async () => {
    const code =
      'const a = tf.randomNormal([16, 16]);\nconst v = tf.variable(tf.zeros([4]));\nconst b = tf.tidy(() => a.matMul(a).relu());\nprint(b.mean());\nif (Math.random() < 0.3) throw new Error("sometimes");\nreturn { plot: { type: "cell", data: b.slice([0, 0], [4, 4]) } };';
    await run(code);
    const start = tf.memory().numTensors;
    let last = null;
    for (let i = 0; i < 50; i++) last = await run(code);
    expect(tf.memory().numTensors).toBe(start);
    expect(Object.keys(tf.engine().registeredVariables)).toEqual([]);
    expect(last!.memory.leaked).toBe(0);
    expect(last!.memory.heldTensors).toBeGreaterThan(start);
  });

  it('a huge tensor fails before it is allocated, with its size and the limit, and tfjs keeps working', async () => {
    const r = await run('const a = 1;\nconst t = tf.zeros([60000, 60000]);\nprint(t.shape);');
    expect(r.ok).toBe(false);
    expect(errorOf(r.outputs)).toMatchObject({ name: 'RangeError', line: 2 });
    expect(errorOf(r.outputs).message).toBe(
      'tf.zeros([60,000, 60,000]) (float32) would need 14.4 GB; a cell may hold at most 1 GB of tensors at once. Try a smaller shape, or dispose tensors you no longer need.',
    );
    // Nothing was allocated: the Worker need not be replaced.
    expect(r.restart).toBe(false);
    for (const call of ['tf.ones([100000, 100000])', 'tf.randomNormal([50000, 50000])', 'tf.fill([1e5, 1e5], 2)']) {
      expect(errorOf((await run(call)).outputs).message).toMatch(/would need (40|10) GB; a cell may hold at most 1 GB/);
    }
    // An op's output on cpu: its kernel makes the values array before the backend records it, and
    // beyond 2³² elements that fails in JavaScript; the message says why (wasm and webgl: next test).
    const product = await run(
      'const a = tf.ones([70000, 1]);\nconst b = tf.ones([1, 70000]);\nprint(a.matMul(b).shape);',
    );
    expect(errorOf(product.outputs)).toMatchObject({ name: 'RangeError', line: 3 });
    expect(errorOf(product.outputs).message).toContain(
      'more memory than a cell can have (a cell may hold at most 1 GB',
    );
    const js = await run('const big = new Float64Array(2 ** 40);');
    expect(errorOf(js.outputs)).toMatchObject({ name: 'RangeError', line: 1 });
    expect(errorOf(js.outputs).message).toContain('more memory than a cell can have (a cell may hold at most 1 GB');
    expect((await run('print(tf.scalar(2).square());')).ok).toBe(true);
  });

  it('the limit counts what the run holds already; tensors within it are made as usual', async () => {
    expect(() => checkAllocation('x', 100e6, 'float32', 700e6)).toThrow(
      'x would need 400 MB; a cell may hold at most 1 GB of tensors at once (the run holds 700 MB already).',
    );
    expect(() => checkAllocation('x', 100e6, 'bool', 700e6)).not.toThrow();
    expect(() => checkAllocation('x', Infinity, 'float32', 0)).toThrow(/unbounded memory/);
    expect(CELL_MEMORY_BYTES).toBe(1e9);
    const r = await run(
      'const a = tf.zeros([1000, 1000]);\nconst b = tf.ones([300, 1000]).matMul(a);\nprint(tf.eye(3).sum(), tf.range(0, 5).shape, b.shape);',
    );
    expect(r.ok, JSON.stringify(r.outputs)).toBe(true);
    expect(texts(r.outputs)).toEqual(['Tensor float32 scalar: 3 [5] [300, 1000]']);
  });

  it('an op’s output is checked where the backend records it, before wasm or GPU memory is taken; only during a run', async () => {
    const calls: number[][] = [];
    const backend = { write: (_v: unknown, shape: number[], _dtype: string) => calls.push(shape) };
    const fake = { engine: () => ({ backend, state: { numBytes: 5e8 } }) } as unknown as Tf;
    backend.write(null, [60000, 60000], 'float32');
    await expect(
      withMemoryGuard(fake, async () => {
        backend.write(null, [1000, 1000], 'float32');
        backend.write(null, [60000, 60000], 'float32');
      }),
    ).rejects.toThrow(
      'a tensor of shape [60,000, 60,000] (float32) would need 14.4 GB; a cell may hold at most 1 GB of tensors at once (the run holds 500 MB already).',
    );
    backend.write(null, [60000, 60000], 'float32');
    expect(calls).toEqual([
      [60000, 60000],
      [1000, 1000],
      [60000, 60000],
    ]);
  });
});
