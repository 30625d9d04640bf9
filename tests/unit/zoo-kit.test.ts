/**
 * The zoo's shared commands end to end without a browser: ZooKit served by the runtime's worker server
 * through a fake worker scope (cpu backend, files from public/), and the page side (ZooController's fold
 * of the events) through a fake port. Evaluate with progress and a result beside the manifest's number;
 * a newer evaluation cancels an older one; classify test digits and pixels; train live, evaluate the
 * trained model, replace it; tensors flat over repeated cycles.
 */
import { describe, expect, it } from 'vitest';
import { fakePort } from './fake-worker-port';
import type { RuntimeEvent } from '../../src/lib/runtime/protocol';
import { serveModelWorker } from '../../src/lib/runtime/worker-server';
import { ExplorerController, INITIAL_STATE } from '../../src/widgets/zoo-explorer/controller';
import { ZooKit, checkPixels, checkTrainRequest, validationEvery } from '../../src/widgets/zoo-shared/kit';
import type { ZooCommand, ZooEvent } from '../../src/widgets/zoo-shared/protocol';
import { foldZooEvent, INITIAL_ZOO_STATE } from '../../src/widgets/zoo-shared/zoo-state';
import { fsFetch } from './zoo-fs-fetch';

type Posted = (ZooEvent | RuntimeEvent) & Record<string, unknown>;

function serveKit() {
  const posted: Posted[] = [];
  const scope = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    postMessage: (m: unknown) => posted.push(m as Posted),
  };
  const kit = new ZooKit({ fetch: fsFetch('http://site/').fetch, trainingReportMs: 0 });
  serveModelWorker<ZooCommand, ZooEvent>(
    {
      async handle(cmd, ctx) {
        if (!(await kit.handle(cmd, ctx))) throw new Error(`not the zoo's: ${cmd.type}`);
      },
    },
    scope,
  );
  const send = (data: ZooCommand | { type: 'init'; backends: string[]; baseUrl: string } | { type: 'abort' }) =>
    scope.onmessage!({ data } as MessageEvent);
  /** Resolves with the first posted event (from `from` on) that matches. */
  const waitFor = async (match: (e: Posted) => boolean, from = 0, timeoutMs = 60_000) => {
    const t0 = Date.now();
    for (;;) {
      const found = posted.slice(from).find(match);
      if (found) return found;
      if (Date.now() - t0 > timeoutMs)
        throw new Error(`timed out; last events: ${JSON.stringify(posted.slice(-3).map((e) => e.type))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const of = (run: number, type: string) => posted.filter((e) => e.type === type && e.run === run);
  const memory = () => (posted.filter((e) => e.type === 'memory').at(-1) as { numTensors: number }).numTensors;
  const settle = () => new Promise((r) => setTimeout(r, 50));
  return { posted, send, waitFor, of, memory, settle, kit };
}

async function started() {
  const w = serveKit();
  w.send({ type: 'init', backends: ['cpu'], baseUrl: 'http://site/' });
  await w.waitFor((e) => e.type === 'backend');
  return w;
}

describe('ZooKit in a worker (cpu)', () => {
  it('classifies a test digit by index and 784 pixels, and refuses bad pixels with a clear error', async () => {
    const w = await started();
    w.send({ type: 'zoo-classify', run: 1, model: 'softmax', digit: { kind: 'test', index: 17 } });
    const a = (await w.waitFor((e) => e.type === 'zoo-classified' && e.run === 1)) as Extract<
      ZooEvent,
      { type: 'zoo-classified' }
    >;
    expect(a.result).toMatchObject({ model: 'softmax', digit: 'test', index: 17, label: 7 });
    expect(a.result.pixels).toHaveLength(784);
    expect(a.result.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    w.send({ type: 'zoo-classify', run: 2, model: 'softmax', digit: { kind: 'pixels', pixels: a.result.pixels } });
    const b = (await w.waitFor((e) => e.type === 'zoo-classified' && e.run === 2)) as Extract<
      ZooEvent,
      { type: 'zoo-classified' }
    >;
    expect(b.result).toMatchObject({
      digit: 'pixels',
      index: null,
      label: null,
      probabilities: a.result.probabilities,
    });
    w.send({ type: 'zoo-classify', run: 3, model: 'softmax', digit: { kind: 'pixels', pixels: new Float32Array(10) } });
    expect(await w.waitFor((e) => e.type === 'error' && e.run === 3)).toMatchObject({
      message: 'a digit is 784 numbers in [0, 1]',
    });
    w.send({ type: 'zoo-classify', run: 4, model: 'softmax', digit: { kind: 'test', index: 2000 } });
    expect(await w.waitFor((e) => e.type === 'error' && e.run === 4)).toMatchObject({
      message: 'test digit 2000 is not one of 0 … 1999',
    });
    w.send({ type: 'zoo-classify', run: 5, model: 'trained', digit: { kind: 'test', index: 0 } });
    expect(await w.waitFor((e) => e.type === 'error' && e.run === 5)).toMatchObject({
      message: /no trained model yet/,
    });
  });

  it('evaluates with loading and scoring progress, then the result beside the manifest’s number', async () => {
    const w = await started();
    w.send({ type: 'zoo-evaluate', run: 1, request: { model: 'softmax', split: 'test' } });
    const done = (await w.waitFor((e) => e.type === 'zoo-evaluated' && e.run === 1)) as Extract<
      ZooEvent,
      { type: 'zoo-evaluated' }
    >;
    const phases = w
      .of(1, 'zoo-evaluation')
      .map((e) => (e as Extract<ZooEvent, { type: 'zoo-evaluation' }>).progress.phase);
    expect(phases[0]).toBe('loading');
    expect(phases).toContain('running');
    const r = done.result;
    expect(r.count).toBe(2000);
    expect(r.manifest).toEqual({ accuracy: 0.9095, correct: 1819, count: 2000 });
    // The cpu backend rounds differently from the wasm one the manifest was scored on: a digit or two may flip.
    expect(Math.abs(r.correct - 1819)).toBeLessThanOrEqual(2);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(2000);
    expect(r.probabilities).toHaveLength(20_000);
    expect(r.wallMs).toBeGreaterThanOrEqual(r.computeMs);
    // A range is not the manifest's measurement: no number to compare with.
    w.send({ type: 'zoo-evaluate', run: 2, request: { model: 'softmax', split: 'validation', count: 300 } });
    const part = (await w.waitFor((e) => e.type === 'zoo-evaluated' && e.run === 2)) as Extract<
      ZooEvent,
      { type: 'zoo-evaluated' }
    >;
    expect(part.result).toMatchObject({ count: 300, manifest: null });
  });

  it('a newer evaluation cancels the one in progress; abort stops one too', async () => {
    const w = await started();
    w.send({ type: 'zoo-evaluate', run: 1, request: { model: 'mlp', split: 'test', batchSize: 20 } });
    await w.waitFor(
      (e) =>
        e.type === 'zoo-evaluation' &&
        e.run === 1 &&
        (e as Extract<ZooEvent, { type: 'zoo-evaluation' }>).progress.phase === 'running',
    );
    w.send({ type: 'zoo-evaluate', run: 2, request: { model: 'softmax', split: 'test', count: 100 } });
    await w.waitFor((e) => e.type === 'zoo-evaluated' && e.run === 2);
    await w.settle();
    const first = w.of(1, 'zoo-evaluation').map((e) => (e as Extract<ZooEvent, { type: 'zoo-evaluation' }>).progress);
    expect(first.at(-1)!.phase).toBe('cancelled');
    expect(first.at(-1)!.done).toBeLessThan(2000);
    expect(w.of(1, 'zoo-evaluated')).toEqual([]);
    w.send({ type: 'zoo-evaluate', run: 3, request: { model: 'mlp', split: 'test', batchSize: 20 } });
    await w.waitFor(
      (e) =>
        e.type === 'zoo-evaluation' &&
        e.run === 3 &&
        (e as Extract<ZooEvent, { type: 'zoo-evaluation' }>).progress.done > 0,
    );
    w.send({ type: 'abort' });
    await w.waitFor(
      (e) =>
        e.type === 'zoo-evaluation' &&
        e.run === 3 &&
        (e as Extract<ZooEvent, { type: 'zoo-evaluation' }>).progress.phase === 'cancelled',
    );
  });

  it('trains live (play right after zoo-train waits for the data), evaluates the trained model, and replaces it', async () => {
    const w = await started();
    w.send({ type: 'zoo-train', run: 1, request: { model: 'softmax', from: 'scratch', steps: 30, seed: 3 } });
    w.send({ type: 'play' });
    const last = () =>
      (w.of(1, 'zoo-training').at(-1) as Extract<ZooEvent, { type: 'zoo-training' }> | undefined)?.report;
    await w.waitFor(
      (e) =>
        e.type === 'zoo-training' &&
        (e as Extract<ZooEvent, { type: 'zoo-training' }>).report.progress.phase === 'done',
    );
    const reports = w.of(1, 'zoo-training').map((e) => (e as Extract<ZooEvent, { type: 'zoo-training' }>).report);
    expect(reports.flatMap((r) => r.newLoss).map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(reports.flatMap((r) => r.newValidation).map((p) => p.step)).toEqual([0, 10, 20, 30]);
    expect(last()!.progress.stepsPerSecond).toBeGreaterThan(0);
    expect(last()!.numParameters).toBe(7850);
    w.send({ type: 'zoo-evaluate', run: 2, request: { model: 'trained', split: 'test', count: 200 } });
    const trained = (await w.waitFor((e) => e.type === 'zoo-evaluated' && e.run === 2)) as Extract<
      ZooEvent,
      { type: 'zoo-evaluated' }
    >;
    expect(trained.result.accuracy).toBeGreaterThan(0.5);
    expect(trained.result.manifest).toBeNull();
    // A step on a finished run does nothing; a new zoo-train replaces the model (the old one is freed).
    const old = w.kit.trainer!;
    w.send({
      type: 'zoo-train',
      run: 3,
      request: { model: 'mlp', from: 'shipped', steps: 5, seed: 1, learningRate: 0.0001 },
    });
    w.send({ type: 'step' });
    await w.waitFor(
      (e) =>
        e.type === 'zoo-training' &&
        e.run === 3 &&
        (e as Extract<ZooEvent, { type: 'zoo-training' }>).report.progress.step === 1,
    );
    expect(old.session.model.isDisposed).toBe(true);
    const tuned = w.of(3, 'zoo-training').map((e) => (e as Extract<ZooEvent, { type: 'zoo-training' }>).report);
    expect(tuned[0].newValidation[0].value).toBeGreaterThan(0.95);
  });

  it('keeps the worker’s tensors flat over repeated evaluate, classify and train cycles', async () => {
    const w = await started();
    const cycle = async (run: number) => {
      w.send({ type: 'zoo-classify', run, model: 'softmax', digit: { kind: 'test', index: run } });
      w.send({ type: 'zoo-evaluate', run: run + 1, request: { model: 'softmax', split: 'test', count: 400 } });
      await w.waitFor((e) => e.type === 'zoo-evaluated' && e.run === run + 1);
      w.send({ type: 'zoo-train', run: run + 2, request: { model: 'softmax', from: 'scratch', steps: 12, seed: run } });
      w.send({ type: 'play' });
      await w.waitFor(
        (e) =>
          e.type === 'zoo-training' &&
          e.run === run + 2 &&
          (e as Extract<ZooEvent, { type: 'zoo-training' }>).report.progress.phase === 'done',
      );
      w.send({ type: 'zoo-evaluate', run: run + 3, request: { model: 'trained', split: 'test', count: 100 } });
      await w.waitFor((e) => e.type === 'zoo-evaluated' && e.run === run + 3);
      await w.settle();
    };
    await cycle(10);
    const warm = w.memory();
    for (let i = 0; i < 3; i++) await cycle(20 + 10 * i);
    expect(w.memory()).toBe(warm);
    w.kit.dispose();
  });

  it('checks requests before any work', () => {
    expect(() => checkTrainRequest({ model: 'softmax', from: 'scratch', steps: 0, seed: 1 })).toThrow(/steps must be/);
    expect(() => checkTrainRequest({ model: 'lenet' as never, from: 'scratch', steps: 5, seed: 1 })).toThrow(
      /no model/,
    );
    expect(() => checkPixels(new Float32Array(784).fill(2))).toThrow(/pixel 0 is 2/);
    expect(() => checkPixels(Array(784).fill(0))).toThrow(/784 numbers/);
    expect(validationEvery({ steps: 200 })).toBe(20);
    expect(validationEvery({ steps: 50 })).toBe(10);
  });
});

describe('the page side of the zoo (fold and controller)', () => {
  const progress = (phase: string, done: number) => ({
    phase,
    request: { model: 'cnn', split: 'test' },
    done,
    total: 2000,
    correct: done,
    computeMs: 5,
    loading: null,
  });

  it('folds an evaluation: loading, running, the last batch (still running), then the result', () => {
    let s = foldZooEvent(INITIAL_ZOO_STATE, {
      type: 'zoo-evaluation',
      run: 1,
      progress: progress('loading', 0),
    } as ZooEvent);
    expect(s.evaluation).toMatchObject({ run: 1, phase: 'loading' });
    s = foldZooEvent(s, { type: 'zoo-evaluation', run: 1, progress: progress('done', 2000) } as ZooEvent);
    expect(s.evaluation.phase).toBe('running');
    s = foldZooEvent(s, {
      type: 'zoo-evaluated',
      run: 1,
      result: { request: { model: 'cnn', split: 'test' }, count: 2000, correct: 1961 },
    } as ZooEvent);
    expect(s.evaluation).toMatchObject({ phase: 'done', correct: 1961 });
    // A late progress event of the same run never undoes the result.
    expect(foldZooEvent(s, { type: 'zoo-evaluation', run: 1, progress: progress('running', 10) } as ZooEvent)).toBe(s);
    expect(s.training).toBe(INITIAL_ZOO_STATE.training);
  });

  it('drives the explorer: runs on the zoo’s lanes, stale evaluations dropped, training curves appended', () => {
    const w = fakePort();
    const c = new ExplorerController({ backends: ['wasm'], baseUrl: '/' }, () => w.port);
    w.emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    expect(c.status).toBe('loading');
    const classify = c.classify('cnn', { kind: 'test', index: 3 });
    w.emit({
      type: 'zoo-classified',
      run: classify,
      result: { model: 'cnn', digit: 'test', index: 3, pixels: new Float32Array(784), label: 3, probabilities: [] },
    });
    expect(c.status).toBe('ready');
    const first = c.evaluate({ model: 'cnn', split: 'test' });
    expect(c.status).toBe('running');
    const second = c.evaluate({ model: 'mlp', split: 'test' });
    w.emit({ type: 'zoo-evaluation', run: first, progress: progress('running', 400) });
    expect(c.state.evaluation).toMatchObject({ run: second, phase: 'loading', done: 0 });
    const train = c.train({ model: 'softmax', from: 'scratch', steps: 50, seed: 1 });
    c.play();
    expect(w.sent.map((m) => [m.type, m.run])).toEqual([
      ['init', undefined],
      ['zoo-classify', classify],
      ['zoo-evaluate', first],
      ['zoo-evaluate', second],
      ['zoo-train', train],
      ['play', undefined],
    ]);
    const report = (step: number, phase: string) => ({
      type: 'zoo-training',
      run: train,
      report: {
        request: { model: 'softmax', from: 'scratch', steps: 50, seed: 1 },
        progress: { phase, step, totalSteps: 50, stepsPerSecond: 80, busyMs: 10 },
        epoch: 0,
        learningRate: 0.01,
        newLoss: [{ step, value: 1 }],
        newBatchAccuracy: [{ step, value: 0.5 }],
        newValidation: [],
        newValidationNll: [],
        evalMs: 0,
        numParameters: 7850,
      },
    });
    w.emit(report(1, 'running'));
    w.emit(report(2, 'paused'));
    expect(c.state.training.loss.map((p) => p.step)).toEqual([1, 2]);
    expect(c.state.training.phase).toBe('paused');
    // The evaluation (another lane) was not made stale by the training run.
    w.emit({ type: 'zoo-evaluation', run: second, progress: progress('running', 600) });
    expect(c.state.evaluation).toMatchObject({ phase: 'running', done: 600 });
    c.dispose();
  });

  it('starts from the zoo’s initial state', () => {
    expect(INITIAL_STATE).toBe(INITIAL_ZOO_STATE);
  });
});
