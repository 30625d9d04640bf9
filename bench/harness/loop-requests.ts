/**
 * The requests about one training loop that both bench workers answer: the current code's (worker.ts)
 * and another commit's (baseline-worker.ts), so the two can be timed turn about in one run.
 */
import { countKernels, runFor, timeLoop, type LoopName } from './loops';
import { startBackend, type BenchBackend, type Rate } from './setup';

export type LoopRequest =
  /** Training steps per second over `windows` windows of `windowMs`. */
  | { type: 'loop'; backend: BenchBackend; loop: LoopName; windowMs: number; windows: number }
  /** Kernels one training step runs. */
  | { type: 'kernels'; backend: BenchBackend; loop: LoopName }
  /** Train for about `ms` (while a trace is recorded from outside). */
  | { type: 'run'; backend: BenchBackend; loop: LoopName; ms: number };

export type LoopReply = Rate | { kernels: number } | { steps: number };

export async function answerLoopRequest(request: LoopRequest): Promise<LoopReply> {
  await startBackend(request.backend);
  switch (request.type) {
    case 'loop':
      return timeLoop(request.loop, request.windowMs, request.windows);
    case 'kernels':
      return { kernels: await countKernels(request.loop) };
    case 'run':
      return { steps: runFor(request.loop, request.ms) };
  }
}
