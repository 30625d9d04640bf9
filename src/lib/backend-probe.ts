/**
 * Main-thread probing for the backend choice: reads `?backend=` and the GPU's renderer string, then
 * asks backend-choice.ts for the order. Kept apart from tf-runtime.ts so a page can decide without
 * pulling the tfjs loader (and its .wasm asset URLs) into its own bundle.
 */
import { chooseBackends, classifyRenderer, type BackendRequest, type GpuKind } from './backend-choice';

/** Reads the GPU kind from a WebGL context's unmasked renderer string. */
export function detectGpu(): GpuKind {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return 'none';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info
      ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL))
      : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return classifyRenderer(renderer);
  } catch {
    return 'none';
  }
}

/** The backend order for this page: `?backend=` first, then what this device runs fastest. */
export function pageBackendRequest(): BackendRequest {
  return chooseBackends(new URLSearchParams(location.search).get('backend'), detectGpu());
}
