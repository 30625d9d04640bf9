/**
 * Which tfjs backend to try first. Pure, so it is unit-tested; the browser probing that feeds it lives
 * in tf-runtime.ts.
 *
 * Measured on these machines (STACK-NOTES): for models this small, WASM with SIMD is ~2x faster than
 * the cpu backend per training step and ~8x faster than WebGL on a software renderer (SwiftShader).
 * WebGL only wins on a hardware GPU. cpu is the last resort: it always works.
 */
export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export type GpuKind = 'hardware' | 'software' | 'none';

export interface BackendRequest {
  /** Backends to try, best first. */
  order: BackendName[];
  /** Set when `?backend=` held something unusable. */
  notice?: string;
}

/** Renderer strings of software rasterisers: WebGL there is slower than WASM. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|mesa offscreen|basic render/i;

export function classifyRenderer(renderer: string | null): GpuKind {
  if (renderer === null) return 'none';
  return SOFTWARE_RENDERERS.test(renderer) ? 'software' : 'hardware';
}

/**
 * `override` is the raw `?backend=` value (null when absent). An override goes first, then the usual
 * order, so a backend that fails to start still falls back to one that works.
 */
export function chooseBackends(override: string | null, gpu: GpuKind): BackendRequest {
  // Without SIMD, WASM loses most of its edge but still beats the cpu backend at these sizes.
  const usual: BackendName[] = gpu === 'hardware' ? ['webgl', 'wasm', 'cpu'] : ['wasm', 'cpu'];
  if (override === null || override === '') return { order: usual };
  const wanted = override.toLowerCase();
  if (!(BACKENDS as readonly string[]).includes(wanted)) {
    return {
      order: usual,
      notice: `backend "${override.slice(0, 16)}" is not one of ${BACKENDS.join(', ')}; using ${usual[0]}.`,
    };
  }
  if (wanted === 'webgl' && gpu === 'none') {
    return { order: usual, notice: `WebGL is not available in this browser; using ${usual[0]}.` };
  }
  const first = wanted as BackendName;
  return { order: [first, ...usual.filter((b) => b !== first)] };
}
