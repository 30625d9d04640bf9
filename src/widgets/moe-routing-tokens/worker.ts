/**
 * Routing tokens' Worker: the tiny transformer with MoE feed-forward layers, trained in slices on a
 * sequence task; the reader's input is routed through it at most every PROBE_EVERY_MS while training.
 */
import { CurveBuffer } from '../../lib/runtime/curve';
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { MOE_TRANSFORMER, MoeTransformerSession, type TokenEvaluation } from '../../ml/moe-transformer';
import type { Command, TokensRunConfig, WorkerEvent } from './protocol';

const REPORT_EVERY_MS = 250;
/** Routing one question is one forward pass; the tables redraw on the page: twice a second is enough. */
const PROBE_EVERY_MS = 500;

type Ctx = ServerContext<WorkerEvent, TokensRun>;

class TokensRun {
  readonly session: MoeTransformerSession;
  readonly runner: SlicedRunner;
  private readonly loss = new CurveBuffer();
  private readonly evalLoss = new CurveBuffer();
  private readonly accuracy = new CurveBuffer();
  private evaluation: TokenEvaluation | null = null;
  private probedAt = -Infinity;

  constructor(
    readonly id: number,
    config: TokensRunConfig,
    public probe: number[],
    private readonly post: (event: WorkerEvent) => void,
  ) {
    const session = new MoeTransformerSession(config);
    this.session = session;
    this.evaluate();
    this.runner = new SlicedRunner({
      totalSteps: config.steps,
      step: () => {
        const s = session.trainStep();
        this.loss.push(session.steps, s.loss);
        if (session.steps % MOE_TRANSFORMER.evalEvery === 0 || session.steps === config.steps) this.evaluate();
      },
      report: () => this.report(),
      reportEveryMs: REPORT_EVERY_MS,
    });
  }

  report(forceProbe = false): void {
    const progress = this.runner.state;
    if (progress.phase === 'cancelled') return;
    const now = performance.now();
    const probeDue = forceProbe || progress.phase !== 'running' || now - this.probedAt >= PROBE_EVERY_MS;
    if (probeDue) this.probedAt = now;
    this.post({
      type: 'snapshot',
      run: this.id,
      progress,
      newLoss: this.loss.drain(),
      newEvalLoss: this.evalLoss.drain(),
      newAccuracy: this.accuracy.drain(),
      evaluation: this.evaluation,
      probe: probeDue ? this.session.probe(this.probe) : null,
      numParameters: this.session.model.numParameters,
      activeParameters: this.session.model.activeParameters,
      capacity: this.session.capacity,
    });
    this.evaluation = null;
  }

  dispose(): void {
    this.runner.cancel();
    this.session.dispose();
  }

  private evaluate(): void {
    const e = this.session.evaluate();
    this.evaluation = e;
    this.evalLoss.push(e.step, e.loss);
    this.accuracy.push(e.step, e.tokenAccuracy);
  }
}

serveModelWorker<Command, WorkerEvent, TokensRun>({
  async handle(cmd, ctx: Ctx) {
    switch (cmd.type) {
      case 'configure': {
        const run = await ctx.replaceSession(() => new TokensRun(cmd.run, cmd.config, cmd.probe, ctx.post));
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
