/**
 * The robustness curve's Worker: the zoo's shared commands, and the curve, stepped batch by batch on a
 * SlicedRunner (src/ml/security-robustness.ts's generator), so progress flows and a newer run or Stop
 * ends it between batches. tfjs loads here, lazily.
 */
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { robustnessBatches, type RobustnessProgress } from '../../ml/security-robustness';
import { isAbortError } from '../zoo-shared/assets';
import { ZooKit } from '../zoo-shared/kit';
import type { Command, CurveProgress, WorkerEvent } from './protocol';
import { checkCurveRequest } from './request';

const zoo = new ZooKit();

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx) {
    if (await zoo.handle(cmd, ctx)) return;
    if (cmd.type !== 'curve') return;
    checkCurveRequest(cmd.request);
    const run = ctx.begin(cmd.run);
    let info: CurveProgress = {
      phase: 'loading',
      request: cmd.request,
      done: 0,
      total: 0,
      points: [],
      computeMs: 0,
      loading: null,
    };
    const post = (patch: Partial<CurveProgress>) => {
      info = { ...info, ...patch };
      run.post({ type: 'curve-progress', progress: info });
    };
    post({});
    let model, test;
    try {
      [model, test] = await Promise.all([
        zoo.model(cmd.request.model, run.signal, (p) => post({ loading: p })),
        zoo.assets.split('test', { signal: run.signal, onProgress: (p) => post({ loading: p }) }),
      ]);
    } catch (err) {
      if (isAbortError(err)) return post({ phase: 'cancelled', loading: null });
      throw err;
    }
    if (run.signal.aborted) return post({ phase: 'cancelled', loading: null });
    const it = robustnessBatches(model, test, cmd.request.settings);
    const s = cmd.request.settings;
    const total = Math.ceil(Math.min(s.count, test.count) / s.batchSize) * s.kinds.length * s.epsilons.length;
    let latest: RobustnessProgress = { done: 0, total, points: [] };
    const runner = new SlicedRunner({
      totalSteps: total,
      step: () => {
        latest = it.next().value;
      },
      report: (s) =>
        post({
          phase: s.phase,
          loading: null,
          done: latest.done,
          total: latest.total,
          points: latest.points,
          computeMs: s.busyMs,
        }),
      signal: run.signal,
    });
    try {
      await runner.play();
    } finally {
      it.return(undefined as never);
    }
  },
});
