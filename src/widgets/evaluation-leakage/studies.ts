/**
 * Worker side of the leakage lab (worker.ts serves it; tests serve it through a fake scope): the zoo's
 * training digits (fetched once), the collected and held-out sets of the settings, and one training run
 * per protocol (src/ml/evaluation-leakage.ts) stepped on a SlicedRunner: a newer request cancels it
 * between slices, and the run's model is freed whatever happens.
 */
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import type { ServerContext } from '../../lib/runtime/worker-server';
import { prepareProtocol } from '../../math/evaluation-leakage';
import { LEAK_PROTOCOLS, LeakageRun, leakData, type LeakSettings } from '../../ml/evaluation-leakage';
import { ZooKit, type ZooKitOptions } from '../zoo-shared/kit';
import type { Command, WorkerEvent } from './protocol';

type Ctx = ServerContext<WorkerEvent, { dispose(): void }>;

export class LeakageStudies {
  private readonly zoo: ZooKit;

  constructor(options: ZooKitOptions = {}) {
    this.zoo = new ZooKit(options);
  }

  async handle(cmd: Command, ctx: Ctx): Promise<void> {
    if (cmd.type !== 'leak-study') throw new Error(`unknown command ${(cmd as { type: string }).type}`);
    this.zoo.attach(ctx);
    const run = ctx.begin(cmd.run);
    const settings: LeakSettings = cmd.settings;
    const t0 = performance.now();
    const train = await this.zoo.assets.split('train', { signal: run.signal });
    if (run.signal.aborted) return;
    const { collected, heldOut } = leakData(train, settings);
    const per = settings.steps + 1;
    let current: LeakageRun | null = null;
    let failed: unknown = null;
    const runner = new SlicedRunner({
      totalSteps: LEAK_PROTOCOLS.length * per,
      signal: run.signal,
      step: (i) => {
        const p = LEAK_PROTOCOLS[Math.floor(i / per)];
        const within = i % per;
        if (within === 0) current = new LeakageRun(p, prepareProtocol(collected, heldOut, p, settings.seed), settings);
        if (within < settings.steps) {
          current!.step();
          return;
        }
        const result = current!.result();
        current!.dispose();
        current = null;
        run.post({ type: 'leak-result', settings, id: p.id, result });
      },
      report: (s) => {
        const p = LEAK_PROTOCOLS[Math.min(LEAK_PROTOCOLS.length - 1, Math.floor(s.step / per))];
        run.post({
          type: 'leak-progress',
          settings,
          done: s.step,
          total: s.totalSteps,
          protocol: p.id,
          stepsPerSecond: s.stepsPerSecond,
        });
      },
    });
    try {
      await runner.play();
    } catch (err) {
      failed = err;
    } finally {
      (current as LeakageRun | null)?.dispose();
    }
    if (failed) throw failed;
    if (runner.state.phase === 'done') run.post({ type: 'leak-done', settings, computeMs: performance.now() - t0 });
  }
}
