/**
 * The throughput bench's Worker (bundled by bench/throughput.mjs with esbuild), so the loops run off the
 * page's main thread as in the widgets. Requests (one backend per worker):
 *
 *   measure  the plain matMul rate of square sizes (the backend's limit) and both training loops' FLOPs
 *            per step (counted analytically in src/ml);
 *   layers   the lab's network written with tfjs-layers and trained with model.fit (what a reader would
 *            write instead), in batches per second;
 *   loop, kernels, run   see loop-requests.ts (the baseline worker answers those too).
 */
import { defaultValues } from '../../src/lib/params';
import { denoiserStepFlops } from '../../src/ml/denoiser';
import { tf } from '../../src/ml/tf';
import { BATCH_SIZE as PLAYGROUND_BATCH } from '../../src/ml/training-session';
import { trainingStepFlops } from '../../src/ml/transformer';
import { params as playgroundParams } from '../../src/widgets/attention-playground/params';
import { BATCH_SIZE as LAB_BATCH, LAB_ARCHITECTURE } from '../../src/widgets/denoiser-lab/session';
import { answerLoopRequest, type LoopReply, type LoopRequest } from './loop-requests';
import { labSession, type LoopName } from './loops';
import { timeLayersBaseline, type LayersResult } from './layers-baseline';
import { measureRate, serve, startBackend, type BenchBackend } from './setup';

export type Request =
  | { type: 'measure'; backend: BenchBackend; quick: boolean }
  /** model.fit of the layers version of the lab's network: `fits` timed calls of `epochs` epochs. */
  | { type: 'layers'; backend: BenchBackend; epochs: number; fits: number }
  | LoopRequest;

export interface MeasureResult {
  backend: string;
  matMul: { size: number; gflops: number; bySize: Record<number, number> };
  flopsPerStep: Record<LoopName, number>;
}

/** Square sizes tried for the plain matMul rate: up to where the backend's rate stops rising. */
const MATMUL_SIZES: Record<BenchBackend, number[]> = { wasm: [256, 512, 1024], cpu: [128, 256, 384] };

function matMulRate(size: number, windowMs: number): number {
  const [a, b] = tf.tidy(() => [tf.randomNormal([size, size]), tf.randomNormal([size, size])]);
  try {
    const rate = measureRate(() => tf.tidy(() => void tf.matMul(a, b).dataSync()), {
      warmup: 2,
      windowMs,
      windows: 3,
    });
    return (2 * size ** 3 * rate.best) / 1e9;
  } finally {
    tf.dispose([a, b]);
  }
}

/** FLOPs of one training step of each loop at the widgets' defaults (counted in src/ml, unit-tested). */
function loopFlops(): Record<LoopName, number> {
  const p = defaultValues(playgroundParams);
  const lab = labSession();
  const numClasses = lab.numClasses;
  lab.dispose();
  return {
    // Inputs of the playground's tasks are 2n tokens long (src/math/tasks).
    playground: trainingStepFlops(
      { layers: p.layers, heads: p.heads, dModel: p.dModel },
      PLAYGROUND_BATCH,
      2 * p.length,
    ).total,
    lab: denoiserStepFlops({ ...LAB_ARCHITECTURE, numClasses }, LAB_BATCH).total,
  };
}

serve<Request, MeasureResult | LayersResult | LoopReply>(async (request) => {
  if (request.type !== 'measure' && request.type !== 'layers') return answerLoopRequest(request);
  await startBackend(request.backend);
  if (request.type === 'layers') return timeLayersBaseline(request.epochs, request.fits);
  const { backend, quick } = request;
  const windowMs = quick ? 300 : backend === 'cpu' ? 1000 : 600;
  const bySize: Record<number, number> = {};
  for (const size of MATMUL_SIZES[backend]) bySize[size] = matMulRate(size, windowMs);
  const [size, gflops] = Object.entries(bySize).reduce((best, e) => (e[1] > best[1] ? e : best));
  return {
    backend: tf.getBackend(),
    matMul: { size: Number(size), gflops, bySize },
    flopsPerStep: loopFlops(),
  };
});
