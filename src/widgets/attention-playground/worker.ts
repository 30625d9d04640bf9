/**
 * The attention playground's Worker: one training session (the tiny transformer, its optimiser and
 * data) trained in slices, so training never blocks the page. tfjs loads here, lazily, when the widget
 * first nears the viewport; the runtime's server (src/lib/runtime/worker-server.ts) owns that, the
 * current run, the session's disposal and memory reports.
 */
import { CurveBuffer } from '../../lib/runtime/curve';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import { isTrainingCommand, runTrainingCommand, SlicedTrainingRun, Throttle } from '../../lib/runtime/training-run';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { EVAL_EVERY, TrainingSession } from '../../ml/training-session';
import type { Command, RunConfig, WorkerEvent } from './protocol';

/**
 * While training, the reader's input is re-inspected at most this often: each inspection costs 1 + n
 * forward passes here and eight heatmap redraws on the page, and attention patterns change slowly.
 */
const PROBE_EVERY_MS = 600;

type Ctx = ServerContext<WorkerEvent, PlaygroundRun>;

/** One model and everything measured on it. */
class PlaygroundRun extends SlicedTrainingRun<TrainingSession> {
  private readonly loss = new CurveBuffer();
  private readonly accuracy = new CurveBuffer();
  private readonly evalLoss = new CurveBuffer();
  private readonly probing = new Throttle(PROBE_EVERY_MS);

  constructor(
    id: number,
    config: RunConfig,
    public probe: number[],
    private readonly post: (event: WorkerEvent) => void,
  ) {
    super(id, new TrainingSession(config), { totalSteps: config.steps, evalEvery: EVAL_EVERY });
    this.evaluate();
  }

  protected recordStep(): void {
    const loss = this.session.trainStep();
    this.loss.push(this.session.steps, loss);
  }

  /** What is new since the last report, and the reader's input inspected when due (or when forced). */
  protected snapshot(progress: RunnerState, forceProbe: boolean): void {
    const probeDue = this.probing.due(forceProbe || progress.phase !== 'running');
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

  protected evaluate(): void {
    const e = this.session.evaluate();
    this.accuracy.push(e.step, e.tokenAccuracy);
    this.evalLoss.push(e.step, e.loss);
  }
}

serveModelWorker<Command, WorkerEvent, PlaygroundRun>({
  async handle(cmd, ctx: Ctx) {
    if (isTrainingCommand(cmd)) return runTrainingCommand(cmd, ctx);
    switch (cmd.type) {
      case 'configure': {
        const run = await ctx.replaceSession(() => new PlaygroundRun(cmd.run, cmd.config, cmd.probe, ctx.post));
        run?.report(true);
        return;
      }
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
