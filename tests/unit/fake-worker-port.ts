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
