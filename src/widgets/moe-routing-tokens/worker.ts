/**
 * Routing tokens' Worker: the tiny transformer with MoE feed-forward layers, trained in slices on a
 * sequence task; the reader's input is routed through it at most every PROBE_EVERY_MS while training.
 */
import { CurveBuffer } from '../../lib/runtime/curve';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import { isTrainingCommand, runTrainingCommand, SlicedTrainingRun, Throttle } from '../../lib/runtime/training-run';
import { serveModelWorker, type ServerContext } from '../../lib/runtime/worker-server';
import { MOE_TRANSFORMER, MoeTransformerSession, type TokenEvaluation } from '../../ml/moe-transformer';
import type { Command, TokensRunConfig, WorkerEvent } from './protocol';

/** Routing one question is one forward pass; the tables redraw on the page: twice a second is enough. */
const PROBE_EVERY_MS = 500;

type Ctx = ServerContext<WorkerEvent, TokensRun>;

class TokensRun extends SlicedTrainingRun<MoeTransformerSession> {
  private readonly loss = new CurveBuffer();
  private readonly evalLoss = new CurveBuffer();
  private readonly accuracy = new CurveBuffer();
  private evaluation: TokenEvaluation | null = null;
  private readonly probing = new Throttle(PROBE_EVERY_MS);

  constructor(
    id: number,
    config: TokensRunConfig,
    public probe: number[],
    private readonly post: (event: WorkerEvent) => void,
  ) {
    super(id, new MoeTransformerSession(config), { totalSteps: config.steps, evalEvery: MOE_TRANSFORMER.evalEvery });
    this.evaluate();
  }

  protected recordStep(): void {
    const s = this.session.trainStep();
    this.loss.push(this.session.steps, s.loss);
  }

  protected snapshot(progress: RunnerState, forceProbe: boolean): void {
    const probeDue = this.probing.due(forceProbe || progress.phase !== 'running');
    const model = this.session.model;
    this.post({
      type: 'snapshot',
      run: this.id,
      progress,
      newLoss: this.loss.drain(),
      newEvalLoss: this.evalLoss.drain(),
      newAccuracy: this.accuracy.drain(),
      evaluation: this.evaluation,
      probe: probeDue ? this.session.probe(this.probe) : null,
      numParameters: model.numParameters,
      activeParameters: model.activeParameters,
      capacity: this.session.capacity,
    });
    this.evaluation = null;
  }

  protected evaluate(): void {
    const e = this.session.evaluate();
    this.evaluation = e;
    this.evalLoss.push(e.step, e.loss);
    this.accuracy.push(e.step, e.tokenAccuracy);
  }
}

serveModelWorker<Command, WorkerEvent, TokensRun>({
  async handle(cmd, ctx: Ctx) {
    if (isTrainingCommand(cmd)) return runTrainingCommand(cmd, ctx);
    switch (cmd.type) {
      case 'configure': {
        const run = await ctx.replaceSession(() => new TokensRun(cmd.run, cmd.config, cmd.probe, ctx.post));
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
