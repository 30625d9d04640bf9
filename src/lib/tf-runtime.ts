/**
 * The lazy TensorFlow.js runtime. Nothing here is imported by a page at load: widgets call
 * `loadTf()` (usually inside their Worker) only once they near the viewport, and each backend is its
 * own chunk, fetched only when chosen. The .wasm binaries are hashed assets served by this site.
 *
 * Works on the main thread and in a module Worker alike (no `document` needed to load a backend).
 */
import type { BackendName, GpuKind } from './backend-choice';
import { chooseBackends, classifyRenderer } from './backend-choice';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

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
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
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
 * Loads tfjs-core (with gradients, via src/ml/tf.ts) and the first backend in `order` that starts.
 * One backend per realm: later calls share the first result.
 */
export function loadTf(order: readonly BackendName[]): Promise<LoadedTf> {
  loading ??= (async () => {
    const { tf } = await import('../ml/tf');
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

/** Reads the GPU kind from a WebGL context's unmasked renderer string. Main thread only. */
export function detectGpu(): GpuKind {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return 'none';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return classifyRenderer(renderer);
  } catch {
    return 'none';
  }
}

/** The backend order for this page: `?backend=` first, then what this device runs fastest. */
export function pageBackendRequest(): ReturnType<typeof chooseBackends> {
  const override = new URLSearchParams(location.search).get('backend');
  return chooseBackends(override, detectGpu());
}
