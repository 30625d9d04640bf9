/**
 * The digit diffusion widget's Worker: loads tfjs and the pre-trained denoiser lazily (when the widget
 * nears the viewport), then runs sampling requests step by step, posting every kept frame, so the page
 * never computes a denoiser pass and can pause or cancel between steps.
 */
import { loadTf, type LoadedTf } from '../../lib/tf-runtime';
import { TrainingLoop } from '../../lib/training-loop';
import { serveWorker } from '../../lib/worker-host';
import { fetchBytes } from '../../lib/weights';
import type { Denoiser } from '../../ml/denoiser';
import { makeSchedule, type NoiseSchedule } from '../../math/diffusion';
import type { Command, WorkerEvent } from './protocol';
import { loadDigitDenoiser, SamplingRun, type SamplingRequest } from './sampling-session';

type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** Shortest time between two shown frames while animating: 51 DDIM frames take about 1.5 s to watch. */
const FRAME_MS = 30;

let tf: LoadedTf['tf'] | null = null;
let model: Denoiser | null = null;
let schedule: NoiseSchedule | null = null;
let current: { id: number; run: SamplingRun; loop: TrainingLoop } | null = null;

serveWorker<Command, WorkerEvent>(async (cmd, post) => {
  switch (cmd.type) {
    case 'init': {
      const loaded = await loadTf(cmd.backends);
      tf = loaded.tf;
      post({ type: 'backend', backend: loaded.backend, fallbacks: loaded.fallbacks });
      const bytes = await fetchBytes(cmd.weightsUrl, { expect: cmd.manifest });
      model = loadDigitDenoiser(cmd.manifest, bytes);
      schedule = makeSchedule(cmd.manifest.schedule.kind, cmd.manifest.schedule.T);
      post({ type: 'loaded', numParameters: model.numParameters });
      return;
    }
    case 'sample':
      if (!model || !schedule) throw new Error('The denoiser has not loaded yet.');
      stopCurrent();
      await startRun(model, schedule, cmd.run, cmd.request, cmd.animate, post);
      return;
    case 'pause':
      current?.loop.pause();
      return;
    case 'resume':
      await current?.loop.play();
      return;
    case 'cancel':
      stopCurrent();
      return;
  }
});

async function startRun(
  m: Denoiser,
  sched: NoiseSchedule,
  id: number,
  request: SamplingRequest,
  animate: boolean,
  post: Post,
) {
  const run = new SamplingRun(m, sched, request);
  let computeMs = 0;
  let lastShown = -Infinity;
  let posted = 0;
  const state = { id, run, loop: null as unknown as TrainingLoop };
  state.loop = new TrainingLoop({
    // One more than the denoiser passes: the first call yields the starting noise.
    totalSteps: run.totalSteps + 1,
    step: async () => {
      const started = performance.now();
      run.next();
      computeMs += performance.now() - started;
      // Post the frames kept since the last step (one at most), paced when animating.
      for (; posted < run.kept.length; posted++) {
        if (animate) {
          const wait = lastShown + FRAME_MS - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          lastShown = performance.now();
        }
        post({ type: 'frame', run: id, totalSteps: run.totalSteps, frame: run.kept[posted] });
      }
    },
    report: ({ phase }) => {
      if (current?.id !== id) return;
      if (phase === 'running' || phase === 'paused' || phase === 'cancelled') post({ type: 'phase', run: id, phase });
      if (phase === 'done') {
        const samples = new Float32Array(run.latest!.points);
        post({ type: 'done', run: id, samples, computeMs, numTensors: tf?.memory().numTensors ?? 0 }, [samples.buffer]);
      }
    },
    reportEveryMs: 250,
  });
  current = state;
  await state.loop.play();
}

function stopCurrent(): void {
  const c = current;
  if (!c) return;
  current = null;
  c.loop.cancel();
  c.run.cancel();
}
