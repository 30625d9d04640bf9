/**
 * The backdoor lab's Worker: the zoo's shared commands, the run (poison the training split as BadNets
 * does, retrain the chosen zoo model on it with the zoo's own trainer on a SlicedRunner, so progress
 * flows and Stop or a newer run ends it between slices; then clean accuracy, attack success and the
 * spectral-signature check) and the stamp (one digit through the backdoored model, without and with the
 * trigger). The trained model is the worker's session until the next run replaces it.
 */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { splitToFloats, type DigitSplit } from '../../math/digit-split';
import {
  parseTrigger,
  poisonSplit,
  stampTrigger,
  triggerPixels,
  type PoisonedSplit,
} from '../../math/security-backdoor';
import { backdoorScores, backdoorTraining, spectralCheck } from '../../ml/security-backdoor';
import { isAbortError } from '../zoo-shared/assets';
import { checkPixels, ZooKit } from '../zoo-shared/kit';
import { ZooTrainer } from '../zoo-shared/trainer';
import type { BackdoorProgress, BackdoorRequest, Command, WorkerEvent } from './protocol';
import { checkBackdoorRequest } from './request';

const zoo = new ZooKit();

/** The run's trainer (its model is the backdoored one) and what it was trained on. */
class BackdoorSession {
  constructor(
    readonly request: BackdoorRequest,
    readonly data: PoisonedSplit,
    readonly trainer: ZooTrainer,
  ) {}
  /** True once training reached its budget (a stopped run has no result and cannot be stamped). */
  done = false;
  dispose(): void {
    this.trainer.dispose();
  }
}

serveModelWorker<Command, WorkerEvent, BackdoorSession>({
  async handle(cmd, ctx) {
    if (await zoo.handle(cmd, ctx)) return;
    if (cmd.type === 'backdoor-stamp') {
      const s = ctx.session;
      if (!s || !s.done) throw new Error('Train a model first: the trigger is stamped on the backdoored model.');
      let pixels: Float32Array;
      let label: number | null = null;
      if (cmd.digit.kind === 'test') {
        const test = await zoo.assets.split('test');
        const i = cmd.digit.index;
        if (!(Number.isInteger(i) && i >= 0 && i < test.count)) {
          throw new RangeError(`test digit ${i} is not one of 0 … ${test.count - 1}`);
        }
        pixels = splitToFloats(test, i, 1);
        label = test.labels[i];
      } else {
        pixels = checkPixels(cmd.digit.pixels);
      }
      const stamped = Float32Array.from(pixels);
      stampTrigger(stamped, triggerPixels(parseTrigger(s.request.trigger)), 0, 1);
      const model = s.trainer.model;
      const before = Array.from(model.predict(pixels));
      const after = Array.from(model.predict(stamped));
      const result = { request: s.request, digit: cmd.digit.kind, pixels, stamped, label, before, after };
      ctx.post({ type: 'backdoor-stamped', run: cmd.run, result }, [pixels.buffer, stamped.buffer]);
      return;
    }
    if (cmd.type !== 'backdoor-run') return;
    const request = cmd.request;
    checkBackdoorRequest(request);
    const trigger = parseTrigger(request.trigger);
    const run = ctx.begin(cmd.run);
    let info: BackdoorProgress = {
      phase: 'loading',
      request,
      step: 0,
      totalSteps: request.steps,
      stepsPerSecond: 0,
      poisoned: 0,
      loading: null,
    };
    const post = (patch: Partial<BackdoorProgress>) => {
      info = { ...info, ...patch };
      run.post({ type: 'backdoor-progress', progress: info });
    };
    post({});
    let train: DigitSplit, test: DigitSplit;
    try {
      [train, test] = await Promise.all([
        zoo.assets.split('train', { signal: run.signal, onProgress: (p) => post({ loading: p }) }),
        zoo.assets.split('test', { signal: run.signal, onProgress: (p) => post({ loading: p }) }),
      ]);
    } catch (err) {
      if (isAbortError(err)) return post({ phase: 'cancelled', loading: null });
      throw err;
    }
    if (run.signal.aborted) return post({ phase: 'cancelled', loading: null });
    const poison = { trigger, target: request.target, rate: request.rate, seed: request.seed };
    const data = poisonSplit(train, poison);
    const session = await ctx.replaceSession(
      () =>
        new BackdoorSession(
          request,
          data,
          new ZooTrainer({
            training: backdoorTraining(request.model, request.steps, request.seed),
            train: data.split,
            totalSteps: request.steps,
            report: (s) =>
              post({
                phase: s.progress.phase,
                loading: null,
                step: s.progress.step,
                stepsPerSecond: s.progress.stepsPerSecond,
                poisoned: data.poisoned.length,
              }),
          }),
        ),
    );
    if (!session) return;
    // replaceSession stopped the current run (this one): its signal is spent, so train under a fresh one.
    const active = ctx.begin(cmd.run);
    await session.trainer.play(active.signal);
    const state = session.trainer.state;
    if (state.phase !== 'done' || ctx.session !== session) return;
    active.post({ type: 'backdoor-progress', progress: { ...info, phase: 'checking' } });
    const began = performance.now();
    const scores = backdoorScores(session.trainer.model, test, trigger, request.target);
    const detection = spectralCheck(session.trainer.model, data, request.target, data.poisoned.length);
    session.done = true;
    active.post({
      type: 'backdoor-result',
      result: {
        ...scores,
        request,
        poisoned: data.poisoned.length,
        detection,
        trainMs: state.busyMs,
        checkMs: performance.now() - began,
      },
    });
  },
});
