/**
 * Dense versus sparse's Worker: one session (both models, their optimisers and data) trained in slices.
 * Each step trains the dense model, then the MoE, on the same batch, and times each.
 */
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { DenseSparseSession, DS_EVAL_EVERY } from '../../ml/moe-dense-sparse';
import type { Command, CostPoint, DsRunConfig, WorkerEvent } from './protocol';

const REPORT_EVERY_MS = 250;

type Ctx = ServerContext<WorkerEvent, DsRun>;

class DsRun {
  readonly session: DenseSparseSession;
  readonly runner: SlicedRunner;
  private fresh: CostPoint[] = [];
  private ms = { dense: 0, moe: 0 };
  private moeCv = 0;
  private moeDropped = 0;

  constructor(
    readonly id: number,
    config: DsRunConfig,
    private readonly post: (event: WorkerEvent) => void,
  ) {
    const session = new DenseSparseSession(config);
    this.session = session;
    this.evaluate();
    this.runner = new SlicedRunner({
      totalSteps: config.steps,
      step: () => {
        const s = session.trainStep();
        this.ms.dense += s.dense.ms;
        this.ms.moe += s.moe.ms;
        if (session.steps % DS_EVAL_EVERY === 0 || session.steps === config.steps) this.evaluate();
      },
      report: () => this.report(),
      reportEveryMs: REPORT_EVERY_MS,
    });
  }

  report(): void {
    const progress = this.runner.state;
    if (progress.phase === 'cancelled') return;
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

  dispose(): void {
    this.runner.cancel();
    this.session.dispose();
  }

  private evaluate(): void {
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
    switch (cmd.type) {
      case 'configure': {
        const run = await ctx.replaceSession(() => new DsRun(cmd.run, cmd.config, ctx.post));
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
