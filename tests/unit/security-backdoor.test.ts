/**
 * The backdoor lab: the trigger's codec, BadNets' poisoning (how many, which, relabelled, seeded), the
 * spectral signature against a planted direction, the detector's precision and recall by hand, and on
 * the real split (softmax regression, few steps, seed 1): attack success rises with p while clean
 * accuracy stays; the worker's pieces leak no tensor; the request's checks and the aria-live sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeParams, defaultValues } from '../../src/lib/params';
import type { DigitSplit } from '../../src/math/digit-split';
import {
  DEFAULT_TRIGGER,
  flagHighest,
  formatTrigger,
  parseTrigger,
  poisonSplit,
  spectralScores,
  stampTrigger,
  triggerPixels,
  TRIGGER_COL,
  TRIGGER_ROW,
} from '../../src/math/security-backdoor';
import { mulberry32, randNormal } from '../../src/math/random';
import { DIGIT_PIXELS, DIGIT_SIDE } from '../../src/math/zoo';
import { backdoorScores, backdoorTraining, spectralCheck, trainBackdoored } from '../../src/ml/security-backdoor';
import { tf } from '../../src/ml/tf';
import { ZooTrainingSession } from '../../src/ml/zoo/training';
import { params } from '../../src/widgets/security-backdoor/params';
import { backdoorRequest, checkBackdoorRequest, triggerProblem } from '../../src/widgets/security-backdoor/request';
import { describeBackdoor, describeStamp } from '../../src/widgets/security-backdoor/summary';
import { readSplit } from '../../scripts/security-zoo-files';
import { useCpu, useWasm } from './claims/helpers';

let train: DigitSplit;
let test: DigitSplit;
beforeAll(async () => {
  await useWasm();
  [train, test] = await Promise.all([readSplit('train'), readSplit('test')]);
});
afterAll(useCpu);

const trigger = parseTrigger(DEFAULT_TRIGGER);

describe('the trigger and the poisoning', () => {
  it('reads and writes the trigger’s text form, and names what is wrong with a bad one', () => {
    expect(formatTrigger(trigger)).toBe(DEFAULT_TRIGGER);
    expect(() => parseTrigger('101')).toThrow(/16 characters/);
    expect(() => parseTrigger('10100101101001x1')).toThrow(/character 15 is "x"/);
    expect(() => parseTrigger('0'.repeat(16))).toThrow(/no ink/);
    expect(triggerProblem('<img src=x>')).toMatch(/16 characters/);
    expect(triggerProblem(DEFAULT_TRIGGER)).toBeNull();
  });

  it('stamps full ink on the trigger’s cells only, in the bottom-right corner', () => {
    const px = triggerPixels(parseTrigger('1000000000000001'));
    expect(px).toEqual([TRIGGER_ROW * DIGIT_SIDE + TRIGGER_COL, (TRIGGER_ROW + 3) * DIGIT_SIDE + TRIGGER_COL + 3]);
    expect(TRIGGER_ROW + 3).toBe(DIGIT_SIDE - 2);
    const img = new Float32Array(2 * DIGIT_PIXELS).fill(0.25);
    stampTrigger(img, px, 1);
    expect(img.filter((v) => v === 1).length).toBe(2);
    expect(img[DIGIT_PIXELS + px[0]]).toBe(1);
    expect(img[px[0]]).toBe(0.25);
  });

  it('poisons round(p · N) digits of other classes, relabelled to the target, seeded, the input untouched', () => {
    const labels = Uint8Array.from(train.labels);
    const { split, poisoned } = poisonSplit(train, { trigger, target: 7, rate: 0.01, seed: 1 });
    expect(poisoned.length).toBe(70);
    expect(new Set(poisoned).size).toBe(70);
    expect(train.labels).toEqual(labels);
    for (const i of poisoned) {
      expect(labels[i]).not.toBe(7);
      expect(split.labels[i]).toBe(7);
      for (const p of triggerPixels(trigger)) expect(split.images[i * DIGIT_PIXELS + p]).toBe(255);
    }
    let changed = 0;
    for (let i = 0; i < train.count; i++) if (split.labels[i] !== train.labels[i]) changed++;
    expect(changed).toBe(70);
    expect(poisonSplit(train, { trigger, target: 7, rate: 0.01, seed: 1 }).poisoned).toEqual(poisoned);
    expect(poisonSplit(train, { trigger, target: 7, rate: 0.01, seed: 2 }).poisoned).not.toEqual(poisoned);
    expect(() => poisonSplit(train, { trigger, target: 10, rate: 0.01, seed: 1 })).toThrow(/0 … 9/);
  });
});

describe('the spectral signature', () => {
  it('finds a planted direction: rows shifted along it score highest', () => {
    const rng = mulberry32(3);
    const n = 200;
    const d = 8;
    const reps = Float32Array.from({ length: n * d }, () => randNormal(rng));
    // The last 20 rows are shifted by 6 along (1, 1, 0, …)/√2.
    for (let i = n - 20; i < n; i++) {
      reps[i * d] += 6 / Math.SQRT2;
      reps[i * d + 1] += 6 / Math.SQRT2;
    }
    const { scores, direction } = spectralScores(reps, n, d);
    expect(Math.abs(direction[0] * Math.SQRT1_2 + direction[1] * Math.SQRT1_2)).toBeGreaterThan(0.95);
    const truth = Array.from({ length: n }, (_, i) => i >= n - 20);
    const r = flagHighest(scores, truth, 20);
    expect(r.flagged).toBe(30);
    expect(r.recall).toBe(1);
    expect(r.precision).toBeCloseTo(20 / 30, 10);
  });

  it('counts precision and recall against the truth by hand', () => {
    const r = flagHighest([5, 1, 4, 3, 2], [true, false, false, true, false], 2);
    // ⌈1.5 · 2⌉ = 3 flagged: scores 5, 4, 3 → digits 0 (poisoned), 2 (clean), 3 (poisoned).
    expect(r.flagged).toBe(3);
    expect(r.truePositives).toBe(2);
    expect(r.precision).toBeCloseTo(2 / 3, 10);
    expect(r.recall).toBe(1);
    expect(r.scores.map((s) => s.flagged)).toEqual([true, false, true, true, false]);
  });
});

describe('a backdoor on the real split (softmax regression, 150 steps, seed 1)', () => {
  it('attack success rises with p while clean accuracy stays', () => {
    const runs = [0, 0.01, 0.05].map((rate) =>
      trainBackdoored('softmax', train, test, { trigger, target: 7, rate, seed: 1 }, 150),
    );
    const [clean, low, high] = runs;
    expect(clean.attackSuccess).toBeLessThan(0.02);
    expect(low.attackSuccess).toBeGreaterThan(clean.attackSuccess + 0.3);
    expect(high.attackSuccess).toBeGreaterThan(low.attackSuccess);
    expect(high.attackSuccess).toBeGreaterThan(0.85);
    for (const r of runs) {
      expect(r.cleanAccuracy).toBeGreaterThan(0.88);
      expect(Math.abs(r.cleanAccuracy - clean.cleanAccuracy)).toBeLessThan(0.01);
    }
    expect(high.triggered).toBe(test.count - 200);
  });

  it('leaks no tensors over training steps, scoring and the check', () => {
    const data = poisonSplit(train, { trigger, target: 3, rate: 0.02, seed: 4 });
    const session = new ZooTrainingSession(backdoorTraining('mlp', 20, 4), data.split);
    try {
      // Two warm-up steps: Adam makes its moment variables over the first two.
      session.trainStep();
      session.trainStep();
      backdoorScores(session.model, test, trigger, 3);
      spectralCheck(session.model, data, 3, data.poisoned.length);
      const before = tf.memory().numTensors;
      for (let t = 0; t < 5; t++) session.trainStep();
      backdoorScores(session.model, test, trigger, 3);
      const d = spectralCheck(session.model, data, 3, data.poisoned.length);
      expect(d.examined).toBe(train.labels.filter((y) => y === 3).length + data.poisoned.length);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      session.dispose();
    }
  });
});

describe('the lab’s request and sentence', () => {
  it('decodes a garbled URL without throwing and builds a checked request', () => {
    const { values, notices } = decodeParams(
      params,
      new URLSearchParams('bd.rate=99&bd.target=x&bd.steps=7.5&bd.model=cnn'),
      'bd',
    );
    expect(notices.length).toBe(4);
    // 99% and 7.5 steps are clamped to their bounds; the rest fall back to their defaults.
    expect(values).toEqual({ ...defaultValues(params), rate: 10, steps: 50 });
    const r = backdoorRequest({ ...defaultValues(params), rate: 5, target: '3' });
    expect(r).toMatchObject({ model: 'softmax', rate: 0.05, target: 3, steps: 300, seed: 1 });
    expect(() => checkBackdoorRequest(r)).not.toThrow();
    expect(() => checkBackdoorRequest({ ...r, trigger: '0'.repeat(16) })).toThrow(/no ink/);
    expect(() => checkBackdoorRequest({ ...r, rate: 0.5 })).toThrow(/0 … 10%/);
  });

  it('says what happened in one sentence', () => {
    const request = backdoorRequest(defaultValues(params));
    const detection = flagHighest([3, 2, 1], [true, false, false], 1);
    const result = {
      request,
      poisoned: 70,
      cleanAccuracy: 0.906,
      attackSuccess: 0.7428,
      triggered: 1800,
      detection,
      trainMs: 1500,
      checkMs: 100,
    };
    expect(describeBackdoor(null, result, null, null)).toBe(
      'Softmax regression trained with 70 poisoned digits (p = 1%): clean test accuracy 90.6%, attack success 74.3% of 1800 triggered test digits sent to 7; the spectral check flags 2 of the 3 digits labelled 7: precision 50%, recall 100%.',
    );
    expect(describeBackdoor(null, null, null, 'the trigger has no ink')).toMatch(/cannot be used/);
    const stamp = {
      request,
      digit: 'test' as const,
      pixels: new Float32Array(DIGIT_PIXELS),
      stamped: new Float32Array(DIGIT_PIXELS),
      label: 3,
      before: [0, 0, 0, 0.9, 0, 0, 0, 0.1, 0, 0],
      after: [0, 0, 0, 0.2, 0, 0, 0, 0.8, 0, 0],
    };
    expect(describeStamp(stamp)).toBe(
      'Without the trigger the model says 3 (90.0%); with it, 7 (80.0%): the trigger flips it to the target.',
    );
  });
});
