/**
 * The attention playground's Worker: owns the training session and its loop, so training never blocks
 * the page. tfjs loads here, lazily, when the widget first nears the viewport.
 */
import { loadTf, type LoadedTf } from '../../lib/tf-runtime';
import { TrainingLoop } from '../../lib/training-loop';
import { serveWorker } from '../../lib/worker-host';
import { EVAL_EVERY, TrainingSession } from '../../ml/training-session';
import type { Command, CurvePoint, RunConfig, WorkerEvent } from './protocol';

type Post = (event: WorkerEvent) => void;

interface Run {
  id: number;
  session: TrainingSession;
  loop: TrainingLoop;
  probe: number[];
  /** When the reader's input was last inspected (performance.now()). */
  probedAt: number;
  loss: CurvePoint[];
  accuracy: CurvePoint[];
  evalLoss: CurvePoint[];
}

let loaded: Promise<LoadedTf> | null = null;
let tf: LoadedTf['tf'] | null = null;
let current: Run | null = null;
let runs = 0;

serveWorker<Command, WorkerEvent>(async (cmd, post) => {
  switch (cmd.type) {
    case 'init': {
      loaded = loadTf(cmd.backends);
      const result = await loaded;
      tf = result.tf;
      post({ type: 'backend', backend: result.backend, fallbacks: result.fallbacks });
      return;
    }
    case 'configure':
      if (!loaded) throw new Error('The worker was configured before it was initialised.');
      await loaded;
      disposeCurrent();
      current = startRun(cmd.config, cmd.probe, post);
      post(snapshot(current));
      return;
    case 'play':
      await current?.loop.play();
      return;
    case 'pause':
      current?.loop.pause();
      return;
    case 'step':
      await current?.loop.stepOnce();
      return;
    case 'probe':
      if (!current) return;
      current.probe = cmd.probe;
      post(snapshot(current));
      return;
  }
});

function startRun(config: RunConfig, probe: number[], post: Post): Run {
  const session = new TrainingSession(config);
  const run: Run = { id: ++runs, session, probe, probedAt: 0, loss: [], accuracy: [], evalLoss: [], loop: null! };
  const evaluate = () => {
    const e = session.evaluate();
    run.accuracy.push({ step: e.step, value: e.tokenAccuracy });
    run.evalLoss.push({ step: e.step, value: e.loss });
  };
  evaluate();
  run.loop = new TrainingLoop({
    totalSteps: config.steps,
    step: () => {
      const loss = session.trainStep();
      run.loss.push({ step: session.steps, value: loss });
      if (session.steps % EVAL_EVERY === 0 || session.steps === config.steps) evaluate();
    },
    report: () => {
      if (current === run) post(snapshot(run));
    },
    // Four redraws a second keep the curves live without spending the page's time on drawing.
    reportEveryMs: 250,
  });
  return run;
}

/**
 * While training, the reader's input is re-inspected at most this often: each inspection costs 1 + n
 * forward passes here and eight heatmap redraws on the page, and attention patterns change slowly.
 */
const PROBE_EVERY_MS = 600;

/** Drains the curve points gathered since the last snapshot and, when due, inspects the reader's input. */
function snapshot(run: Run): WorkerEvent {
  const { phase, step, totalSteps, stepsPerSecond } = run.loop.state;
  const now = performance.now();
  const probeDue = phase !== 'running' || now - run.probedAt >= PROBE_EVERY_MS;
  if (probeDue) run.probedAt = now;
  return {
    type: 'snapshot',
    run: run.id,
    phase,
    step,
    totalSteps,
    stepsPerSecond,
    newLoss: run.loss.splice(0),
    newAccuracy: run.accuracy.splice(0),
    newEvalLoss: run.evalLoss.splice(0),
    probe: probeDue ? run.session.probe(run.probe) : null,
    numParameters: run.session.model.numParameters,
    numTensors: tf?.memory().numTensors ?? 0,
  };
}

function disposeCurrent(): void {
  const run = current;
  if (!run) return;
  // Unset first: cancel() reports, and a replaced run must not post a snapshot.
  current = null;
  run.loop.cancel();
  run.session.dispose();
}
