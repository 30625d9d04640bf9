/**
 * Worker side of the shift lab (worker.ts serves it; tests serve it through a fake scope). For a request
 * (model, corruption, severity, seed) it scores the clean test digits once per model and the shifted
 * digits at every severity of the curve that is not cached yet, batch by batch on the zoo's runner
 * (zoo-shared/evaluate.ts: progress, and a newer request stops it between batches), then reduces the
 * logits to plain numbers (src/math/evaluation-ood.ts, evaluation-roc.ts). It also classifies one digit,
 * a shifted test digit or a drawing, against the clean test digits' scores. The only tensors kept are
 * the zoo's lent models; caches hold plain arrays.
 */
import type { ServerContext } from '../../lib/runtime/worker-server';
import { splitToFloats, toByte, type DigitSplit } from '../../math/digit-split';
import { outputScores, shiftMeasure, type OutputScores } from '../../math/evaluation-ood';
import { thinCurve } from '../../math/evaluation-binary';
import { rocCurve, shareBelow } from '../../math/evaluation-roc';
import { hasLabels, shiftSplit } from '../../math/evaluation-shift';
import { DIGIT_PIXELS, type ZooModelName } from '../../math/zoo';
import { evaluateSplit } from '../../ml/zoo/evaluation';
import type { ZooModel } from '../../ml/zoo/models';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { ZooKit, type ZooKitOptions } from '../zoo-shared/kit';
import { CURVE_SEVERITIES, ROC_POINTS, SAMPLE_IMAGES } from './params';
import type {
  Command,
  DigitToClassify,
  ShiftClassification,
  ShiftCurvePoint,
  ShiftRequest,
  ShiftStudy,
  WorkerEvent,
} from './protocol';

type Ctx = ServerContext<WorkerEvent, { dispose(): void }>;

/** A small least-recently-used map (shifted splits are 1.6 MB each). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
  }
}

/** The severities a study scores: the curve's and the chosen one, in order. */
export function studySeverities(severity: number): number[] {
  return [...new Set([...CURVE_SEVERITIES, severity])].sort((a, b) => a - b);
}

export class ShiftStudies {
  private readonly zoo: ZooKit;
  private readonly splits = new Lru<DigitSplit>(8);
  private readonly scored = new Lru<OutputScores>(240);
  private readonly clean = new Map<ZooModelName, OutputScores>();

  constructor(options: ZooKitOptions = {}) {
    this.zoo = new ZooKit(options);
  }

  async handle(cmd: Command, ctx: Ctx): Promise<void> {
    this.zoo.attach(ctx);
    if (cmd.type === 'shift-study') return this.study(cmd.run, cmd.request, ctx);
    if (cmd.type === 'shift-classify') return this.classify(cmd.run, cmd.request, cmd.digit, ctx);
    throw new Error(`unknown command ${(cmd as { type: string }).type}`);
  }

  /** The test split shifted as the request asks (cached). */
  async shifted(r: Pick<ShiftRequest, 'corruption' | 'severity' | 'seed'>): Promise<DigitSplit> {
    const key = `${r.corruption}|${r.severity}|${r.seed}`;
    let s = this.splits.get(key);
    if (!s) {
      s = shiftSplit(await this.zoo.assets.split('test'), r.corruption, r.severity, r.seed);
      this.splits.set(key, s);
    }
    return s;
  }

  private async study(id: number, request: ShiftRequest, ctx: Ctx): Promise<void> {
    const run = ctx.begin(id);
    const t0 = performance.now();
    const [model, test] = await Promise.all([
      this.zoo.model(request.model, run.signal),
      this.zoo.assets.split('test', { signal: run.signal }),
    ]);
    if (run.signal.aborted) return;
    const severities = studySeverities(request.severity);
    const key = (s: number) => `${request.model}|${request.corruption}|${s}|${request.seed}`;
    const todo: { severity: number | null; split: DigitSplit }[] = [];
    if (!this.clean.has(request.model)) todo.push({ severity: null, split: test });
    for (const s of severities)
      if (!this.scored.get(key(s))) todo.push({ severity: s, split: await this.shifted({ ...request, severity: s }) });
    const total = todo.reduce((n, t) => n + t.split.count, 0);
    let before = 0;
    for (const t of todo) {
      const offset = before;
      const r = await this.score(model, t.split, run.signal, (done) =>
        run.post({ type: 'shift-scoring', request, done: offset + done, total }),
      );
      if (!r) return;
      before += t.split.count;
      if (t.severity === null) this.clean.set(request.model, r);
      else this.scored.set(key(t.severity), r);
    }
    if (run.signal.aborted) return;
    const clean = this.clean.get(request.model)!;
    const labelled = hasLabels(request.corruption);
    const curve: ShiftCurvePoint[] = [];
    for (const s of severities) {
      const split = await this.shifted({ ...request, severity: s });
      curve.push({ severity: s, ...shiftMeasure(clean, this.scored.get(key(s))!, labelled ? split.labels : null) });
    }
    const chosen = this.scored.get(key(request.severity))!;
    const split = await this.shifted(request);
    const cleanMeasure = shiftMeasure(clean, clean, test.labels);
    const study: ShiftStudy = {
      request,
      clean: { accuracy: cleanMeasure.accuracy, meanConfidence: cleanMeasure.meanConfidence, ece: cleanMeasure.ece },
      curve,
      point: curve.find((p) => p.severity === request.severity)!,
      roc: {
        msp: thinCurve(rocCurve(clean.msp, chosen.msp), ROC_POINTS),
        energy: thinCurve(rocCurve(clean.energy, chosen.energy), ROC_POINTS),
      },
      samples: Array.from({ length: Math.min(SAMPLE_IMAGES, split.count) }, (_, i) => ({
        pixels: split.images.slice(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS),
        label: split.labels[i],
      })),
      computeMs: performance.now() - t0,
    };
    if (!run.signal.aborted) run.post({ type: 'shift-study', study });
  }

  /** Scores a split batch by batch; null when a newer request stopped it. */
  private async score(model: ZooModel, split: DigitSplit, signal: AbortSignal, progress: (done: number) => void) {
    const r = await evaluateOnRunner(model, split, { signal, onProgress: (p) => progress(p.done) });
    return r ? outputScores(r.logits) : null;
  }

  private async classify(id: number, request: ShiftRequest, digit: DigitToClassify, ctx: Ctx): Promise<void> {
    const model = await this.zoo.model(request.model);
    const test = await this.zoo.assets.split('test');
    let one: DigitSplit;
    let label: number | null = null;
    if (digit.kind === 'test') {
      if (!(Number.isInteger(digit.index) && digit.index >= 0 && digit.index < test.count))
        throw new RangeError(`test digit ${digit.index} is not one of 0 … ${test.count - 1}`);
      // The prior change keeps pixels as they are; every other shift has one image per test digit.
      const source = request.corruption === 'prior' ? test : await this.shifted(request);
      const i = digit.index;
      one = {
        images: source.images.slice(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS),
        labels: test.labels.slice(i, i + 1),
        count: 1,
      };
      if (hasLabels(request.corruption)) label = test.labels[i];
    } else {
      if (digit.pixels.length !== DIGIT_PIXELS)
        throw new RangeError(`a drawing has ${DIGIT_PIXELS} pixels, got ${digit.pixels.length}`);
      one = {
        images: Uint8Array.from(digit.pixels, (v) => toByte(Number.isFinite(v) ? v : 0)),
        labels: new Uint8Array(1),
        count: 1,
      };
    }
    const s = outputScores(evaluateSplit(model, one).logits);
    // Where this digit falls among the clean test digits (scored once per model).
    let clean = this.clean.get(request.model);
    if (!clean) {
      clean = outputScores(evaluateSplit(model, test).logits);
      this.clean.set(request.model, clean);
    }
    const result: ShiftClassification = {
      request,
      digit: digit.kind,
      pixels: splitToFloats(one, 0, 1),
      label,
      probabilities: Array.from(s.probabilities),
      msp: s.msp[0],
      energy: s.energy[0],
      mspPercentile: shareBelow(clean.msp, s.msp[0]),
      energyPercentile: shareBelow(clean.energy, s.energy[0]),
    };
    ctx.post({ type: 'shift-classified', run: id, result }, [result.pixels.buffer]);
  }
}
