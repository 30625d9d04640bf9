/**
 * The widgets' page-side controllers, driven through a fake worker port: what they send, what they
 * show, and what the lab decides to do by itself. No browser, no timers.
 */
import { describe, expect, it } from 'vitest';
import { fakePort } from './fake-worker-port';
import { PlaygroundController } from '../../src/widgets/attention-playground/controller';
import { LabController, type LabSettings } from '../../src/widgets/denoiser-lab/controller';
import type { ModelInfo } from '../../src/widgets/denoiser-lab/protocol';

const OPTIONS = { backends: ['wasm' as const, 'cpu' as const], baseUrl: '/' };
const progress = (phase: string, step: number, totalSteps = 200) => ({
  phase,
  step,
  totalSteps,
  stepsPerSecond: 90,
  busyMs: 10,
});

describe('playground controller', () => {
  it('shows only the newest model, and starts its curves afresh', () => {
    const w = fakePort();
    const c = new PlaygroundController(OPTIONS, () => w.port);
    w.emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    const config = {
      task: 'reverse',
      length: 6,
      layers: 1,
      heads: 2,
      dModel: 32,
      positional: 'learned',
      lr: 0.003,
      seed: 1,
      steps: 100,
    } as const;
    c.configure(config, [1, 2, 3, 4, 5, 6]);
    c.configure({ ...config, seed: 2 }, [1, 2, 3, 4, 5, 6]);
    expect(w.sent.filter((m) => m.type === 'configure').map((m) => m.run)).toEqual([1, 2]);
    const snapshot = (run: number, step: number, loss: number) => ({
      type: 'snapshot',
      run,
      progress: progress('paused', step, 100),
      newLoss: [{ step, value: loss }],
      newAccuracy: [{ step, value: 0.96 }],
      newEvalLoss: [],
      probe: null,
      numParameters: 13000,
    });
    w.emit(snapshot(1, 5, 9));
    expect(c.state.run).toBeNull();
    w.emit(snapshot(2, 1, 2.5));
    w.emit(snapshot(2, 2, 2.4));
    expect(c.state.loss.map((p) => p.value)).toEqual([2.5, 2.4]);
    expect(c.state.stepsTo95).toBe(1);
    c.pause();
    expect(w.sent.at(-1)).toEqual({ type: 'abort' });
  });
});

function labSettings(over: Partial<LabSettings> = {}): LabSettings {
  return {
    config: { dataset: 'moons', points: '', schedule: 'linear', T: 1000, seed: 1, lr: 0.01 },
    trainSteps: 200,
    request: { method: 'ddim', steps: 50, n: 1000, cls: null, guidance: 0 },
    field: { t: 500, cls: null, guidance: 0 },
    ...over,
  };
}

const model = (
  kind: 'pretrained' | 'scratch' | 'untrained',
): Omit<ModelInfo, 'source'> & { source: ModelInfo['source'] } => ({
  source:
    kind === 'pretrained'
      ? { kind, file: 'moons-linear-T1000.bin', bytes: 47104, trainingSteps: 3000, finalLoss: 0.2, qualityChecks: [] }
      : kind === 'untrained'
        ? { kind, reason: 'no weights' }
        : { kind },
  numClasses: 2,
  numParameters: 11906,
  data: new Float32Array(4),
  labels: null,
  baseline: 0.22,
});

describe('denoiser lab controller', () => {
  function lab() {
    const w = fakePort();
    const c = new LabController(OPTIONS, () => w.port);
    w.emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    return { c, w };
  }

  it('builds the first model from the first settings and samples a pre-trained one by itself, once', () => {
    const { c, w } = lab();
    c.useSettings(labSettings());
    expect(w.sent.at(-1)).toMatchObject({ type: 'configure', run: 1, fromScratch: false, play: false });
    expect(c.status).toBe('loading');
    w.emit({ type: 'model', run: 1, ...model('pretrained') });
    expect(w.sent.at(-1)).toMatchObject({ type: 'sample', run: 2, request: { method: 'ddim', steps: 50 } });
    expect(c.status).toBe('running');
    w.emit({
      type: 'sampled',
      run: 2,
      request: labSettings().request,
      quality: { sw: 0.07, baseline: 0.22, floor: 0.05, classFraction: null },
      ms: 200,
    });
    expect(c.status).toBe('ready');
    // The same settings again (a re-render): no second sample.
    c.useSettings(labSettings());
    expect(w.types().filter((t) => t === 'sample')).toHaveLength(1);
    // A sampling setting changes: one new sample.
    c.useSettings(labSettings({ request: { ...labSettings().request, steps: 10 } }));
    expect(w.sent.at(-1)).toMatchObject({ type: 'sample', request: { steps: 10 } });
  });

  it('Train from scratch pressed right after load is not paused by an automatic sample (regression)', () => {
    const { c, w } = lab();
    c.useSettings(labSettings());
    w.emit({ type: 'model', run: 1, ...model('pretrained') });
    expect(w.types().filter((t) => t === 'sample')).toHaveLength(1); // the automatic first sample, at once
    // The reader presses Train from scratch at once; the worker handles it after that sample.
    c.trainFromScratch();
    expect(w.sent.at(-1)).toMatchObject({ type: 'configure', run: 3, fromScratch: true, play: true });
    // The first sample's result comes late: stale (a newer model was asked for), ignored.
    w.emit({
      type: 'sampled',
      run: 2,
      request: labSettings().request,
      quality: { sw: 0.07, baseline: 0.22, floor: 0.05, classFraction: null },
      ms: 200,
    });
    // A sampling setting changes meanwhile (the view's debounced update): nothing, a model is on its way.
    c.useSettings(labSettings({ request: { ...labSettings().request, n: 500 } }));
    expect(w.types().filter((t) => t === 'sample')).toHaveLength(1);
    w.emit({ type: 'model', run: 3, ...model('scratch') });
    w.emit({
      type: 'training',
      run: 3,
      progress: progress('running', 40),
      newLoss: [],
      newQuality: [],
      threshold: null,
      trainMs: 400,
    });
    // Nothing may be sent that would pause this training: no sample, no abort.
    expect(w.types().filter((t) => t === 'sample' || t === 'abort')).toHaveLength(1);
    expect(c.status).toBe('running');
    // Training ends: now, and only now, the lab samples the model it trained.
    w.emit({
      type: 'training',
      run: 3,
      progress: progress('done', 200),
      newLoss: [],
      newQuality: [],
      threshold: null,
      trainMs: 2000,
    });
    expect(w.sent.at(-1)).toMatchObject({ type: 'sample', request: { n: 500 } });
  });

  it('a new model drops what was measured on the old one; a new sample replaces the frames, not the training', () => {
    const { c, w } = lab();
    c.useSettings(labSettings());
    c.trainFromScratch(false);
    w.emit({ type: 'model', run: 2, ...model('scratch') });
    w.emit({
      type: 'training',
      run: 2,
      progress: progress('paused', 50),
      newLoss: [{ step: 50, value: 0.3 }],
      newQuality: [],
      threshold: null,
      trainMs: 500,
    });
    // Paused at step 50: the trained model is sampled by itself (run 3).
    expect(w.sent.at(-1)).toMatchObject({ type: 'sample', run: 3 });
    const frame = (step: number) => ({ step, steps: 50, t: 1000 - 20 * step, points: new Float32Array(2) });
    w.emit({ type: 'frames', run: 3, frames: [frame(0), frame(1)] });
    c.sample(); // the Sample button: run 4
    w.emit({ type: 'frames', run: 3, frames: [frame(2)] }); // a replaced job's late frame: dropped
    w.emit({
      type: 'training',
      run: 2,
      progress: progress('paused', 50),
      newLoss: [],
      newQuality: [],
      threshold: null,
      trainMs: 500,
    });
    expect(c.state.training?.loss).toHaveLength(1); // the model's own events still count
    expect(c.state.frames.map((f) => f.step)).toEqual([0, 1]); // the old film stays until the new one starts
    w.emit({ type: 'frames', run: 4, frames: [frame(0)] });
    expect(c.state.frames.map((f) => f.step)).toEqual([0]);
    w.emit({
      type: 'sampled',
      run: 4,
      request: labSettings().request,
      quality: { sw: 0.1, baseline: 0.22, floor: 0.05, classFraction: null },
      ms: 90,
    });
    expect(c.state.replays).toBe(1); // the button's run is played back from the noise
    // A new data set: a new model, and nothing of the old one stays.
    c.useSettings(labSettings({ config: { ...labSettings().config, dataset: 'rings' } }));
    w.emit({ type: 'model', run: 5, ...model('pretrained') });
    expect(c.state.training).toBeNull();
    expect(c.state.frames).toEqual([]);
    expect(c.state.sampleHistory).toEqual([]);
  });

  it('an empty drawing is a message, not an error, and the next data set works', () => {
    const { c, w } = lab();
    c.useSettings(labSettings({ config: { ...labSettings().config, dataset: 'drawn' } }));
    w.emit({ type: 'dataError', run: 1, message: 'No drawing was given' });
    expect(c.state.dataError).toBe('No drawing was given');
    expect(c.status).toBe('ready');
    c.useSettings(labSettings());
    w.emit({ type: 'model', run: 2, ...model('pretrained') });
    expect(c.state.dataError).toBeNull();
    expect(w.sent.at(-1)).toMatchObject({ type: 'sample' });
  });
});
