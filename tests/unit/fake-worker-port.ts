/**
 * A fake Worker for the page-side controllers' tests: it records what the controller sends, and
 * `emit` plays a message from the worker. No browser, no timers.
 */
import type { WorkerPort } from '../../src/lib/runtime/worker-controller';

export function fakePort() {
  const sent: Record<string, unknown>[] = [];
  const port: WorkerPort = {
    postMessage: (m: unknown) => sent.push(m as Record<string, unknown>),
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    terminate() {},
  };
  const emit = (data: unknown) => port.onmessage!({ data } as MessageEvent);
  const types = () => sent.map((m) => m.type);
  return { port, sent, emit, types };
}

/**
 * The other side: a fake Worker global for worker-side tests. Hand `scope` to serveModelWorker; it
 * records what the worker posts. `send` plays a message from the page, `start` does the init handshake
 * on a backend, `waitFor` polls the posted events (every 10 ms, up to `timeoutMs`) for one that
 * matches, and `memory` is the worker's newest tensor count.
 *
 *   const w = fakeWorkerScope<Posted>();
 *   serveModelWorker<Command, WorkerEvent>({ handle: (cmd, ctx) => studies.handle(cmd, ctx) }, w.scope);
 *   await w.start('cpu');
 */
export function fakeWorkerScope<P extends { type: string } = { type: string } & Record<string, unknown>>(
  options: { timeoutMs?: number } = {},
) {
  const posted: P[] = [];
  const scope = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    postMessage: (m: unknown) => posted.push(m as P),
  };
  const send = (data: unknown) => scope.onmessage!({ data } as MessageEvent);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const waitFor = async (match: (e: P) => boolean): Promise<P> => {
    for (let waited = 0; waited <= timeoutMs; waited += 10) {
      const found = posted.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('timed out');
  };
  const start = async (backend: 'cpu' | 'wasm', baseUrl = 'http://site/') => {
    send({ type: 'init', backends: [backend], baseUrl });
    await waitFor((e) => e.type === 'backend');
  };
  const memory = () =>
    (posted.filter((e) => e.type === 'memory').at(-1) as unknown as { numTensors: number }).numTensors;
  return { scope, posted, send, start, waitFor, memory };
}
