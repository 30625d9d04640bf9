/**
 * Worker side of the evaluation chapter's study widgets (a widget's worker.ts is one call:
 * `serveModelWorker({ handle: (cmd, ctx) => studies.handle(cmd, ctx) })`): each model's validation and
 * test logits, scored once with the zoo's batched evaluation (zoo-shared/evaluate.ts yields between
 * batches, so newer requests get through) and cached as plain arrays with the test digits' pixels, and
 * the widget's study computed from them here. A widget may also offer a model trained in the worker
 * (`trained`): it is trained and scored once per cache key, and a request for another model stops a
 * training in progress. The reader can pause, resume and step that training (training-gate.ts) or reset
 * it: the model is freed and every model trained here forgotten, until the next request trains again.
 * Progress goes to the newest run waiting for the model. The only tensors kept are the zoo's lent models
 * and, while one trains, the trained model's (paused or not).
 */
import type { ServerContext } from '../../lib/runtime/worker-server';
import type { DigitSplit } from '../../math/digit-split';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { ZooKit, type ZooKitOptions } from '../zoo-shared/kit';
import type { ModelRequest, StudyCommand, StudyEvent, TrainingInfo, TrainingProgress } from './study-protocol';
import { TrainingGate } from './training-gate';

/** A split's logits (count × 10) and labels, as the model scored them. */
export interface ScoredSplit {
  logits: Float32Array;
  labels: Uint8Array;
}

export interface ScoredModel {
  validation: ScoredSplit;
  test: ScoredSplit & { images: Uint8Array };
  /** For a model trained in the worker: how it was trained. */
  training?: TrainingInfo;
}

export interface ScoringProgressInfo {
  split: 'validation' | 'test';
  done: number;
  total: number;
}

/** A model the worker trains for some requests, then scores like a shipped one. */
export interface TrainedSource<R extends ModelRequest> {
  /** The cache key of the request's trained model, or null for a shipped model. */
  key(request: R): string | null;
  /** Trains and scores; resolves to null when `signal` stopped it. */
  score(
    request: R,
    data: { train: DigitSplit; validation: DigitSplit; test: DigitSplit },
    hooks: {
      signal: AbortSignal;
      /** The reader's Pause, Resume and Step: the training runs through it. */
      gate: TrainingGate;
      onTraining: (p: TrainingProgress) => void;
      onScoring: (p: ScoringProgressInfo) => void;
    },
  ): Promise<{ validation: ScoredSplit; test: ScoredSplit; training: TrainingInfo } | null>;
}

export interface StudyServerOptions<R extends ModelRequest> extends ZooKitOptions {
  trained?: TrainedSource<R>;
}

type Ctx<R extends ModelRequest, S> = ServerContext<StudyEvent<R, S>, { dispose(): void }>;
type Post<R extends ModelRequest, S> = ReturnType<Ctx<R, S>['begin']>['post'];

export class StudyServer<R extends ModelRequest, S> {
  private readonly zoo: ZooKit;
  private readonly trained: TrainedSource<R> | undefined;
  private readonly scored = new Map<string, Promise<ScoredModel>>();
  /** The newest run waiting for each model, which its progress goes to. */
  private readonly waiting = new Map<string, { post: Post<R, S>; request: R }>();
  /** The training in progress, stopped when a request for another model comes. */
  private training: { key: string; stop: AbortController; gate: TrainingGate } | null = null;
  /** The cache keys of the models trained here. */
  private readonly trainedKeys = new Set<string>();

  constructor(
    private readonly compute: (scored: ScoredModel, request: R) => S,
    options: StudyServerOptions<R> = {},
  ) {
    const { trained, ...zoo } = options;
    this.zoo = new ZooKit(zoo);
    this.trained = trained;
  }

  async handle(cmd: StudyCommand<R>, ctx: Ctx<R, S>): Promise<void> {
    if (cmd.type === 'eval-train') {
      this.training?.gate.command(cmd.action);
      return;
    }
    if (cmd.type === 'eval-train-reset') {
      ctx.begin(cmd.run);
      this.training?.stop.abort();
      for (const key of this.trainedKeys) this.scored.delete(key);
      this.trainedKeys.clear();
      return;
    }
    if (cmd.type !== 'eval-study') throw new Error(`unknown command ${(cmd as { type: string }).type}`);
    const run = ctx.begin(cmd.run);
    const { request } = cmd;
    const post: Post<R, S> = (e, transfer) => {
      if (!run.signal.aborted) run.post(e, transfer);
    };
    const key = this.trained?.key(request) ?? request.model;
    if (this.training && this.training.key !== key) this.training.stop.abort();
    this.waiting.set(key, { post, request });
    let scored = this.scored.get(key);
    if (!scored) {
      scored = this.score(key, request, ctx);
      this.scored.set(key, scored);
      scored.catch(() => this.scored.delete(key));
    }
    const model = await scored;
    if (run.signal.aborted) return;
    const t0 = performance.now();
    const study = this.compute(model, request);
    post({ type: 'eval-study', request, study, computeMs: performance.now() - t0 });
  }

  private async score(key: string, request: R, ctx: Ctx<R, S>): Promise<ScoredModel> {
    this.zoo.attach(ctx);
    const onScoring = (p: ScoringProgressInfo) => {
      const w = this.waiting.get(key);
      w?.post({ type: 'eval-scoring', request: w.request, ...p });
    };
    if (this.trained && this.trained.key(request) !== null) {
      this.trainedKeys.add(key);
      return this.train(key, request, onScoring);
    }
    const model = await this.zoo.model(request.model);
    const out: Partial<Record<'validation' | 'test', ScoredSplit>> = {};
    let images: Uint8Array = new Uint8Array(0);
    for (const split of ['validation', 'test'] as const) {
      const data = await this.zoo.assets.split(split);
      if (split === 'test') images = data.images;
      const r = await evaluateOnRunner(model, data, {
        onProgress: (p) => onScoring({ split, done: p.done, total: p.total }),
      });
      if (!r) throw new Error('the evaluation stopped');
      out[split] = { logits: r.logits, labels: r.labels };
    }
    return { validation: out.validation!, test: { ...out.test!, images } };
  }

  private async train(key: string, request: R, onScoring: (p: ScoringProgressInfo) => void): Promise<ScoredModel> {
    const stop = new AbortController();
    const gate = new TrainingGate();
    this.training = { key, stop, gate };
    try {
      const [train, validation, test] = await Promise.all(
        (['train', 'validation', 'test'] as const).map((s) => this.zoo.assets.split(s, { signal: stop.signal })),
      );
      const r = await this.trained!.score(
        request,
        { train, validation, test },
        {
          signal: stop.signal,
          gate,
          onScoring,
          onTraining: (p) => {
            const w = this.waiting.get(key);
            w?.post({ type: 'eval-training', request: w.request, ...p });
          },
        },
      );
      if (!r) throw new Error('the training stopped: another model was asked for, or it was reset');
      return { validation: r.validation, test: { ...r.test, images: test.images }, training: r.training };
    } finally {
      if (this.training?.stop === stop) this.training = null;
    }
  }
}
