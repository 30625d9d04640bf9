/**
 * The widget runtime's two halves, driven without a browser: the worker server through a fake worker
 * scope (tfjs on the cpu backend), and the page controller through a fake port.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/lib/runtime/protocol';
import { serveModelWorker, type ServerContext } from '../../src/lib/runtime/worker-server';
import { WorkerController, type WorkerPort } from '../../src/lib/runtime/worker-controller';
import { tf } from '../../src/ml/tf';

/** A worker global that records what is posted and lets the test send commands. */
function fakeScope() {
  const posted: Record<string, unknown>[] = [];
  const scope = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    postMessage: (m: unknown) => posted.push(m as Record<string, unknown>),
  };
  const send = (data: unknown) => scope.onmessage!({ data } as MessageEvent);
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return { scope, posted, send, settle };
}

type Cmd =
  | { type: 'make'; run: number; fail?: boolean; slow?: boolean }
  | { type: 'work'; run: number }
  | { type: 'boom' };
type Ev = { type: 'made' | 'tick' | 'done'; run: number };

class Session {
  disposed = false;
  readonly tensor = tf.zeros([4]);
  dispose() {
    this.disposed = true;
    this.tensor.dispose();
  }
}

function serve() {
  const f = fakeScope();
  const sessions: Session[] = [];
  const aborts: number[] = [];
  serveModelWorker<Cmd, Ev, Session>(
    {
      async handle(cmd, ctx: ServerContext<Ev | RuntimeEvent, Session>) {
        if (cmd.type === 'boom') throw new Error('kaput');
        if (cmd.type === 'make') {
          const s = await ctx.replaceSession(async () => {
            if (cmd.slow) await new Promise((r) => setTimeout(r, 30));
            if (cmd.fail) throw new Error('no weights');
            const made = new Session();
            sessions.push(made);
            return made;
          });
          if (s) ctx.post({ type: 'made', run: cmd.run });
          return;
        }
        const run = ctx.begin(cmd.run);
        run.signal.addEventListener('abort', () => aborts.push(cmd.run));
        for (let i = 0; i < 5 && !run.signal.aborted; i++) {
          run.post({ type: 'tick' });
          await new Promise((r) => setTimeout(r, 5));
        }
        if (!run.signal.aborted) run.post({ type: 'done' });
      },
    },
    f.scope,
  );
  return { ...f, sessions, aborts };
}

describe('worker server', () => {
  it('loads tfjs on init, says which backend, and reports memory after every command', async () => {
    const w = serve();
    w.send({ type: 'init', backends: ['cpu'], baseUrl: '/site' });
    await w.settle();
    expect(w.posted[0]).toEqual({ type: 'backend', backend: 'cpu', fallbacks: [] });
    expect(w.posted.at(-1)).toMatchObject({ type: 'memory' });
    expect(typeof w.posted.at(-1)!.numTensors).toBe('number');
  });

  it('refuses commands before init, turns a throw into an error event tagged with its run', async () => {
    const w = serve();
    w.send({ type: 'make', run: 1 });
    await w.settle();
    expect(w.posted).toContainEqual({
      type: 'error',
      message: 'The worker got a command before it was started.',
      run: 1,
    });
    w.send({ type: 'init', backends: ['cpu'], baseUrl: '/' });
    w.send({ type: 'boom' });
    await w.settle();
    expect(w.posted).toContainEqual({ type: 'error', message: 'kaput' });
  });

  it('a new run aborts the current one; abort stops it; events carry their run', async () => {
    const w = serve();
    w.send({ type: 'init', backends: ['cpu'], baseUrl: '/' });
    await w.settle();
    w.send({ type: 'work', run: 1 });
    await new Promise((r) => setTimeout(r, 7));
    w.send({ type: 'work', run: 2 });
    await new Promise((r) => setTimeout(r, 100));
    expect(w.aborts).toEqual([1]);
    const events = w.posted.filter((e) => e.type === 'tick' || e.type === 'done');
    expect(events.filter((e) => e.run === 1).every((e) => e.type === 'tick')).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'done', run: 2 });
    w.send({ type: 'work', run: 3 });
    w.send({ type: 'abort' });
    await w.settle();
    // (Run 2 had finished; beginning run 3 aborts its spent signal, which changes nothing.)
    expect(w.aborts).toEqual([1, 2, 3]);
    expect(w.posted.some((e) => e.type === 'done' && e.run === 3)).toBe(false);
  });

  it('replaces the session: the old one is disposed, an overtaken one is dropped, tensors stay flat', async () => {
    const w = serve();
    w.send({ type: 'init', backends: ['cpu'], baseUrl: '/' });
    await w.settle();
    const before = tf.memory().numTensors;
    w.send({ type: 'make', run: 1 });
    await w.settle();
    w.send({ type: 'make', run: 2, slow: true });
    w.send({ type: 'make', run: 3 });
    await new Promise((r) => setTimeout(r, 60));
    // Made in the order 1, 3, 2 (2 was slow): 1 replaced, 2 overtaken by 3 and dropped, 3 current.
    expect(w.sessions.map((s) => s.disposed)).toEqual([true, false, true]);
    expect(w.posted.filter((e) => e.type === 'made').map((e) => e.run)).toEqual([1, 3]);
    expect(tf.memory().numTensors).toBe(before + 1);
    w.send({ type: 'make', run: 4, fail: true });
    await w.settle();
    expect(w.posted).toContainEqual({ type: 'error', message: 'no weights', run: 4 });
    expect(w.sessions.every((s) => s.disposed)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** A port that records commands and lets the test play the worker. */
function fakePort() {
  const sent: Record<string, unknown>[] = [];
  const port: WorkerPort & { terminated: boolean } = {
    terminated: false,
    postMessage: (m: unknown) => sent.push(m as Record<string, unknown>),
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    terminate() {
      this.terminated = true;
    },
  };
  const emit = (data: unknown) => port.onmessage!({ data } as MessageEvent);
  return { port, sent, emit };
}

type TestState = { shown: number[]; busy: boolean };
type TestCommand = { type: 'go'; run: number } | { type: 'job'; run: number } | { type: 'abort' };
class TestController extends WorkerController<TestCommand, { type: 'out'; run: number; n: number }, TestState> {
  constructor(port: WorkerPort) {
    super(() => port, { backends: ['wasm', 'cpu'], baseUrl: '/' }, { shown: [], busy: false });
  }
  go() {
    this.update({ busy: true });
    return this.startRun({ type: 'go' });
  }
  job() {
    return this.startRun({ type: 'job' }, 'jobs');
  }
  stop() {
    this.abort();
  }
  protected isLoading() {
    return false;
  }
  protected isRunning(s: TestState) {
    return s.busy;
  }
  protected receive(e: { type: 'out'; run: number; n: number }) {
    this.update({ shown: [...this.state.shown, e.n], busy: false });
  }
}

describe('worker controller', () => {
  it('starts the worker with the page backend order and derives the status', () => {
    const { port, sent, emit } = fakePort();
    const c = new TestController(port);
    expect(sent[0]).toEqual({ type: 'init', backends: ['wasm', 'cpu'], baseUrl: '/' });
    expect(c.status).toBe('loading');
    emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    expect(c.status).toBe('ready');
    c.go();
    expect(c.status).toBe('running');
    emit({ type: 'error', message: 'out of memory' });
    expect(c.status).toBe('error');
    expect(c.state.error).toBe('out of memory');
  });

  it('numbers runs and drops every event of an older run, in one place', () => {
    const { port, sent, emit } = fakePort();
    const c = new TestController(port);
    emit({ type: 'backend', backend: 'cpu', fallbacks: ['wasm: no SIMD'] });
    expect(c.go()).toBe(1);
    expect(c.go()).toBe(2);
    expect(sent.slice(1)).toEqual([
      { type: 'go', run: 1 },
      { type: 'go', run: 2 },
    ]);
    emit({ type: 'out', run: 1, n: 10 });
    emit({ type: 'error', message: 'stale failure', run: 1 });
    emit({ type: 'out', run: 2, n: 20 });
    expect(c.state.shown).toEqual([20]);
    expect(c.state.error).toBeNull();
    emit({ type: 'memory', numTensors: 42, numBytes: 1000 });
    expect(c.state.numTensors).toBe(42);
    expect(c.state.fallbacks).toEqual(['wasm: no SIMD']);
    c.stop();
    expect(sent.at(-1)).toEqual({ type: 'abort' });
  });

  it('a run in another lane replaces only that lane; a main run replaces every lane', () => {
    const { port, emit } = fakePort();
    const c = new TestController(port);
    const model = c.go();
    const jobA = c.job();
    const jobB = c.job();
    emit({ type: 'out', run: model, n: 1 }); // the model's own events (its training) still count
    emit({ type: 'out', run: jobA, n: 2 }); // a replaced job: dropped
    emit({ type: 'out', run: jobB, n: 3 });
    expect(c.state.shown).toEqual([1, 3]);
    const newModel = c.go();
    emit({ type: 'out', run: jobB, n: 4 });
    emit({ type: 'out', run: model, n: 5 });
    emit({ type: 'out', run: newModel, n: 6 });
    expect(c.state.shown).toEqual([1, 3, 6]);
  });

  it('tells subscribers of each change and stops after dispose', () => {
    const { port, emit } = fakePort();
    const c = new TestController(port);
    const seen: number[] = [];
    const off = c.subscribe((s) => seen.push(s.numTensors));
    emit({ type: 'memory', numTensors: 1, numBytes: 0 });
    off();
    emit({ type: 'memory', numTensors: 2, numBytes: 0 });
    expect(seen).toEqual([1]);
    c.dispose();
    expect(port.terminated).toBe(true);
    emit({ type: 'memory', numTensors: 3, numBytes: 0 });
    expect(c.state.numTensors).toBe(2);
  });
});
