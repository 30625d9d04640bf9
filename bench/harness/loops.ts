/**
 * The two training loops as the widgets' workers run them, at the widgets' default settings: the
 * attention playground's TrainingSession.trainStep and the denoiser lab's LabSession.trainStep (quality
 * checks off: only training steps are timed here; the widget's own steps/s, in bench/run.mjs, includes
 * them). Imports only APIs that the baseline (an older commit's src/, see bench/throughput.mjs) has too.
 */
import { defaultValues } from '../../src/lib/params';
import { TrainingSession } from '../../src/ml/training-session';
import { params as playgroundParams } from '../../src/widgets/attention-playground/params';
import { params as labParams } from '../../src/widgets/denoiser-lab/params';
import { LabSession, type SessionConfig } from '../../src/widgets/denoiser-lab/session';
import { tf } from '../../src/ml/tf';
import { measureRate, type Rate } from './setup';

export const LOOPS = ['playground', 'lab'] as const;
export type LoopName = (typeof LOOPS)[number];

export function playgroundSession(): TrainingSession {
  const p = defaultValues(playgroundParams);
  return new TrainingSession({
    task: p.task,
    length: p.length,
    layers: p.layers,
    heads: p.heads,
    dModel: p.dModel,
    positional: p.positional,
    lr: p.lr,
    seed: p.seed,
  });
}

export function labConfig(): SessionConfig {
  const p = defaultValues(labParams);
  return { dataset: p.dataset, points: p.points, schedule: p.schedule, T: p.T, seed: p.seed, lr: p.lr };
}

export function labSession(): LabSession {
  return new LabSession(labConfig(), { qualityEvery: Number.MAX_SAFE_INTEGER });
}

/** Makes the loop's session and a step function; `dispose` releases it. */
export function makeLoop(name: LoopName): { step: () => void; dispose: () => void } {
  const session = name === 'playground' ? playgroundSession() : labSession();
  return { step: () => void session.trainStep(), dispose: () => session.dispose() };
}

/** Training steps per second of one loop. */
export function timeLoop(name: LoopName, windowMs: number, windows: number): Rate {
  const loop = makeLoop(name);
  try {
    return measureRate(loop.step, { warmup: 20, windowMs, windows });
  } finally {
    loop.dispose();
  }
}

/** Loops kept between `runFor` calls, so a trace of the second call holds training steps only. */
const running = new Map<LoopName, { step: () => void }>();

/** Runs a loop for about `ms` (for a profile or trace taken from outside); the loop is kept for the next call. */
export function runFor(name: LoopName, ms: number): number {
  let loop = running.get(name);
  if (!loop) {
    loop = makeLoop(name);
    running.set(name, loop);
    for (let i = 0; i < 20; i++) loop.step();
  }
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < ms) {
    loop.step();
    n++;
  }
  return n;
}

/** Kernels (tfjs ops that reach the backend, custom-gradient scopes included) one training step runs. */
export async function countKernels(name: LoopName): Promise<number> {
  const loop = makeLoop(name);
  try {
    for (let i = 0; i < 3; i++) loop.step();
    return (await tf.profile(() => loop.step())).kernels.length;
  } finally {
    loop.dispose();
  }
}
