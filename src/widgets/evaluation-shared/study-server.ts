/**
 * Worker side of the evaluation chapter's study widgets (a widget's worker.ts is one call:
 * `serveModelWorker({ handle: (cmd, ctx) => studies.handle(cmd, ctx) })`): each model's validation and
 * test logits, scored once with the zoo's batched evaluation (zoo-shared/evaluate.ts yields between
 * batches, so newer requests get through) and cached as plain arrays with the test digits' pixels, and
 * the widget's study computed from them here. The only tensors kept are the zoo's lent models.
 */
import type { ServerContext } from '../../lib/runtime/worker-server';
import type { ZooModelName } from '../../math/zoo';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { ZooKit, type ZooKitOptions } from '../zoo-shared/kit';
import type { ModelRequest, StudyCommand, StudyEvent } from './study-protocol';

/** A split's logits (count × 10) and labels, as the model scored them. */
export interface ScoredSplit {
  logits: Float32Array;
  labels: Uint8Array;
}

export interface ScoredModel {
  validation: ScoredSplit;
  test: ScoredSplit & { images: Uint8Array };
}

type Ctx<R extends ModelRequest, S> = ServerContext<StudyEvent<R, S>, { dispose(): void }>;

export class StudyServer<R extends ModelRequest, S> {
  private readonly zoo: ZooKit;
  private readonly scored = new Map<ZooModelName, Promise<ScoredModel>>();

  constructor(
    private readonly compute: (scored: ScoredModel, request: R) => S,
    options: ZooKitOptions = {},
  ) {
    this.zoo = new ZooKit(options);
  }

  async handle(cmd: StudyCommand<R>, ctx: Ctx<R, S>): Promise<void> {
    if (cmd.type !== 'eval-study') throw new Error(`unknown command ${(cmd as { type: string }).type}`);
    const run = ctx.begin(cmd.run);
    const { request } = cmd;
    const post: typeof run.post = (e, transfer) => {
      if (!run.signal.aborted) run.post(e, transfer);
    };
    let scored = this.scored.get(request.model);
    if (!scored) {
      scored = this.score(request, ctx, post);
      this.scored.set(request.model, scored);
      scored.catch(() => this.scored.delete(request.model));
    }
    const model = await scored;
    if (run.signal.aborted) return;
    const t0 = performance.now();
    const study = this.compute(model, request);
    post({ type: 'eval-study', request, study, computeMs: performance.now() - t0 });
  }

  private async score(request: R, ctx: Ctx<R, S>, report: ReturnType<Ctx<R, S>['begin']>['post']) {
    this.zoo.attach(ctx);
    const model = await this.zoo.model(request.model);
    const out: Partial<Record<'validation' | 'test', ScoredSplit>> = {};
    let images: Uint8Array = new Uint8Array(0);
    for (const split of ['validation', 'test'] as const) {
      const data = await this.zoo.assets.split(split);
      if (split === 'test') images = data.images;
      const r = await evaluateOnRunner(model, data, {
        onProgress: (p) => report({ type: 'eval-scoring', request, split, done: p.done, total: p.total }),
      });
      if (!r) throw new Error('the evaluation stopped');
      out[split] = { logits: r.logits, labels: r.labels };
    }
    return { validation: out.validation!, test: { ...out.test!, images } };
  }
}
