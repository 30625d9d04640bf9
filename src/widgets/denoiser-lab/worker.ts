/**
 * The denoiser lab's Worker: owns the session (model, data, trainer), its training loop and the
 * sampling runs, so neither training nor sampling ever blocks the page. tfjs loads here, lazily, when the
 * widget first nears the viewport; pre-trained weights are fetched here from this site.
 *
 * Both long jobs work in slices of SLICE_MS and then yield to the event loop, so Pause, Step, a new
 * sample or a new model are handled between steps.
 */
import { loadTf, type LoadedTf } from '../../lib/tf-runtime';
import { TrainingLoop, yieldToEventLoop } from '../../lib/training-loop';
import { serveWorker, type WorkerErrorEvent } from '../../lib/worker-host';
import type { Vec2 } from '../../math/diffusion';
import { flattenPoints } from '../../ml/denoiser';
import type { Command, CurvePoint, FieldRequest, FrameMessage, WorkerEvent } from './protocol';
import { LabSession, LAB_ARCHITECTURE, type SampleRequest, type SessionConfig } from './session';
import { loadWeightsFile } from '../../lib/weights';
import { findWeights, MANIFEST_FILE, WEIGHTS_DIR, type WeightsManifest } from './weights';

type Post = (event: WorkerEvent | WorkerErrorEvent, transfer?: Transferable[]) => void;

/** Compute time per slice before yielding: short enough that a Pause is handled within a frame or two. */
const SLICE_MS = 25;
/** Progress reports (and redraws) at most this often. */
const REPORT_EVERY_MS = 100;
/** The direction field is recomputed while training at most this often. */
const FIELD_EVERY_MS = 1000;
/** Sampling frames kept for the page's animation and scrubber: every frame of DDIM 50, every 17th of DDPM 1000. */
export const MAX_KEPT_FRAMES = 60;

interface Run {
  id: number;
  session: LabSession;
  loop: TrainingLoop | null;
  field: FieldRequest;
  fieldAt: number;
  loss: CurvePoint[];
  qualitySent: number;
}

let loaded: Promise<LoadedTf> | null = null;
let tf: LoadedTf['tf'] | null = null;
let baseUrl = '/';
let manifest: Promise<WeightsManifest | null> | null = null;
let current: Run | null = null;
let runs = 0;
/** Id of the newest sampling job; an older job stops at its next slice. */
let sampling = 0;

serveWorker<Command, WorkerEvent>(async (cmd, post) => {
  switch (cmd.type) {
    case 'init': {
      baseUrl = cmd.baseUrl;
      loaded = loadTf(cmd.backends);
      const result = await loaded;
      tf = result.tf;
      post({ type: 'backend', backend: result.backend, fallbacks: result.fallbacks });
      return;
    }
    case 'configure': {
      if (!loaded) throw new Error('The worker was configured before it was initialised.');
      await loaded;
      const id = ++runs;
      disposeCurrent();
      await configure(id, cmd.config, cmd.trainSteps, cmd.fromScratch, cmd.field, post);
      if (cmd.play && current?.id === id) await current.loop?.play();
      return;
    }
    case 'play':
      sampling++;
      await current?.loop?.play();
      return;
    case 'pause':
      current?.loop?.pause();
      return;
    case 'step':
      sampling++;
      await current?.loop?.stepOnce();
      return;
    case 'sample':
      if (current) await sample(current, cmd.request, post);
      return;
    case 'stopSample':
      sampling++;
      return;
    case 'field':
      if (!current) return;
      current.field = cmd.field;
      postField(current, post);
      return;
  }
});

async function configure(
  id: number,
  config: SessionConfig,
  trainSteps: number,
  fromScratch: boolean,
  field: FieldRequest,
  post: Post,
): Promise<void> {
  let session: LabSession;
  try {
    session = new LabSession(config);
  } catch (err) {
    post({ type: 'dataError', run: id, message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const run: Run = { id, session, loop: null, field, fieldAt: 0, loss: [], qualitySent: 0 };
  let source: Extract<WorkerEvent, { type: 'model' }>['source'] = { kind: 'scratch' };
  if (!fromScratch) {
    try {
      source = await loadPretrained(session, config);
    } catch (err) {
      source = { kind: 'untrained', reason: `the pre-trained weights could not be loaded (${errorText(err)})` };
    }
  }
  // A newer configure may have arrived while the weights downloaded.
  if (id !== runs) {
    session.dispose();
    return;
  }
  current = run;
  if (!session.pretrained) {
    run.loop = new TrainingLoop({
      totalSteps: trainSteps,
      step: () => {
        const loss = session.trainStep();
        run.loss.push({ step: session.steps, value: loss });
      },
      report: () => {
        if (current !== run) return;
        if (run.loop!.state.phase !== 'running' || performance.now() - run.fieldAt >= FIELD_EVERY_MS) {
          // The last snapshot of a run always carries its final quality and field.
          if (run.loop!.state.phase === 'done') session.checkQuality();
          postField(run, post);
        }
        post(trainingSnapshot(run));
      },
      reportEveryMs: REPORT_EVERY_MS,
      sliceMs: SLICE_MS,
    });
  }
  const data = flattenPoints(session.heldOut.points);
  post(
    {
      type: 'model',
      run: id,
      source,
      numClasses: session.numClasses,
      numParameters: session.model.numParameters,
      data,
      labels: session.heldOut.labels,
      baseline: session.baseline,
    },
    [data.buffer],
  );
  if (run.loop) post(trainingSnapshot(run));
  postField(run, post);
}

/** Finds, fetches, checks and loads the weights that fit; says why when none do. */
async function loadPretrained(
  session: LabSession,
  config: SessionConfig,
): Promise<Extract<WorkerEvent, { type: 'model' }>['source']> {
  if (config.dataset === 'drawn') {
    return { kind: 'untrained', reason: 'there are no pre-trained weights for a drawing' };
  }
  manifest ??= fetch(`${baseUrl}${WEIGHTS_DIR}/${MANIFEST_FILE}`).then((r) =>
    r.ok ? (r.json() as Promise<WeightsManifest>) : null,
  );
  const m = await manifest;
  if (!m) return { kind: 'untrained', reason: 'the list of pre-trained weights could not be loaded' };
  const entry = findWeights(m, config, LAB_ARCHITECTURE);
  if (!entry) {
    const Ts = [...new Set(m.models.map((e) => e.T))].join(', ');
    return {
      kind: 'untrained',
      reason: `pre-trained weights exist only for T = ${Ts} with the built-in data sets`,
    };
  }
  session.loadWeights(await loadWeightsFile(`${baseUrl}${WEIGHTS_DIR}`, entry));
  return {
    kind: 'pretrained',
    file: entry.file,
    bytes: entry.bytes,
    trainingSteps: m.training.steps,
    finalLoss: entry.finalLoss,
    qualityChecks: entry.qualityChecks,
  };
}

/**
 * One sampling run in slices, streaming at most MAX_KEPT_FRAMES evenly spaced frames (the last one
 * always). Training pauses first: the two would share the thread and muddle both timings.
 */
async function sample(run: Run, request: SampleRequest, post: Post): Promise<void> {
  run.loop?.pause();
  const id = ++sampling;
  const frames = run.session.sampleFrames(request);
  let busy = 0;
  let batch: FrameMessage[] = [];
  let lastPost = -Infinity;
  let stride = 1;
  const flush = () => {
    if (batch.length === 0) return;
    post(
      { type: 'frames', run: run.id, sample: id, frames: batch },
      batch.map((f) => f.points.buffer),
    );
    batch = [];
    lastPost = performance.now();
  };
  let final: Float32Array | null = null;
  try {
    for (;;) {
      const sliceStart = performance.now();
      let done = false;
      while (performance.now() - sliceStart < SLICE_MS) {
        const r = frames.next();
        if (r.done) {
          done = true;
          break;
        }
        const f = r.value;
        if (f.step === 0) stride = Math.ceil(Math.max(1, f.steps) / (MAX_KEPT_FRAMES - 1));
        if (f.step === f.steps) final = f.points.slice();
        if (f.step % stride === 0 || f.step === f.steps)
          batch.push({ step: f.step, steps: f.steps, t: f.t, points: f.points });
      }
      busy += performance.now() - sliceStart;
      if (done || performance.now() - lastPost >= REPORT_EVERY_MS) flush();
      if (done) break;
      await yieldToEventLoop();
      if (id !== sampling || current !== run) return;
    }
  } finally {
    frames.return([]);
  }
  const quality = run.session.score(final!, request.cls);
  post({
    type: 'sampled',
    run: run.id,
    sample: id,
    request,
    quality,
    ms: busy,
    numTensors: tf?.memory().numTensors ?? 0,
  });
}

function postField(run: Run, post: Post): void {
  run.fieldAt = performance.now();
  const { grid, directions } = run.session.field(run.field.t, run.field.cls, run.field.guidance);
  const g = flattenPoints(grid as Vec2[]);
  const d = flattenPoints(directions);
  post({ type: 'field', run: run.id, t: Math.min(run.field.t, run.session.config.T), grid: g, directions: d }, [
    g.buffer,
    d.buffer,
  ]);
}

function trainingSnapshot(run: Run): WorkerEvent {
  const { phase, step, totalSteps, stepsPerSecond } = run.loop!.state;
  const quality = run.session.quality;
  const newQuality = quality.slice(run.qualitySent);
  run.qualitySent = quality.length;
  return {
    type: 'training',
    run: run.id,
    phase,
    step,
    totalSteps,
    stepsPerSecond,
    newLoss: run.loss.splice(0),
    newQuality,
    threshold: run.session.threshold,
    trainMs: run.session.trainMs,
    numTensors: tf?.memory().numTensors ?? 0,
  };
}

function disposeCurrent(): void {
  const run = current;
  if (!run) return;
  // Unset first: cancel() reports, and a replaced run must not post a snapshot.
  current = null;
  sampling++;
  run.loop?.cancel();
  run.session.dispose();
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
