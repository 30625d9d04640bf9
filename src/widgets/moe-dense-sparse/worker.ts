/**
 * Dense versus sparse's Worker: one session (both models, their optimisers and data) trained in slices.
 * Each step trains the dense model, then the MoE, on the same batch, and times each.
 */
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import { isTrainingCommand, runTrainingCommand, SlicedTrainingRun } from '../../lib/runtime/training-run';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { DenseSparseSession, DS_EVAL_EVERY } from '../../ml/moe-dense-sparse';
import type { Command, CostPoint, DsRunConfig, WorkerEvent } from './protocol';

type Ctx = ServerContext<WorkerEvent, DsRun>;

class DsRun extends SlicedTrainingRun<DenseSparseSession> {
  private fresh: CostPoint[] = [];
  private ms = { dense: 0, moe: 0 };
  private moeCv = 0;
  private moeDropped = 0;

  constructor(
    id: number,
    config: DsRunConfig,
    private readonly post: (event: WorkerEvent) => void,
  ) {
    super(id, new DenseSparseSession(config), { totalSteps: config.steps, evalEvery: DS_EVAL_EVERY });
    this.evaluate();
  }

  protected recordStep(): void {
    const s = this.session.trainStep();
    this.ms.dense += s.dense.ms;
    this.ms.moe += s.moe.ms;
  }

  protected snapshot(progress: RunnerState): void {
    const steps = Math.max(1, this.session.steps);
    this.post({
      type: 'snapshot',
      run: this.id,
      progress,
      newPoints: this.fresh,
      counts: this.session.counts,
      msPerStep: { dense: this.ms.dense / steps, moe: this.ms.moe / steps },
      moeCv: this.moeCv,
      moeDropped: this.moeDropped,
    });
    this.fresh = [];
  }

  protected evaluate(): void {
    const e = this.session.evaluate();
    const { denseStepFlops, moeStepFlops } = this.session.counts;
    this.fresh.push(
      { model: 'dense', step: e.step, flops: e.step * denseStepFlops, seconds: this.ms.dense / 1000, ...e.dense },
      {
        model: 'moe',
        step: e.step,
        flops: e.step * moeStepFlops,
        seconds: this.ms.moe / 1000,
        loss: e.moe.loss,
        accuracy: e.moe.accuracy,
      },
    );
    this.moeCv = e.moe.cv;
    this.moeDropped = e.moe.dropped;
  }
}

serveModelWorker<Command, WorkerEvent, DsRun>({
  async handle(cmd, ctx: Ctx) {
    if (isTrainingCommand(cmd)) return runTrainingCommand(cmd, ctx);
    const run = await ctx.replaceSession(() => new DsRun(cmd.run, cmd.config, ctx.post));
    run?.report();
  },
});
