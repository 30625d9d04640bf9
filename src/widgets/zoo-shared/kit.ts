/**
 * Worker side: the zoo's shared commands (protocol.ts) served in any chapter widget's worker, in one line:
 *
 *   const zoo = new ZooKit();
 *   serveModelWorker<Command, WorkerEvent>({
 *     async handle(cmd, ctx) {
 *       if (await zoo.handle(cmd, ctx)) return;   // zoo-evaluate, zoo-classify, zoo-train, and play/step of its trainer
 *       switch (cmd.type) { ...the chapter's own commands, with zoo.assets, zoo.model(ref), zoo.trainer }
 *     },
 *   });
 *
 * - zoo-evaluate: loads the model and the split (with loading progress), scores it batch by batch on a
 *   SlicedRunner (evaluate.ts) with progress events, stops when a newer run begins or on abort, and
 *   posts the result with the manifest's numbers beside it;
 * - zoo-classify: one digit (a test digit by index, or 784 pixels) through a model: the pixels it got and
 *   its class probabilities;
 * - zoo-train: a live-training run (trainer.ts) of a recipe, from scratch or from the shipped weights;
 *   the runtime's play and step then drive it (TrainingController sends them), Pause is the runtime's abort.
 *
 * Shipped models are the assets' own (built once each); the trained model is the trainer's. Nothing is
 * allocated between commands beyond those, so tf.memory() stays flat across evaluations and runs.
 */
import type { RuntimeEvent } from '../../lib/runtime/protocol';
import type { Disposable, ServerContext } from '../../lib/runtime/worker-server';
import { splitToFloats } from '../../math/digit-split';
import { DIGIT_PIXELS, ZOO_MODEL_NAMES } from '../../math/zoo';
import type { ZooModel } from '../../ml/zoo/models';
import { isAbortError, ZooAssets, type DownloadProgress } from './assets';
import { evaluateOnRunner } from './evaluate';
import type {
  ClassifyResult,
  DigitRequest,
  EvaluateRequest,
  EvaluationProgressInfo,
  LoadingInfo,
  TrainRequest,
  ZooEvent,
  ZooModelRef,
} from './protocol';
import { liveRecipe, ZooTrainer } from './trainer';

/** What the kit needs of the worker server's context (any widget's context fits). */
export type ZooContext = ServerContext<ZooEvent | RuntimeEvent, Disposable>;

/** Largest live-training budget a command may ask for (batches of 64). */
export const MAX_LIVE_STEPS = 20_000;
/** Loading progress goes out at most this often. */
const LOADING_EVERY_MS = 150;

export interface ZooKitOptions {
  /** Injectable for tests. */
  fetch?: typeof fetch;
  /** Training reports at most this often (default 250 ms: four redraws a second). */
  trainingReportMs?: number;
}

export class ZooKit {
  private assetsOrNull: ZooAssets | null = null;
  private current: { trainer: ZooTrainer; run: number; request: TrainRequest } | null = null;
  /** Bumped by every zoo-train, so a run whose data arrived after a newer request is dropped. */
  private trainings = 0;
  /** The newest zoo-train while its data loads: a play or step sent right after it waits for it. */
  private building: Promise<void> | null = null;
  /** Runs now evaluating or classifying with the trained model (a new zoo-train must stop them first). */
  private readonly usingTrained = new Set<number>();

  constructor(private readonly options: ZooKitOptions = {}) {}

  /** The worker's zoo files (after the first handle or attach). */
  get assets(): ZooAssets {
    if (!this.assetsOrNull) throw new Error('ZooKit: call handle() or attach(ctx) first');
    return this.assetsOrNull;
  }

  /** The live-training run, if any (its model is `trainer.model`). */
  get trainer(): ZooTrainer | null {
    return this.current?.trainer ?? null;
  }

  /** Binds the kit to the worker's context (the site's base URL). handle() does it on first use. */
  attach(ctx: Pick<ZooContext, 'baseUrl'>): ZooAssets {
    this.assetsOrNull ??= new ZooAssets(ctx.baseUrl, { fetch: this.options.fetch });
    return this.assetsOrNull;
  }

  /** A shipped model (owned by the assets) or the trained one (owned by the trainer): never dispose it. */
  async model(ref: ZooModelRef, signal?: AbortSignal, onProgress?: (p: DownloadProgress) => void): Promise<ZooModel> {
    if (ref === 'trained') {
      const t = this.trainer;
      if (!t) throw new Error('There is no trained model yet: train one first.');
      return t.model;
    }
    if (!(ZOO_MODEL_NAMES as readonly string[]).includes(ref)) throw new Error(`the zoo has no model called "${ref}"`);
    return this.assets.model(ref, { signal, onProgress });
  }

  /** Serves one command if it is the zoo's; returns false for any other (the chapter's own). */
  async handle(command: { type: string }, ctx: ZooContext): Promise<boolean> {
    this.attach(ctx);
    const cmd = command as Parameters<ZooKit['dispatch']>[0] | { type: 'play' } | { type: 'step' };
    switch (cmd.type) {
      case 'zoo-evaluate':
      case 'zoo-classify':
        await this.dispatch(cmd, ctx);
        return true;
      case 'zoo-train': {
        const building = this.dispatch(cmd, ctx);
        this.building = building.catch(() => {});
        await building;
        return true;
      }
      case 'play':
      case 'step': {
        // Wait for the newest zoo-train still loading (a newer one may start meanwhile: wait for that).
        while (!this.current && this.building) {
          const building = this.building;
          await building;
          if (this.building === building) break;
        }
        const c = this.current;
        if (!c) return false;
        if (cmd.type === 'play') await c.trainer.play(ctx.begin(c.run).signal);
        else await c.trainer.stepOnce();
        return true;
      }
      default:
        return false;
    }
  }

  /** Frees the trainer and the shipped models (the worker is going). */
  dispose(): void {
    this.current?.trainer.dispose();
    this.current = null;
    this.assetsOrNull?.dispose();
  }

  private async dispatch(
    cmd:
      | { type: 'zoo-evaluate'; run: number; request: EvaluateRequest }
      | { type: 'zoo-classify'; run: number; model: ZooModelRef; digit: DigitRequest }
      | { type: 'zoo-train'; run: number; request: TrainRequest },
    ctx: ZooContext,
  ): Promise<void> {
    switch (cmd.type) {
      case 'zoo-evaluate':
        return this.evaluate(cmd.run, cmd.request, ctx);
      case 'zoo-classify':
        return this.classify(cmd.run, cmd.model, cmd.digit, ctx);
      case 'zoo-train':
        return this.train(cmd.run, cmd.request, ctx);
    }
  }

  private async evaluate(id: number, request: EvaluateRequest, ctx: ZooContext): Promise<void> {
    const began = performance.now();
    const run = ctx.begin(id);
    let info: EvaluationProgressInfo = {
      phase: 'loading',
      request,
      done: 0,
      total: request.count ?? 0,
      correct: 0,
      computeMs: 0,
      loading: null,
    };
    const post = (patch: Partial<EvaluationProgressInfo>) => {
      info = { ...info, ...patch };
      run.post({ type: 'zoo-evaluation', progress: info });
    };
    post({});
    const trained = request.model === 'trained';
    if (trained) this.usingTrained.add(id);
    try {
      const onProgress = throttled((p: DownloadProgress) => post({ loading: p }));
      let model: ZooModel;
      let split;
      try {
        [model, split] = await Promise.all([
          this.model(request.model, run.signal, onProgress),
          this.assets.split(request.split, { signal: run.signal, onProgress }),
        ]);
      } catch (err) {
        if (isAbortError(err)) return post({ phase: 'cancelled', loading: null });
        throw err;
      }
      if (run.signal.aborted) return post({ phase: 'cancelled', loading: null });
      post({ phase: 'running', loading: null, total: request.count ?? split.count - (request.start ?? 0) });
      const result = await evaluateOnRunner(model, split, {
        ...request,
        signal: run.signal,
        onProgress: (p) =>
          post({ phase: p.phase, done: p.done, total: p.total, correct: p.correct, computeMs: p.computeMs }),
      });
      if (!result) return;
      const entry =
        request.model !== 'trained' &&
        request.split === 'test' &&
        request.start === undefined &&
        request.count === undefined &&
        !request.attack
          ? (await this.assets.entry(request.model)).test
          : null;
      const { labels, predictions, probabilities, logits } = result;
      run.post(
        {
          type: 'zoo-evaluated',
          result: {
            request,
            count: result.count,
            correct: result.correct,
            accuracy: result.accuracy,
            perClass: result.perClass,
            confusion: result.confusion,
            nll: result.nll,
            ece: result.ece,
            computeMs: result.computeMs,
            wallMs: performance.now() - began,
            labels,
            predictions,
            probabilities,
            logits,
            manifest: entry && { accuracy: entry.accuracy, correct: entry.correct, count: entry.count },
          },
        },
        [labels.buffer, predictions.buffer, probabilities.buffer, logits.buffer],
      );
    } finally {
      this.usingTrained.delete(id);
    }
  }

  private async classify(id: number, ref: ZooModelRef, digit: DigitRequest, ctx: ZooContext): Promise<void> {
    if (ref === 'trained') this.usingTrained.add(id);
    try {
      let pixels: Float32Array;
      let label: number | null = null;
      let index: number | null = null;
      if (digit.kind === 'test') {
        const test = await this.assets.split('test');
        if (!(Number.isInteger(digit.index) && digit.index >= 0 && digit.index < test.count)) {
          throw new RangeError(`test digit ${digit.index} is not one of 0 … ${test.count - 1}`);
        }
        index = digit.index;
        pixels = splitToFloats(test, index, 1);
        label = test.labels[index];
      } else {
        pixels = checkPixels(digit.pixels);
      }
      const model = await this.model(ref);
      const probabilities = Array.from(model.predict(pixels));
      const result: ClassifyResult = { model: ref, digit: digit.kind, index, pixels, label, probabilities };
      ctx.post({ type: 'zoo-classified', run: id, result }, [pixels.buffer]);
    } finally {
      this.usingTrained.delete(id);
    }
  }

  private async train(id: number, request: TrainRequest, ctx: ZooContext): Promise<void> {
    const mine = ++this.trainings;
    checkTrainRequest(request);
    // Stop what computes with the old trained model (its training, an evaluation of it), then free it.
    const busy = ctx.run;
    if (busy && (busy.id === this.current?.run || this.usingTrained.has(busy.id))) ctx.abort();
    this.current?.trainer.dispose();
    this.current = null;
    const onProgress = throttled((loading: DownloadProgress) =>
      ctx.post({ type: 'zoo-training-loading', run: id, request, loading: loading as LoadingInfo }),
    );
    const [train, validation, weights] = await Promise.all([
      this.assets.split('train', { onProgress }),
      this.assets.split('validation', { onProgress }),
      request.from === 'shipped' ? this.assets.weights(request.model, { onProgress }) : Promise.resolve(undefined),
    ]);
    if (mine !== this.trainings) return;
    const trainer = new ZooTrainer({
      training: liveRecipe(request.model, request),
      train,
      initialWeights: weights,
      totalSteps: request.steps,
      validation: { split: validation, every: validationEvery(request) },
      reportEveryMs: this.options.trainingReportMs ?? 250,
      report: (s) => {
        if (this.current?.trainer === trainer) ctx.post({ type: 'zoo-training', run: id, report: { ...s, request } });
      },
    });
    this.current = { trainer, run: id, request };
    ctx.post({ type: 'zoo-training', run: id, report: { ...trainer.snapshot(), request } });
  }
}

/** Held-out accuracy every tenth of the budget by default (at least 10 steps apart): about ten points per curve. */
export function validationEvery(r: Pick<TrainRequest, 'steps' | 'validationEvery'>): number {
  return r.validationEvery ?? Math.max(10, Math.round(r.steps / 10));
}

/** Calls `f` at most every LOADING_EVERY_MS, and always for a finished download. */
function throttled(f: (p: DownloadProgress) => void): (p: DownloadProgress) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < LOADING_EVERY_MS && !(p.total !== null && p.loaded >= p.total)) return;
    last = now;
    f(p);
  };
}

/** 784 finite pixels in [0, 1], or a RangeError that says what is wrong. */
export function checkPixels(pixels: unknown): Float32Array {
  if (!(pixels instanceof Float32Array) || pixels.length !== DIGIT_PIXELS) {
    throw new RangeError(`a digit is ${DIGIT_PIXELS} numbers in [0, 1]`);
  }
  for (let i = 0; i < pixels.length; i++) {
    if (!(pixels[i] >= 0 && pixels[i] <= 1)) throw new RangeError(`pixel ${i} is ${pixels[i]}, not in [0, 1]`);
  }
  return pixels;
}

export function checkTrainRequest(r: TrainRequest): void {
  if (!(ZOO_MODEL_NAMES as readonly string[]).includes(r.model))
    throw new Error(`the zoo has no model called "${r.model}"`);
  if (r.from !== 'scratch' && r.from !== 'shipped')
    throw new RangeError(`from must be scratch or shipped, got ${String(r.from)}`);
  if (!(Number.isInteger(r.steps) && r.steps >= 1 && r.steps <= MAX_LIVE_STEPS)) {
    throw new RangeError(`steps must be an integer from 1 to ${MAX_LIVE_STEPS}, got ${r.steps}`);
  }
  const every = validationEvery(r);
  if (!(Number.isInteger(every) && every >= 1))
    throw new RangeError(`validationEvery must be a positive integer, got ${every}`);
}
