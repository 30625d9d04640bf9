/**
 * Backend start-up for the bench workers: tfjs-core with its gradients (through src/ml/tf, as the site's
 * models see it) and the chosen backend, the wasm binaries served by bench/throughput.mjs at /wasm/.
 * Bench code only: the site loads its backends through src/lib/tf-runtime.ts.
 */
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../src/ml/tf';

export type BenchBackend = 'wasm' | 'cpu';

export async function startBackend(backend: BenchBackend): Promise<void> {
  if (backend === 'wasm') setWasmPaths(new URL('/wasm/', self.location.href).href);
  if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend did not start`);
  await tf.ready();
}

export interface Rate {
  /** Median over the timed windows (the figure to compare). */
  perSecond: number;
  /** The best window (closest to an unloaded machine). */
  best: number;
  windows: number;
}

/**
 * Calls `step` in back-to-back windows of about `windowMs` after `warmup` calls, and reports the rate
 * (calls per second) of the median and of the best window: the machine is shared, so single windows
 * are noisy; the median is the figure, the spread says how noisy.
 */
export function measureRate(step: () => void, { warmup = 10, windowMs = 500, windows = 6 } = {}): Rate {
  for (let i = 0; i < warmup; i++) step();
  const rates: number[] = [];
  for (let w = 0; w < windows; w++) {
    const t0 = performance.now();
    let n = 0;
    do {
      step();
      n++;
    } while (performance.now() - t0 < windowMs);
    rates.push((1000 * n) / (performance.now() - t0));
  }
  rates.sort((a, b) => a - b);
  const mid = rates.length >> 1;
  const median = rates.length % 2 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
  return { perSecond: median, best: rates[rates.length - 1], windows };
}

/** What a worker posts back: one result object, or an error message. */
export type Reply<T> = { ok: true; result: T } | { ok: false; error: string };

/** Serves one kind of request in a Worker: each message runs `handle` and posts its reply. */
export function serve<Req, Res>(handle: (request: Req) => Promise<Res>): void {
  self.onmessage = async (event: MessageEvent<Req>) => {
    let reply: Reply<Res>;
    try {
      reply = { ok: true, result: await handle(event.data) };
    } catch (err) {
      reply = { ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) };
    }
    self.postMessage(reply);
  };
}
