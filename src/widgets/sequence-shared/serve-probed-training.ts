/**
 * The Worker of a widget that trains a model on the sequence tasks and answers the reader's sequence:
 * `configure` replaces the model (the server disposes the old one) and reports it at step 0 with the
 * reader's sequence inspected; `probe` re-inspects the current model; `play` and `step` train it.
 */
import type { Typed } from '../../lib/runtime/protocol';
import { isTrainingCommand, runTrainingCommand, type TrainableRun } from '../../lib/runtime/training-run';
import { serveModelWorker } from '../../lib/runtime/worker-server';
import type { ProbedTrainingCommand } from './protocol';

/** A run that inspects the reader's sequence when its snapshot is forced. */
export interface ProbedRun extends TrainableRun {
  probe: number[];
  report(force?: boolean): void;
}

export function serveProbedTraining<Config, E extends Typed, R extends ProbedRun>(
  makeRun: (id: number, config: Config, probe: number[], post: (event: E) => void) => R,
): void {
  serveModelWorker<ProbedTrainingCommand<Config>, E, R>({
    async handle(cmd, ctx) {
      if (isTrainingCommand(cmd)) return runTrainingCommand(cmd, ctx);
      if (cmd.type === 'configure') {
        const run = await ctx.replaceSession(() => makeRun(cmd.run, cmd.config, cmd.probe, ctx.post));
        run?.report(true);
        return;
      }
      const run = ctx.session;
      if (!run) return;
      run.probe = cmd.probe;
      run.report(true);
    },
  });
}
