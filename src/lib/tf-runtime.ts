/**
 * The lazy TensorFlow.js runtime. Nothing here is imported by a page at load: widgets call
 * `loadTf()` (usually inside their Worker) only once they near the viewport, and each backend is its
 * own chunk, fetched only when chosen. The .wasm binaries are hashed assets served by this site.
 *
 * Works on the main thread and in a module Worker alike (no `document` needed to load a backend).
 */
import type { BackendName } from './backend-choice';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type Tf = typeof import('@tensorflow/tfjs-core');

export interface LoadedTf {
  tf: Tf;
  backend: BackendName;
  /** Backends that were tried first and failed, with why (shown to the reader). */
  fallbacks: string[];
}

async function registerBackend(name: BackendName): Promise<void> {
  switch (name) {
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // tfjs insists on a path for all three binaries. The threaded one is only fetched on a
      // cross-origin-isolated page (COOP/COEP), which a static host does not give: SIMD without threads
      // is what runs, and threads were no faster on 2 cores anyway (STACK-NOTES).
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
      });
      return;
    }
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

let loading: Promise<LoadedTf> | null = null;

/**
 * Loads tfjs-core (with its gradients) and the first backend in `order` that starts.
 * One backend per realm: later calls share the first result.
 */
export function loadTf(order: readonly BackendName[]): Promise<LoadedTf> {
  loading ??= (async () => {
    // The same module instances src/ml/tf.ts imports (one tfjs per realm). Gradients are registered
    // here too, since tfjs-core alone has none (STACK-NOTES pitfall 1); importing them twice is a no-op.
    const [tf] = await Promise.all([
      import('@tensorflow/tfjs-core'),
      import('@tensorflow/tfjs-core/dist/register_all_gradients'),
    ]);
    const fallbacks: string[] = [];
    for (const name of order) {
      try {
        await registerBackend(name);
        if (await tf.setBackend(name)) {
          await tf.ready();
          return { tf, backend: name, fallbacks };
        }
        fallbacks.push(`${name} did not start`);
      } catch (err) {
        fallbacks.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    throw new Error(`No TensorFlow.js backend could start (${fallbacks.join('; ')}).`);
  })();
  return loading;
}
