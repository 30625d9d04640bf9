/**
 * The denoiser lab: its URL state, its session (the worker's pure part, on the cpu backend), the
 * committed pre-trained weights (checksums, quality), and the pre-training script's reproducibility.
 */
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeParams, defaultValues, encodeParams } from '../../src/lib/params';
import { tf } from '../../src/ml/tf';
import { modelClass, params } from '../../src/widgets/denoiser-lab/params';
import { QUALITY_EVERY, THRESHOLD_FRACTION } from '../../src/widgets/denoiser-lab/constants';
import {
  LAB_ARCHITECTURE,
  LabSession,
  nearestClassFraction,
  type SessionConfig,
} from '../../src/widgets/denoiser-lab/session';
import { findWeights, type WeightsManifest } from '../../src/widgets/denoiser-lab/weights';
import { decodeFloat32, encodeFloat32, shapeSize } from '../../src/lib/weights';
import { sha256HexSync as sha256 } from '../../src/lib/sha256';
import { encodeDrawing } from '../../src/widgets/diffusion-shared/points-codec';
import recorded from '../../src/widgets/denoiser-lab/static-run.json';

const WEIGHTS = 'public/weights/denoiser-lab';
const readManifest = () => JSON.parse(readFileSync(`${WEIGHTS}/manifest.json`, 'utf8')) as WeightsManifest;

/** T = 10 keeps sampling short (DDPM: 10 steps; the quick check: DDIM with 10). */
const SMALL_RUN: SessionConfig = { dataset: 'moons', points: '', schedule: 'linear', T: 10, seed: 3, lr: 0.01 };

describe('denoiser lab: URL state', () => {
  it('decodes garbled values to valid ones, each with a notice', () => {
    const search = new URLSearchParams(
      'lab.steps=abc&lab.guidance=99&lab.points=%25%25&lab.cls=7&lab.T=5&lab.lr=1&lab.samples=150&lab.sampler=euler',
    );
    const { values, notices } = decodeParams(params, search, 'lab');
    expect(values.steps).toBe(50);
    expect(values.guidance).toBe(10);
    expect(values.points).toBe('%%'); // text: the drawing codec reports unreadable points when it is used
    expect(values.cls).toBe('any');
    expect(values.T).toBe(10);
    expect(values.lr).toBe(0.03);
    expect(values.samples).toBe(200);
    expect(values.sampler).toBe('ddim');
    expect(notices).toHaveLength(7);
    expect(notices.join(' ')).toMatch(/DDIM steps: "abc" is not a number; using 50/);
    expect(notices.join(' ')).toMatch(/Guidance scale w: 99 is above the maximum; using 10/);
  });

  it('round-trips a state through the URL, omitting defaults', () => {
    const values = { ...defaultValues(params), dataset: 'rings' as const, cls: '2' as const, guidance: 2.5, seed: 42 };
    const search = encodeParams(params, values, new URLSearchParams('other.x=1'), 'lab');
    expect(search.toString()).toBe('other.x=1&lab.dataset=rings&lab.cls=2&lab.guidance=2.5&lab.seed=42');
    expect(decodeParams(params, search, 'lab')).toEqual({ values, notices: [] });
  });

  it('shows classes 1-based and gives the model 0-based ones (any = the null class)', () => {
    expect(modelClass('any')).toBeNull();
    expect(modelClass('1')).toBe(0);
    expect(modelClass('3')).toBe(2);
  });
});

describe('denoiser lab: weights', () => {
  it('finds weights for built-in sets at the pre-trained T only', () => {
    const manifest = readManifest();
    const find = (dataset: 'moons' | 'drawn', T: number) =>
      findWeights(manifest, { dataset, schedule: 'linear', T }, LAB_ARCHITECTURE);
    expect(find('moons', 1000)?.file).toBe('moons-linear-T1000.bin');
    expect(find('moons', 500)).toBeNull();
    expect(find('drawn', 1000)).toBeNull();
    expect(
      findWeights(manifest, { dataset: 'moons', schedule: 'linear', T: 1000 }, { ...LAB_ARCHITECTURE, hidden: 32 }),
    ).toBeNull();
  });
});

describe('denoiser lab: session', () => {
  it('builds a clear message, not a model, for an empty drawing', () => {
    expect(() => new LabSession({ ...SMALL_RUN, dataset: 'drawn', points: '' })).toThrow(/No drawing was given/);
    const s = new LabSession({
      ...SMALL_RUN,
      dataset: 'drawn',
      points: encodeDrawing({
        points: [
          [0, 0.5],
          [0.5, 0],
          [-0.5, -0.5],
        ],
        labels: [0, 1, 2],
      }),
    });
    expect(s.numClasses).toBe(3);
    s.dispose();
  });

  it('counts the share of samples nearest to a class', () => {
    const data = {
      points: [
        [0, 0],
        [10, 0],
      ] as [number, number][],
      labels: [0, 1],
      numClasses: 2,
    };
    expect(
      nearestClassFraction(
        [
          [1, 0],
          [2, 0],
          [9, 0],
          [8, 1],
        ],
        data,
        1,
      ),
    ).toBe(0.5);
    expect(nearestClassFraction([[1, 0]], data, 0)).toBe(1);
  });

  it('leaks no tensors over train / sample / field / reset cycles', () => {
    const cycle = () => {
      const s = new LabSession(SMALL_RUN, { qualityEvery: 2 });
      for (let i = 0; i < 2; i++) s.trainStep();
      expect(s.quality).toHaveLength(1);
      let last: Float32Array | null = null;
      for (const f of s.sampleFrames({ method: 'ddim', steps: 5, n: 100, cls: 1, guidance: 2 })) last = f.points;
      const q = s.score(last!, 1);
      expect(q.classFraction).not.toBeNull();
      // Abandoned half-way, as when the reader starts a new run.
      const frames = s.sampleFrames({ method: 'ddpm', steps: 5, n: 100, cls: null, guidance: 0 });
      frames.next();
      frames.next();
      frames.return([]);
      s.field(5, 0, 1);
      s.dispose();
    };
    cycle(); // warm-up: the backend's kernels and any one-off tensors
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) cycle();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks quality every few steps and records the first check under the threshold', () => {
    const s = new LabSession(SMALL_RUN, { qualityEvery: 3 });
    const usual = new LabSession(SMALL_RUN);
    expect(usual.qualityEvery).toBe(QUALITY_EVERY);
    usual.dispose();
    for (let i = 0; i < 6; i++) s.trainStep();
    expect(s.quality.map((q) => q.step)).toEqual([3, 6]);
    // A check is made once per step, however often it is asked for.
    expect(s.checkQuality()).toBe(s.quality[1]);
    s.trainStep();
    s.checkQuality();
    expect(s.quality.map((q) => q.step)).toEqual([3, 6, 7]);
    const first = s.quality.find((q) => q.value <= THRESHOLD_FRACTION * s.baseline);
    expect(s.threshold?.step ?? null).toBe(first?.step ?? null);
    s.dispose();
  });
});

describe('denoiser lab: pre-trained weights', () => {
  it('match the SHA-256 and sizes in their manifest', () => {
    const manifest = readManifest();
    expect(manifest.models.length).toBe(6);
    for (const m of manifest.models) {
      const bytes = new Uint8Array(readFileSync(`${WEIGHTS}/${m.file}`));
      expect(bytes.byteLength, m.file).toBe(m.bytes);
      expect(sha256(bytes), m.file).toBe(m.sha256);
      expect(4 * m.shapes.reduce((a, s) => a + shapeSize(s), 0)).toBe(m.bytes);
      // The shapes are the lab model's own, in its getWeights order.
      const session = new LabSession({ ...SMALL_RUN, dataset: m.dataset, schedule: m.schedule });
      expect(m.shapes, m.file).toEqual(session.model.weightShapes);
      session.dispose();
    }
  });

  it('moons: sampling the committed weights beats half the noise baseline', () => {
    const manifest = readManifest();
    const entry = findWeights(manifest, { dataset: 'moons', schedule: 'linear', T: 1000 }, LAB_ARCHITECTURE)!;
    const bytes = readFileSync(`${WEIGHTS}/${entry.file}`);
    const session = new LabSession({ dataset: 'moons', points: '', schedule: 'linear', T: 1000, seed: 1, lr: 0.01 });
    session.loadWeights(decodeFloat32(new Uint8Array(bytes), entry.shapes));
    let last: Float32Array | null = null;
    for (const f of session.sampleFrames({ method: 'ddim', steps: 50, n: 1000, cls: null, guidance: 0 }))
      last = f.points;
    const q = session.score(last!, null);
    expect(q.sw).toBeLessThan(THRESHOLD_FRACTION * q.baseline);
    // Within rounding of the backend, the number the script recorded (it sampled on wasm).
    expect(q.sw).toBeCloseTo(entry.quality.sw, 2);
    // Class-conditional: with guidance, most samples of class 1 lie on class 1's moon.
    let cond: Float32Array | null = null;
    for (const f of session.sampleFrames({ method: 'ddim', steps: 20, n: 300, cls: 0, guidance: 3 })) cond = f.points;
    expect(session.score(cond!, 0).classFraction).toBeGreaterThan(0.9);
    session.dispose();
  });

  it('the static figure was recorded with the current default settings', () => {
    const d = defaultValues(params);
    expect(recorded.settings).toEqual({
      dataset: d.dataset,
      schedule: d.schedule,
      T: d.T,
      sampler: d.sampler,
      steps: d.steps,
      samples: d.samples,
      seed: d.seed,
    });
  });

  it('the pre-training script reproduces itself: its first 50 moons steps give the recorded losses and weights', async () => {
    const manifest = readManifest();
    const { checkpoint } = manifest;
    await tf.setBackend('wasm');
    try {
      const session = new LabSession({
        dataset: checkpoint.dataset,
        points: '',
        schedule: checkpoint.schedule,
        T: 1000,
        seed: manifest.training.stages[0].seed,
        lr: manifest.training.stages[0].lr,
      });
      const losses = Array.from({ length: checkpoint.steps }, () => session.trainStep());
      losses.forEach((l, i) => expect(l).toBeCloseTo(checkpoint.losses[i], 6));
      // Bit for bit: same code, same seed, same (wasm) backend as the script.
      expect(sha256(encodeFloat32(session.model.getWeights()))).toBe(checkpoint.sha256);
      session.dispose();
    } finally {
      await tf.setBackend('cpu');
    }
  });
});
