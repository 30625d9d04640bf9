/**
 * Worker side: the distillation lab's job, as plain code a Node test runs too. The shipped CNN is the
 * teacher; its logits on the transfer set are computed once. Two students of the same seed (same initial
 * weights, same batches) train in lockstep on a SlicedRunner: one on the hard labels (λ = 0), one on the
 * mix of soft targets at temperature T and hard labels (src/ml/efficiency-distillation.ts). Both and the
 * teacher are scored on the 2,000 test digits: accuracy, ECE, NLL, per class. With a class held out of
 * the transfer set, each student's output bias for it is corrected as Hinton et al. did (§3), by an
 * amount chosen on the validation split (src/math/efficiency-distillation.ts).
 */
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import { accuracyWithBias, chooseBiasShift } from '../../math/efficiency-distillation';
import { DistillationSession, teacherLogits, transferSet, type DistillOptions } from '../../ml/efficiency-distillation';
import { evaluateSplit, type ZooEvaluation } from '../../ml/zoo/evaluation';
import type { ZooAssets } from '../zoo-shared/assets';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { DISTILL_LIMITS } from './limits';
import type { DistillRequest, DistillResult, ScoredModel, StudentResult } from './protocol';

export interface DistillHooks {
  signal: AbortSignal;
  progress: (step: string, done: number, total: number) => void;
  now?: () => number;
  yieldToEventLoop?: () => Promise<void>;
}

/** Adam's rate for both students (the zoo MLP's recipe rate). */
export const STUDENT_LEARNING_RATE = 0.002;
export const STUDENT_BATCH = 64;

export function checkDistillRequest(r: DistillRequest): void {
  const L = DISTILL_LIMITS;
  const int = (name: string, v: number, lo: number, hi: number) => {
    if (!(Number.isInteger(v) && v >= lo && v <= hi)) throw new RangeError(`${name} must be ${lo} … ${hi}, got ${v}`);
  };
  int('the student’s hidden units', r.hidden, L.hidden[0], L.hidden[1]);
  int('the transfer set', r.transfer, L.transfer[0], L.transfer[1]);
  int('steps', r.steps, L.steps[0], L.steps[1]);
  int('the held-out class', r.holdOut, -1, 9);
  if (!(r.temperature >= L.temperature[0] && r.temperature <= L.temperature[1]))
    throw new RangeError(`T must be ${L.temperature[0]} … ${L.temperature[1]}, got ${r.temperature}`);
  if (!(r.alpha >= 0 && r.alpha <= 1)) throw new RangeError(`λ must be in [0, 1], got ${r.alpha}`);
}

export function studentOptions(r: DistillRequest, alpha: number): DistillOptions {
  return {
    hidden: r.hidden,
    seed: r.seed,
    batchSize: STUDENT_BATCH,
    learningRate: STUDENT_LEARNING_RATE,
    temperature: r.temperature,
    alpha,
  };
}

const scored = (e: ZooEvaluation): ScoredModel => ({
  accuracy: e.accuracy,
  correct: e.correct,
  ece: e.ece,
  nll: e.nll,
  perClass: e.perClass,
});

/** Runs the job; resolves to null when cancelled. */
export async function runDistillation(
  assets: ZooAssets,
  request: DistillRequest,
  hooks: DistillHooks,
): Promise<DistillResult | null> {
  checkDistillRequest(request);
  const { signal } = hooks;
  const [teacher, train, test, validation] = await Promise.all([
    assets.model('cnn', { signal }),
    assets.split('train', { signal }),
    assets.split('test', { signal }),
    assets.split('validation', { signal }),
  ]);
  if (signal.aborted) return null;
  const total = request.steps + 3;
  hooks.progress('the teacher labels the transfer set', 0, total);
  const holdOut = request.holdOut >= 0 ? request.holdOut : null;
  const data = transferSet(train, request.transfer, holdOut);
  const targets = teacherLogits(teacher, data.pixels);
  const runnerHooks = { signal, now: hooks.now, yieldToEventLoop: hooks.yieldToEventLoop };
  const t = await evaluateOnRunner(teacher, test, runnerHooks);
  if (!t) return null;
  const hard = new DistillationSession(studentOptions(request, 0), data, targets);
  let soft: DistillationSession | null = null;
  try {
    soft = new DistillationSession(studentOptions(request, request.alpha), data, targets);
    const students = [hard, soft];
    const runner = new SlicedRunner({
      totalSteps: request.steps,
      step: () => students.forEach((s) => s.trainStep()),
      report: (s) => hooks.progress(`training both students, step ${s.step} of ${request.steps}`, 1 + s.step, total),
      signal,
      ...(hooks.now && { now: hooks.now }),
      ...(hooks.yieldToEventLoop && { yieldToEventLoop: hooks.yieldToEventLoop }),
    });
    await runner.play();
    if (runner.state.phase !== 'done') return null;
    hooks.progress('scoring both students', request.steps + 1, total);
    const score = async (s: DistillationSession): Promise<StudentResult | null> => {
      const e = await evaluateOnRunner(s.model, test, runnerHooks);
      if (!e) return null;
      let heldOut: StudentResult['heldOut'] = null;
      if (holdOut !== null) {
        const v = evaluateSplit(s.model, validation);
        const delta = chooseBiasShift(v.logits, v.labels, holdOut);
        const corrected = accuracyWithBias(e.logits, e.labels, holdOut, delta);
        heldOut = {
          raw: e.perClass[holdOut],
          corrected: corrected.classAccuracy,
          delta,
          correctedAccuracy: corrected.accuracy,
        };
      }
      return { ...scored(e), heldOut };
    };
    const h = await score(hard);
    const sr = h && (await score(soft));
    if (!h || !sr) return null;
    hooks.progress('done', total, total);
    return {
      request,
      count: t.count,
      transferCount: data.count,
      teacher: scored(t),
      hard: h,
      soft: sr,
      studentParameters: hard.model.numParameters,
      teacherParameters: teacher.numParameters,
    };
  } finally {
    hard.dispose();
    soft?.dispose();
  }
}
