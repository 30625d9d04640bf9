/**
 * The attention playground's Worker: one training session (the tiny transformer, its optimiser and
 * data) trained in slices, so training never blocks the page. tfjs loads here, lazily, when the widget
 * first nears the viewport; the runtime's server (src/lib/runtime/worker-server.ts) owns that, the
 * current run, the session's disposal and memory reports.
 */
import { CurveBuffer } from '../../lib/runtime/curve';
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { EVAL_EVERY, TrainingSession } from '../../ml/training-session';
import type { Command, RunConfig, WorkerEvent } from './protocol';

/**
 * While training, the reader's input is re-inspected at most this often: each inspection costs 1 + n
 * forward passes here and eight heatmap redraws on the page, and attention patterns change slowly.
 */
const PROBE_EVERY_MS = 600;
/** Four redraws a second keep the curves live without spending the page's time on drawing. */
const REPORT_EVERY_MS = 250;

type Ctx = ServerContext<WorkerEvent, PlaygroundRun>;

/** One model and everything measured on it. */
class PlaygroundRun {
  readonly session: TrainingSession;
  readonly runner: SlicedRunner;
  private readonly loss = new CurveBuffer();
  private readonly accuracy = new CurveBuffer();
  private readonly evalLoss = new CurveBuffer();
  /** When the reader's input was last inspected (performance.now()). */
  private probedAt = -Infinity;

  constructor(
    readonly id: number,
    config: RunConfig,
    public probe: number[],
    private readonly post: (event: WorkerEvent) => void,
  ) {
    const session = new TrainingSession(config);
    this.session = session;
    this.evaluate();
    this.runner = new SlicedRunner({
      totalSteps: config.steps,
      step: () => {
        const loss = session.trainStep();
        this.loss.push(session.steps, loss);
        if (session.steps % EVAL_EVERY === 0 || session.steps === config.steps) this.evaluate();
      },
      report: () => this.report(),
      reportEveryMs: REPORT_EVERY_MS,
    });
  }

  /** Posts what is new since the last report; inspects the reader's input when due (or when told). */
  report(forceProbe = false): void {
    const progress = this.runner.state;
    // A cancelled runner belongs to a replaced model: nothing to show.
    if (progress.phase === 'cancelled') return;
    const now = performance.now();
    const probeDue = forceProbe || progress.phase !== 'running' || now - this.probedAt >= PROBE_EVERY_MS;
    if (probeDue) this.probedAt = now;
    this.post({
      type: 'snapshot',
      run: this.id,
      progress,
      newLoss: this.loss.drain(),
      newAccuracy: this.accuracy.drain(),
      newEvalLoss: this.evalLoss.drain(),
      probe: probeDue ? this.session.probe(this.probe) : null,
      numParameters: this.session.model.numParameters,
    });
  }

  dispose(): void {
    this.runner.cancel();
    this.session.dispose();
  }

  private evaluate(): void {
    const e = this.session.evaluate();
    this.accuracy.push(e.step, e.tokenAccuracy);
    this.evalLoss.push(e.step, e.loss);
  }
}

serveModelWorker<Command, WorkerEvent, PlaygroundRun>({
  async handle(cmd, ctx: Ctx) {
    switch (cmd.type) {
      case 'configure': {
        const run = await ctx.replaceSession(() => new PlaygroundRun(cmd.run, cmd.config, cmd.probe, ctx.post));
        run?.report(true);
        return;
      }
      case 'play': {
        const run = ctx.session;
        if (run) await run.runner.play(ctx.begin(run.id).signal);
        return;
      }
      case 'step':
        await ctx.session?.runner.stepOnce();
        return;
      case 'probe': {
        const run = ctx.session;
        if (!run) return;
        run.probe = cmd.probe;
        run.report(true);
        return;
      }
    }
  },
});
