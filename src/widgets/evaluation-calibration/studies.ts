/**
 * Worker side of the calibration lab (worker.ts serves it; tests serve it through a fake scope): each
 * model's validation and test logits, scored once with the zoo's batched evaluation
 * (zoo-shared/evaluate.ts yields between batches, so newer requests get through) and cached as plain
 * arrays, and the study at the requested binning computed here, off the page's main thread. The only
 * tensors kept are the zoo's lent models.
 */
import type { ServerContext } from '../../lib/runtime/worker-server';
import type { ZooModelName } from '../../math/zoo';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { ZooKit, type ZooKitOptions } from '../zoo-shared/kit';
import type { ScoredSplit } from './controller';
import type { Command, StudyRequest, WorkerEvent } from './protocol';
import { labStudy } from './report';

type Ctx = ServerContext<WorkerEvent, { dispose(): void }>;
type Post = ReturnType<Ctx['begin']>['post'];

export class CalibrationStudies {
  private readonly zoo: ZooKit;
  private readonly scored = new Map<ZooModelName, Promise<{ validation: ScoredSplit; test: ScoredSplit }>>();

  constructor(options: ZooKitOptions = {}) {
    this.zoo = new ZooKit(options);
  }

  async handle(cmd: Command, ctx: Ctx): Promise<void> {
    if (cmd.type !== 'calibration-study') throw new Error(`unknown command ${(cmd as { type: string }).type}`);
    const run = ctx.begin(cmd.run);
    const { request } = cmd;
    const post: Post = (e, transfer) => {
      if (!run.signal.aborted) run.post(e, transfer);
    };
    let splits = this.scored.get(request.model);
    if (!splits) {
      splits = this.score(request, ctx, post);
      this.scored.set(request.model, splits);
      splits.catch(() => this.scored.delete(request.model));
    }
    const { validation, test } = await splits;
    if (run.signal.aborted) return;
    const t0 = performance.now();
    const study = labStudy(validation, test, request);
    post({ type: 'calibration-study', request, study, computeMs: performance.now() - t0 });
  }

  private async score(request: StudyRequest, ctx: Ctx, report: Post) {
    this.zoo.attach(ctx);
    const model = await this.zoo.model(request.model);
    const out: Partial<Record<'validation' | 'test', ScoredSplit>> = {};
    for (const split of ['validation', 'test'] as const) {
      const data = await this.zoo.assets.split(split);
      const r = await evaluateOnRunner(model, data, {
        onProgress: (p) => report({ type: 'calibration-scoring', request, split, done: p.done, total: p.total }),
      });
      if (!r) throw new Error('the evaluation stopped');
      out[split] = { logits: r.logits, labels: r.labels };
    }
    return out as { validation: ScoredSplit; test: ScoredSplit };
  }
}
