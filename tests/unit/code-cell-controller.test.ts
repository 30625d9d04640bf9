/**
 * The code cell's page-side controller through fake Worker ports and a fake clock: the time limit and
 * Stop terminate the Worker (the only way to end a `while (true) {}`) and start a fresh sandbox; stale
 * results of a terminated Worker are never shown. No browser, no timers.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerPort } from '../../src/lib/runtime/worker-controller';
import { CellController, type Clock } from '../../src/widgets/code-cell/controller';
import type { RunResult } from '../../src/widgets/code-cell/output';

function fakeWorkers() {
  const ports: { port: WorkerPort; sent: Record<string, unknown>[]; terminated: boolean }[] = [];
  const make = () => {
    const entry = {
      sent: [] as Record<string, unknown>[],
      terminated: false,
      port: {
        postMessage: (m: unknown) => entry.sent.push(m as Record<string, unknown>),
        onmessage: null,
        onerror: null,
        onmessageerror: null,
        terminate: () => {
          entry.terminated = true;
        },
      } as WorkerPort,
    };
    ports.push(entry);
    return entry.port;
  };
  const emit = (i: number, data: unknown) => ports[i].port.onmessage!({ data } as MessageEvent);
  /** Brings sandbox i to ready: backend up, bindings configured. */
  const ready = (i: number) => {
    emit(i, { type: 'backend', backend: 'wasm', fallbacks: [] });
    emit(i, { type: 'configured', names: ['tf', 'print'], refused: ['fetch'] });
  };
  return { ports, make, emit, ready };
}

function fakeClock() {
  let t = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => t,
    setTimeout: (fn, ms) => {
      timers.set(next, { at: t + ms, fn });
      return next++;
    },
    clearTimeout: (h) => timers.delete(h as number),
  };
  const advance = (ms: number) => {
    t += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= t) {
        timers.delete(id);
        timer.fn();
      }
    }
  };
  return { clock, advance, pending: () => timers.size };
}

const OPTIONS = {
  backends: ['wasm' as const, 'cpu' as const],
  baseUrl: '/',
  sets: ['attention' as const],
  limitMs: 5000,
};
const result = (outputs: RunResult['outputs'] = []): RunResult => ({
  ok: true,
  outputs,
  durationMs: 3,
  truncated: false,
  restart: false,
  memory: { heldTensors: 3, heldBytes: 12, disposedTensors: 3, afterTensors: 0, afterBytes: 0, leaked: 0 },
});

describe('code cell controller', () => {
  it('starts a sandbox: init with the page’s backends, then the bindings; ready once configured', () => {
    const w = fakeWorkers();
    const c = new CellController(OPTIONS, w.make, fakeClock().clock);
    expect(w.ports[0].sent.map((m) => m.type)).toEqual(['init', 'configure']);
    expect(w.ports[0].sent[1]).toMatchObject({ sets: ['attention'] });
    expect(c.status).toBe('loading');
    w.ready(0);
    expect(c.status).toBe('ready');
    expect(c.state.backend).toBe('wasm');
  });

  it('shows a run’s output and how long it took from Run', () => {
    const w = fakeWorkers();
    const t = fakeClock();
    const c = new CellController(OPTIONS, w.make, t.clock);
    w.ready(0);
    c.run('print(1)');
    expect(c.status).toBe('running');
    const sent = w.ports[0].sent.at(-1)!;
    expect(sent).toMatchObject({ type: 'run', code: 'print(1)' });
    t.advance(40);
    w.emit(0, { type: 'result', run: sent.run, result: result([{ kind: 'text', text: '1', stream: 'log' }]) });
    expect(c.status).toBe('ready');
    expect(c.state.result?.outputs).toHaveLength(1);
    expect(c.state.lastRunMs).toBe(40);
    expect(c.state.runs).toBe(1);
    expect(t.pending()).toBe(0);
  });

  it('terminates the Worker at the time limit and starts a fresh sandbox', () => {
    const w = fakeWorkers();
    const t = fakeClock();
    const c = new CellController(OPTIONS, w.make, t.clock);
    w.ready(0);
    c.run('while (true) {}');
    t.advance(4999);
    expect(w.ports[0].terminated).toBe(false);
    t.advance(1);
    expect(w.ports[0].terminated).toBe(true);
    expect(c.state.stopped).toEqual({ reason: 'limit', afterMs: 5000 });
    expect(w.ports).toHaveLength(2);
    expect(w.ports[1].sent.map((m) => m.type)).toEqual(['init', 'configure']);
    expect(c.status).toBe('loading');
    w.ready(1);
    expect(c.status).toBe('ready');
    // The old Worker's late answer is not shown.
    w.emit(0, { type: 'result', run: 1, result: result([{ kind: 'text', text: 'stale', stream: 'log' }]) });
    expect(c.state.result).toBeNull();
    // And the fresh sandbox runs the next Run.
    c.run('print(2)');
    expect(w.ports[1].sent.at(-1)).toMatchObject({ type: 'run', code: 'print(2)' });
  });

  it('Stop terminates at once, and a Run during a restart is ignored', () => {
    const w = fakeWorkers();
    const t = fakeClock();
    const c = new CellController(OPTIONS, w.make, t.clock);
    w.ready(0);
    c.run('for (;;) {}');
    t.advance(1200);
    c.stop();
    expect(w.ports[0].terminated).toBe(true);
    expect(c.state.stopped).toEqual({ reason: 'stop', afterMs: 1200 });
    expect(t.pending()).toBe(0);
    c.run('print(3)');
    expect(w.ports[1].sent.map((m) => m.type)).toEqual(['init', 'configure']);
  });

  it('replaces a sandbox that asks for it (memory), keeping the run’s output', () => {
    const w = fakeWorkers();
    const c = new CellController(OPTIONS, w.make, fakeClock().clock);
    w.ready(0);
    c.run('tf.ones([1e5, 1e5])');
    const run = w.ports[0].sent.at(-1)!.run;
    w.emit(0, {
      type: 'result',
      run,
      result: {
        ...result([{ kind: 'error', name: 'RangeError', message: 'x', line: 1, column: 1 }]),
        ok: false,
        restart: true,
      },
    });
    expect(w.ports[0].terminated).toBe(true);
    expect(w.ports).toHaveLength(2);
    expect(c.state.result?.ok).toBe(false);
    expect(c.state.restartReason).toContain('fresh one');
  });

  it('a Worker that fails is an error the widget shows, and ends the waiting run', () => {
    const w = fakeWorkers();
    const c = new CellController(OPTIONS, w.make, fakeClock().clock);
    w.ready(0);
    c.run('print(1)');
    w.ports[0].port.onerror!({ message: 'boom', preventDefault() {} } as unknown as ErrorEvent);
    expect(c.status).toBe('error');
    expect(c.state.phase).toBe('ready');
  });
});
