/**
 * The MoE widgets' page-side controllers, driven through a fake worker port: the newest model only,
 * curves appended, Pause as the runtime's abort. No browser, no timers.
 */
import { describe, expect, it } from 'vitest';
import { fakePort } from './fake-worker-port';
import { DenseSparseController } from '../../src/widgets/moe-dense-sparse/controller';
import { RouterLabController } from '../../src/widgets/moe-router-lab/controller';
import { RoutingTokensController } from '../../src/widgets/moe-routing-tokens/controller';

const OPTIONS = { backends: ['wasm' as const], baseUrl: '/' };
const progress = (phase: string, step: number) => ({ phase, step, totalSteps: 100, stepsPerSecond: 90, busyMs: 10 });
const evaluation = (step: number, cv: number) => ({
  step,
  loss: 0.2,
  accuracy: 0.9,
  f: [0.5, 0.5],
  P: [0.5, 0.5],
  cv,
  balance: 1,
  entropy: 0.5,
  dropped: 0,
  tokensDropped: 0,
  activeExperts: 2,
  purity: 1,
});

describe('router lab controller', () => {
  it('shows only the newest model and keeps its last evaluation between snapshots', () => {
    const w = fakePort();
    const c = new RouterLabController(OPTIONS, () => w.port);
    expect(w.sent[0]).toMatchObject({ type: 'init', backends: ['wasm'] });
    w.emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    const config = {
      regimes: 4,
      experts: 2,
      topK: 1,
      alpha: 0.1,
      zLoss: 0,
      capacityFactor: 1.25,
      noise: 0,
      lr: 0.01,
      seed: 1,
      steps: 100,
    };
    c.configure(config);
    c.configure({ ...config, seed: 2 });
    expect(w.sent.filter((m) => m.type === 'configure').map((m) => m.run)).toEqual([1, 2]);
    const snapshot = (run: number, step: number, e: ReturnType<typeof evaluation> | null) => ({
      type: 'snapshot',
      run,
      progress: progress('paused', step),
      newLoss: [{ step, value: 0.3 }],
      newEvalLoss: [],
      newAccuracy: [],
      newCv: e ? [{ step, value: e.cv }] : [],
      newDropped: [],
      newEntropy: [],
      evaluation: e,
      map: e ? { res: 2, expert: [0, 1, 1, 0], confidence: [1, 1, 1, 1] } : null,
      numParameters: 96,
      capacity: 160,
    });
    w.emit(snapshot(1, 5, evaluation(5, 0.9)));
    expect(c.state.run).toBeNull();
    expect(c.status).toBe('loading');
    w.emit(snapshot(2, 0, evaluation(0, 0.4)));
    w.emit(snapshot(2, 1, null));
    expect(c.state.evaluation?.cv).toBe(0.4);
    expect(c.state.loss.map((p) => p.step)).toEqual([0, 1]);
    expect(c.status).toBe('ready');
    c.pause();
    expect(w.sent.at(-1)).toEqual({ type: 'abort' });
  });
});

describe('dense versus sparse controller', () => {
  it('appends both models’ cost points and drops an older run’s', () => {
    const w = fakePort();
    const c = new DenseSparseController(OPTIONS, () => w.port);
    w.emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    c.configure({
      regimes: 4,
      experts: 4,
      topK: 1,
      expertHidden: 8,
      capacityFactor: 1,
      alpha: 0.1,
      lr: 0.01,
      seed: 1,
      steps: 100,
    });
    const counts = {
      dense: { total: 42, active: 42 },
      moe: { total: 180, active: 54 },
      denseStepFlops: 1,
      moeStepFlops: 2,
      capacity: 64,
    };
    const point = (model: string, step: number) => ({
      model,
      step,
      flops: step,
      seconds: step / 100,
      loss: 0.5,
      accuracy: 0.8,
    });
    w.emit({
      type: 'snapshot',
      run: 0,
      progress: progress('paused', 3),
      newPoints: [point('dense', 3)],
      counts,
      msPerStep: { dense: 1, moe: 2 },
      moeCv: 0,
      moeDropped: 0,
    });
    expect(c.state.counts).toBeNull();
    w.emit({
      type: 'snapshot',
      run: 1,
      progress: progress('paused', 0),
      newPoints: [point('dense', 0), point('moe', 0)],
      counts,
      msPerStep: { dense: 0, moe: 0 },
      moeCv: 0.2,
      moeDropped: 0,
    });
    w.emit({
      type: 'snapshot',
      run: 1,
      progress: progress('running', 25),
      newPoints: [point('dense', 25), point('moe', 25)],
      counts,
      msPerStep: { dense: 1, moe: 2 },
      moeCv: 0.1,
      moeDropped: 0,
    });
    expect(c.state.points.map((p) => `${p.model}@${p.step}`)).toEqual(['dense@0', 'moe@0', 'dense@25', 'moe@25']);
    expect(c.status).toBe('running');
  });
});

describe('routing tokens controller', () => {
  it('re-routes new input without a new run, and waits for a probe before it is ready', () => {
    const w = fakePort();
    const c = new RoutingTokensController(OPTIONS, () => w.port);
    w.emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    const config = {
      task: 'reverse',
      length: 3,
      layers: 1,
      experts: 2,
      topK: 1,
      alpha: 0.01,
      capacityFactor: 1.25,
      lr: 0.003,
      seed: 1,
      steps: 50,
    } as const;
    c.configure(config, [1, 2, 3]);
    c.setProbe([3, 2, 1]);
    expect(w.sent.at(-1)).toEqual({ type: 'probe', probe: [3, 2, 1] });
    const e = {
      step: 0,
      loss: 2,
      tokenAccuracy: 0.1,
      f: [[0.5, 0.5]],
      cv: [0],
      dropped: [0],
      byToken: [],
      byPosition: [],
    };
    const base = {
      type: 'snapshot',
      run: 1,
      progress: progress('idle', 0),
      newLoss: [],
      newEvalLoss: [],
      newAccuracy: [],
      numParameters: 1,
      activeParameters: 1,
      capacity: 1,
    };
    w.emit({ ...base, evaluation: e, probe: null });
    expect(c.status).toBe('loading');
    w.emit({
      ...base,
      evaluation: null,
      probe: {
        tokens: [1, 2, 3, 10, 3, 2],
        expected: [3, 2, 1],
        predictions: [3, 2, 1],
        experts: [],
        gates: [],
        probs: [],
      },
    });
    expect(c.status).toBe('ready');
    expect(c.state.evaluation).toEqual(e);
  });
});
