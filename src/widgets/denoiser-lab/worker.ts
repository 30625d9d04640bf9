/**
 * The denoiser lab's Worker: one model at a time (data, network, trainer: a LabSession), trained in
 * slices, sampled in slices, so neither ever blocks the page. tfjs loads here, lazily, when the widget
 * first nears the viewport; pre-trained weights are fetched (and their SHA-256 checked) here. The
 * runtime's server owns the current run, the model's disposal and memory reports.
 */
import { CurveBuffer } from '../../lib/runtime/curve';
import { errorMessage } from '../../lib/runtime/protocol';
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import { isTrainingCommand, runTrainingCommand } from '../../lib/runtime/training-run';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { loadWeightsFile } from '../../lib/weights';
import type { Vec2 } from '../../math/diffusion';
import { flattenPoints } from '../../ml/denoiser';
import type { Command, FieldRequest, FrameMessage, ModelSource, WorkerEvent } from './protocol';
import { LabSession, LAB_ARCHITECTURE, type SampleRequest, type SessionConfig } from './session';
import { findWeights, MANIFEST_FILE, WEIGHTS_DIR, type WeightsManifest } from './weights';

/** Progress reports (and redraws) at most this often. */
const REPORT_EVERY_MS = 100;
/** The direction field is recomputed while training at most this often. */
const FIELD_EVERY_MS = 1000;
/** Sampling frames kept for the page's animation and scrubber: every frame of DDIM 50, every 17th of DDPM 1000. */
export const MAX_KEPT_FRAMES = 60;

type Ctx = ServerContext<WorkerEvent, LabRun>;

/** One model (or the reason there is none) and what is measured on it. */
class LabRun {
  runner: SlicedRunner | null = null;
  private readonly loss = new CurveBuffer();
  private qualitySent = 0;
  private fieldAt = -Infinity;

  constructor(
    readonly id: number,
    readonly session: LabSession | null,
    readonly dataError: string | null,
    public field: FieldRequest,
    private readonly ctx: Ctx,
  ) {}

  /** Training from scratch (a model without pre-trained weights). */
  makeTrainable(totalSteps: number): void {
    const session = this.session!;
    this.runner = new SlicedRunner({
      totalSteps,
      step: () => {
        const loss = session.trainStep();
        this.loss.push(session.steps, loss);
      },
      report: (state) => {
        if (state.phase === 'cancelled') return;
        if (state.phase !== 'running' || performance.now() - this.fieldAt >= FIELD_EVERY_MS) {
          // The last report of a training run always carries its final quality and field.
          if (state.phase === 'done') session.checkQuality();
          this.postField();
        }
        this.postTraining();
      },
      reportEveryMs: REPORT_EVERY_MS,
    });
  }

  postModel(source: ModelSource): void {
    if (!this.session) {
      this.ctx.post({ type: 'dataError', run: this.id, message: this.dataError ?? 'no data' });
      return;
    }
    const s = this.session;
    const data = flattenPoints(s.heldOut.points);
    this.ctx.post(
      {
        type: 'model',
        run: this.id,
        source,
        numClasses: s.numClasses,
        numParameters: s.model.numParameters,
        data,
        labels: s.heldOut.labels,
        baseline: s.baseline,
      },
      [data.buffer],
    );
    if (this.runner) this.postTraining();
    this.postField();
  }

  postTraining(): void {
    const s = this.session!;
    const newQuality = s.quality.slice(this.qualitySent);
    this.qualitySent = s.quality.length;
    this.ctx.post({
      type: 'training',
      run: this.id,
      progress: this.runner!.state,
      newLoss: this.loss.drain(),
      newQuality,
      threshold: s.threshold,
      trainMs: s.trainMs,
    });
  }

  postField(): void {
    if (!this.session) return;
    this.fieldAt = performance.now();
    const { grid, directions } = this.session.field(this.field.t, this.field.cls, this.field.guidance);
    const g = flattenPoints(grid as Vec2[]);
    const d = flattenPoints(directions);
    const t = Math.min(this.field.t, this.session.config.T);
    this.ctx.post({ type: 'field', run: this.id, t, grid: g, directions: d }, [g.buffer, d.buffer]);
  }

  dispose(): void {
    this.runner?.cancel();
    this.session?.dispose();
  }
}

let manifest: Promise<WeightsManifest | null> | null = null;

/** Finds, fetches, checks and loads the weights that fit; says why when none do. */
async function loadPretrained(ctx: Ctx, session: LabSession, config: SessionConfig): Promise<ModelSource> {
  if (config.dataset === 'drawn')
    return { kind: 'untrained', reason: 'there are no pre-trained weights for a drawing' };
  manifest ??= fetch(`${ctx.baseUrl}${WEIGHTS_DIR}/${MANIFEST_FILE}`).then((r) =>
    r.ok ? (r.json() as Promise<WeightsManifest>) : null,
  );
  const m = await manifest;
  if (!m) return { kind: 'untrained', reason: 'the list of pre-trained weights could not be loaded' };
  const entry = findWeights(m, config, LAB_ARCHITECTURE);
  if (!entry) {
    const Ts = [...new Set(m.models.map((e) => e.T))].join(', ');
    return { kind: 'untrained', reason: `pre-trained weights exist only for T = ${Ts} with the built-in data sets` };
  }
  session.loadWeights(await loadWeightsFile(`${ctx.baseUrl}${WEIGHTS_DIR}`, entry));
  return {
    kind: 'pretrained',
    file: entry.file,
    bytes: entry.bytes,
    trainingSteps: m.training.steps,
    finalLoss: entry.finalLoss,
    qualityChecks: entry.qualityChecks,
  };
}

async function configure(cmd: Extract<Command, { type: 'configure' }>, ctx: Ctx): Promise<void> {
  let source: ModelSource = { kind: 'scratch' };
  const run = await ctx.replaceSession(async () => {
    let session: LabSession;
    try {
      session = new LabSession(cmd.config);
    } catch (err) {
      return new LabRun(cmd.run, null, errorMessage(err), cmd.field, ctx);
    }
    if (!cmd.fromScratch) {
      try {
        source = await loadPretrained(ctx, session, cmd.config);
      } catch (err) {
        source = { kind: 'untrained', reason: `the pre-trained weights could not be loaded (${errorMessage(err)})` };
      }
    }
    const made = new LabRun(cmd.run, session, null, cmd.field, ctx);
    if (!session.pretrained) made.makeTrainable(cmd.trainSteps);
    return made;
  });
  if (!run) return;
  run.postModel(source);
  if (cmd.play && run.runner) await run.runner.play(ctx.begin(run.id).signal);
}

/**
 * One sampling run in slices, streaming at most MAX_KEPT_FRAMES evenly spaced frames (the last one
 * always). Beginning the run pauses training: the two would share the thread and muddle both timings.
 */
async function sample(lab: LabRun, runId: number, request: SampleRequest, ctx: Ctx): Promise<void> {
  const run = ctx.begin(runId);
  const session = lab.session!;
  const frames = session.sampleFrames(request);
  const steps = request.method === 'ddpm' ? session.config.T : Math.min(request.steps, session.config.T);
  const stride = Math.ceil(Math.max(1, steps) / (MAX_KEPT_FRAMES - 1));
  let batch: FrameMessage[] = [];
  let final: Float32Array | null = null;
  const flush = () => {
    if (batch.length === 0) return;
    run.post(
      { type: 'frames', frames: batch },
      batch.map((f) => f.points.buffer),
    );
    batch = [];
  };
  const runner = new SlicedRunner({
    // One more than the denoiser passes: the first frame is the starting noise.
    totalSteps: steps + 1,
    step: () => {
      const r = frames.next();
      if (r.done) return;
      const f = r.value;
      if (f.step === f.steps) final = f.points.slice();
      if (f.step % stride === 0 || f.step === f.steps)
        batch.push({ step: f.step, steps: f.steps, t: f.t, points: f.points });
    },
    report: (state) => {
      if (state.phase !== 'cancelled') flush();
    },
    reportEveryMs: REPORT_EVERY_MS,
    signal: run.signal,
  });
  try {
    await runner.play();
  } finally {
    frames.return([]);
  }
  if (runner.state.phase !== 'done' || !final) return;
  run.post({ type: 'sampled', request, quality: session.score(final, request.cls), ms: runner.state.busyMs });
}

serveModelWorker<Command, WorkerEvent, LabRun>({
  async handle(cmd, ctx: Ctx) {
    if (cmd.type === 'configure') return configure(cmd, ctx);
    if (isTrainingCommand(cmd)) return runTrainingCommand(cmd, ctx);
    const lab = ctx.session;
    if (!lab?.session) return;
    switch (cmd.type) {
      case 'sample':
        return sample(lab, cmd.run, cmd.request, ctx);
      case 'field':
        lab.field = cmd.field;
        lab.postField();
        return;
    }
  },
});
