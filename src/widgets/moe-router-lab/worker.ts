/**
 * The router lab's Worker: one training session (an MoE layer, its optimiser and data) trained in
 * slices, so training never blocks the page. tfjs loads here, lazily; the runtime's server owns that,
 * the current run, the session's disposal and memory reports.
 */
import { CurveBuffer } from '../../lib/runtime/curve';
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { LAB_EVAL_EVERY, RouterLabSession, type ExpertMap, type LabEvaluation } from '../../ml/moe-router-lab';
import type { Command, LabRunConfig, WorkerEvent } from './protocol';

/** Four redraws a second keep the charts live without spending the page's time on drawing. */
const REPORT_EVERY_MS = 250;

type Ctx = ServerContext<WorkerEvent, LabRun>;

class LabRun {
  readonly session: RouterLabSession;
  readonly runner: SlicedRunner;
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
    readonly id: number,
    config: LabRunConfig,
    private readonly post: (event: WorkerEvent) => void,
  ) {
    const session = new RouterLabSession(config);
    this.session = session;
    this.evaluate();
    this.runner = new SlicedRunner({
      totalSteps: config.steps,
      step: () => {
        const s = session.trainStep();
        this.curves.loss.push(s.step, s.loss);
        if (session.steps % LAB_EVAL_EVERY === 0 || session.steps === config.steps) this.evaluate();
      },
      report: () => this.report(),
      reportEveryMs: REPORT_EVERY_MS,
    });
  }

  report(): void {
    const progress = this.runner.state;
    if (progress.phase === 'cancelled') return;
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

  dispose(): void {
    this.runner.cancel();
    this.session.dispose();
  }

  private evaluate(): void {
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
    switch (cmd.type) {
      case 'configure': {
        const run = await ctx.replaceSession(() => new LabRun(cmd.run, cmd.config, ctx.post));
        run?.report();
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
    }
  },
});
