/**
 * The digit diffusion widget's Worker: loads the pre-trained denoiser (its weights' SHA-256 checked),
 * then runs sampling requests step by step in slices, posting every kept frame, so the page never
 * computes a denoiser pass and can pause, resume or stop between steps. The runtime's server owns tfjs,
 * the current run and memory reports.
 */
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import { serveModelWorker, type ActiveRun, type Disposable, type ServerContext } from '../../lib/runtime/worker-server';
import { fetchBytes } from '../../lib/weights';
import { makeSchedule, type NoiseSchedule } from '../../math/diffusion';
import type { Denoiser } from '../../ml/denoiser';
import type { Command, WorkerEvent } from './protocol';
import { loadDigitDenoiser, SamplingRun, type SamplingRequest } from './sampling-session';
import { WEIGHTS_DIR } from './weights-io';

/** Shortest time between two shown frames while animating: 51 DDIM frames take about 1.5 s to watch. */
const FRAME_MS = 30;

type Ctx = ServerContext<WorkerEvent, Disposable>;

let model: Denoiser | null = null;
let schedule: NoiseSchedule | null = null;
/** The run in progress or paused: its number, its steps, and the runner that drives them. */
let current: { id: number; runner: SlicedRunner; sampling: SamplingRun } | null = null;

function startRun(id: number, request: SamplingRequest, animate: boolean, run: ActiveRun<WorkerEvent>) {
  const sampling = new SamplingRun(model!, schedule!, request);
  let computeMs = 0;
  let lastShown = -Infinity;
  let posted = 0;
  const runner = new SlicedRunner({
    // One more than the denoiser passes: the first call yields the starting noise.
    totalSteps: sampling.totalSteps + 1,
    step: async () => {
      const started = performance.now();
      sampling.next();
      computeMs += performance.now() - started;
      // Post the frames kept since the last step (one at most), paced when animating.
      for (; posted < sampling.kept.length; posted++) {
        if (animate) {
          const wait = lastShown + FRAME_MS - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          lastShown = performance.now();
        }
        run.post({ type: 'frame', totalSteps: sampling.totalSteps, frame: sampling.kept[posted] });
      }
    },
    report: ({ phase }) => {
      if (current?.id !== id) return;
      if (phase === 'running' || phase === 'paused' || phase === 'cancelled') run.post({ type: 'phase', phase });
      if (phase === 'done') {
        const samples = new Float32Array(sampling.latest!.points);
        run.post({ type: 'done', samples, computeMs }, [samples.buffer]);
      }
    },
    reportEveryMs: 250,
  });
  current = { id, runner, sampling };
  return runner;
}

function stopCurrent(): void {
  const c = current;
  if (!c) return;
  c.runner.cancel();
  current = null;
  c.sampling.cancel();
}

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx: Ctx) {
    switch (cmd.type) {
      case 'load': {
        const { manifest } = cmd;
        const bytes = await fetchBytes(`${ctx.baseUrl}${WEIGHTS_DIR}/${manifest.file}`, { expect: manifest });
        model?.dispose();
        model = loadDigitDenoiser(manifest, bytes);
        schedule = makeSchedule(manifest.schedule.kind, manifest.schedule.T);
        ctx.post({ type: 'loaded', numParameters: model.numParameters });
        return;
      }
      case 'sample': {
        if (!model || !schedule) throw new Error('The denoiser has not loaded yet.');
        stopCurrent();
        const run = ctx.begin(cmd.run);
        await startRun(cmd.run, cmd.request, cmd.animate, run).play(run.signal);
        return;
      }
      case 'resume': {
        const c = current;
        if (c) await c.runner.play(ctx.begin(c.id).signal);
        return;
      }
      case 'cancel':
        ctx.abort();
        stopCurrent();
        return;
    }
  },
});
