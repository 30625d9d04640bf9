/**
 * Worker side of the calibration lab (worker.ts serves it; tests serve it through a fake scope): each
 * model's validation and test logits, scored once with the zoo's batched evaluation
 * (zoo-shared/evaluate.ts yields between batches, so newer requests get through) and cached as plain
 * arrays, and the study at the requested binning computed here, off the page's main thread. A model
 * "trained here" is trained first (trained.ts) and cached by its epochs; a request for another model
 * stops a training in progress. The only tensors kept are the zoo's lent models.
 */
import type { ServerContext } from '../../lib/runtime/worker-server';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { ZooKit, type ZooKitOptions } from '../zoo-shared/kit';
import type { ScoredSplit } from './controller';
import type { Command, StudyRequest, TrainingInfo, WorkerEvent } from './protocol';
import { labStudy } from './report';
import { trainAndScore } from './trained';

type Ctx = ServerContext<WorkerEvent, { dispose(): void }>;
type Post = ReturnType<Ctx['begin']>['post'];

interface Scored {
  validation: ScoredSplit;
  test: ScoredSplit;
  training: TrainingInfo | null;
}

/** The cache key of a request's model: a shipped model's name, or the epochs of one trained here. */
export const modelKey = (r: StudyRequest) => (r.source === 'trained' ? `trained:${r.epochs}` : r.model);

export class CalibrationStudies {
  private readonly zoo: ZooKit;
  private readonly scored = new Map<string, Promise<Scored>>();
  /** The newest run waiting for each model, which its progress goes to. */
  private readonly waiting = new Map<string, { post: Post; request: StudyRequest }>();
  /** The training in progress, stopped when a request for another model comes. */
  private training: { key: string; stop: AbortController } | null = null;

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
    const key = modelKey(request);
    if (this.training && this.training.key !== key) this.training.stop.abort();
    this.waiting.set(key, { post, request });
    let splits = this.scored.get(key);
    if (!splits) {
      splits = this.score(key, request, ctx);
      this.scored.set(key, splits);
      splits.catch(() => this.scored.delete(key));
    }
    const { validation, test, training } = await splits;
    if (run.signal.aborted) return;
    const t0 = performance.now();
    const study = labStudy(validation, test, request);
    post({ type: 'calibration-study', request, study, computeMs: performance.now() - t0, training });
  }

  /** Progress of a model's first scoring goes to the newest run that waits for it. */
  private report(key: string) {
    return {
      scoring: (p: { split: 'validation' | 'test'; done: number; total: number }) => {
        const w = this.waiting.get(key);
        w?.post({ type: 'calibration-scoring', request: w.request, ...p });
      },
      training: (p: { step: number; totalSteps: number; epoch: number }) => {
        const w = this.waiting.get(key);
        w?.post({ type: 'calibration-training', request: w.request, ...p });
      },
    };
  }

  private async score(key: string, request: StudyRequest, ctx: Ctx): Promise<Scored> {
    this.zoo.attach(ctx);
    const report = this.report(key);
    if (request.source === 'trained') {
      const stop = new AbortController();
      this.training = { key, stop };
      try {
        const [train, validation, test] = await Promise.all(
          (['train', 'validation', 'test'] as const).map((s) => this.zoo.assets.split(s, { signal: stop.signal })),
        );
        const r = await trainAndScore({ train, validation, test }, request.epochs, {
          signal: stop.signal,
          onTraining: report.training,
          onScoring: report.scoring,
        });
        if (!r) throw new Error('the training stopped: another model was asked for');
        const { epochs, steps, trainMs, stepsPerSecond, finalTrainLoss } = r;
        return {
          validation: r.validation,
          test: r.test,
          training: { epochs, steps, trainMs, stepsPerSecond, finalTrainLoss },
        };
      } finally {
        if (this.training?.stop === stop) this.training = null;
      }
    }
    const model = await this.zoo.model(request.model);
    const out: Partial<Record<'validation' | 'test', ScoredSplit>> = {};
    for (const split of ['validation', 'test'] as const) {
      const data = await this.zoo.assets.split(split);
      const r = await evaluateOnRunner(model, data, {
        onProgress: (p) => report.scoring({ split, done: p.done, total: p.total }),
      });
      if (!r) throw new Error('the evaluation stopped');
      out[split] = { logits: r.logits, labels: r.labels };
    }
    return { validation: out.validation!, test: out.test!, training: null };
  }
}
