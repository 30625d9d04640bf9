/**
 * The router lab's Worker: one training session (an MoE layer, its optimiser and data) trained in
 * slices, so training never blocks the page. tfjs loads here, lazily; the runtime's server owns that,
 * the current run, the session's disposal and memory reports.
 */
import { CurveBuffer } from '../../lib/runtime/curve';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import { isTrainingCommand, runTrainingCommand, SlicedTrainingRun } from '../../lib/runtime/training-run';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { LAB_EVAL_EVERY, RouterLabSession, type ExpertMap, type LabEvaluation } from '../../ml/moe-router-lab';
import type { Command, LabRunConfig, WorkerEvent } from './protocol';

type Ctx = ServerContext<WorkerEvent, LabRun>;

class LabRun extends SlicedTrainingRun<RouterLabSession> {
  private readonly curves = {
    loss: new CurveBuffer(),
    evalLoss: new CurveBuffer(),
    accuracy: new CurveBuffer(),
    cv: new CurveBuffer(),
    dropped: new CurveBuffer(),
    entropy: new CurveBuffer(),
  };
  private evaluation: LabEvaluation | null = null;
  private map: ExpertMap | null = null;

  constructor(
    id: number,
    config: LabRunConfig,
    private readonly post: (event: WorkerEvent) => void,
  ) {
    super(id, new RouterLabSession(config), { totalSteps: config.steps, evalEvery: LAB_EVAL_EVERY });
    this.evaluate();
  }

  protected recordStep(): void {
    const s = this.session.trainStep();
    this.curves.loss.push(s.step, s.loss);
  }

  protected snapshot(progress: RunnerState): void {
    const c = this.curves;
    this.post({
      type: 'snapshot',
      run: this.id,
      progress,
      newLoss: c.loss.drain(),
      newEvalLoss: c.evalLoss.drain(),
      newAccuracy: c.accuracy.drain(),
      newCv: c.cv.drain(),
      newDropped: c.dropped.drain(),
      newEntropy: c.entropy.drain(),
      evaluation: this.evaluation,
      map: this.map,
      numParameters: this.session.numParameters,
      capacity: this.session.capacity,
    });
    this.evaluation = null;
    this.map = null;
  }

  protected evaluate(): void {
    const e = this.session.evaluate();
    this.evaluation = e;
    this.map = this.session.expertMap();
    this.curves.evalLoss.push(e.step, e.loss);
    this.curves.accuracy.push(e.step, e.accuracy);
    this.curves.cv.push(e.step, e.cv);
    this.curves.dropped.push(e.step, e.dropped);
    this.curves.entropy.push(e.step, e.entropy);
  }
}

serveModelWorker<Command, WorkerEvent, LabRun>({
  async handle(cmd, ctx: Ctx) {
    if (isTrainingCommand(cmd)) return runTrainingCommand(cmd, ctx);
    const run = await ctx.replaceSession(() => new LabRun(cmd.run, cmd.config, ctx.post));
    run?.report();
  },
});
