/**
 * The security chapter's attacks (src/ml/security.ts) and robustness curve (src/ml/security-robustness.ts):
 * FGSM's gradient against finite differences on a tiny model, PGD inside the ε-ball and [0, 1], the
 * untargeted PGD equal to the zoo's own, on the shipped CNN accuracy falling with ε and the robust CNN
 * holding up far better, random noise hurting far less than FGSM, no tensor leaks; the lab's params,
 * request and aria-live sentence; the committed static figure reproduced by a fresh run.
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeParams, defaultValues } from '../../src/lib/params';
import { splitToFloats, type DigitSplit } from '../../src/math/digit-split';
import { mulberry32 } from '../../src/math/random';
import { tf } from '../../src/ml/tf';
import { attackDigit, linfAttack, lossGradient, type LinfAttack } from '../../src/ml/security';
import { robustnessCurve } from '../../src/ml/security-robustness';
import { pgdAttack } from '../../src/ml/zoo/attacks';
import { createZooModel, oneHotLabels, type ZooModel } from '../../src/ml/zoo/models';
import { params } from '../../src/widgets/security-attack-lab/params';
import { attackRequest, linfAttackOf, perturbationImage } from '../../src/widgets/security-attack-lab/request';
import recorded from '../../src/widgets/security-attack-lab/static-attack.json';
import { describeAttack } from '../../src/widgets/security-attack-lab/summary';
import type { AttackResult } from '../../src/widgets/security-attack-lab/protocol';
import { resolveDigitInput } from '../../src/widgets/zoo-shared/digit-input';
import { readModel, readSplit } from '../../scripts/security-zoo-files';

const pgd = (epsilon: number, steps = 10): LinfAttack => ({
  kind: 'pgd',
  epsilon,
  steps,
  stepSize: (4 * epsilon) / (3 * steps),
  randomStart: true,
  target: null,
});

let test: DigitSplit;
const models: Partial<Record<'cnn' | 'robust-cnn' | 'softmax', ZooModel>> = {};
beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  test = await readSplit('test');
  for (const n of ['cnn', 'robust-cnn', 'softmax'] as const) models[n] = readModel(n);
});
afterAll(async () => {
  for (const m of Object.values(models)) m?.dispose();
  await tf.setBackend('cpu');
});

describe('FGSM and PGD', () => {
  it('the loss gradient matches central finite differences on a tiny model', () => {
    const model = createZooModel({ kind: 'softmax' }, 3);
    const rng = mulberry32(5);
    const pixels = Float32Array.from({ length: 2 * 784 }, () => 0.2 + 0.6 * rng());
    const labels = [4, 7];
    const x = tf.tensor2d(pixels, [2, 784]);
    const oneHot = oneHotLabels(labels);
    const g = lossGradient(model, x, oneHot);
    const grad = g.dataSync();
    const loss = (p: Float32Array) =>
      tf.tidy(() => {
        const z = model.logits(tf.tensor2d(p, [2, 784]));
        return tf.losses.softmaxCrossEntropy(oneHot, z).dataSync()[0];
      });
    const h = 1e-2;
    for (const i of [0, 100, 400, 783, 784 + 300, 784 + 500]) {
      const up = Float32Array.from(pixels);
      const down = Float32Array.from(pixels);
      up[i] += h;
      down[i] -= h;
      expect(grad[i]).toBeCloseTo((loss(up) - loss(down)) / (2 * h), 3);
    }
    x.dispose();
    oneHot.dispose();
    g.dispose();
    model.dispose();
  });

  it('FGSM moves every pixel by exactly ε along the gradient sign, inside [0, 1]', () => {
    const m = models.cnn!;
    const x = tf.tensor2d(splitToFloats(test, 0, 8), [8, 784]);
    const labels = test.labels.subarray(0, 8);
    const adv = linfAttack(m, x, labels, { ...pgd(0.1), kind: 'fgsm' });
    const oneHot = oneHotLabels(labels);
    const g = lossGradient(m, x, oneHot);
    const [a, o, s] = [adv.dataSync(), x.dataSync(), g.dataSync()];
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - o[i])).toBeLessThanOrEqual(0.1 + 1e-6);
    // Gradients within rounding of zero (background pixels far from any stroke) may take either sign.
    for (let i = 0; i < a.length; i++) {
      if (Math.abs(s[i]) < 1e-6) continue;
      const want = Math.min(1, Math.max(0, o[i] + 0.1 * Math.sign(s[i])));
      expect(Math.abs(a[i] - want)).toBeLessThan(1e-6);
    }
    [x, adv, oneHot, g].forEach((t) => t.dispose());
  });

  it('PGD stays inside the ε-ball and [0, 1], and is the zoo’s PGD, draw for draw', () => {
    const m = models.cnn!;
    const x = tf.tensor2d(splitToFloats(test, 0, 10), [10, 784]);
    const labels = test.labels.subarray(0, 10);
    const ours = linfAttack(m, x, labels, pgd(0.2), mulberry32(3));
    const oneHot = oneHotLabels(labels);
    const theirs = pgdAttack(
      m,
      x,
      oneHot,
      { epsilon: 0.2, steps: 10, stepSize: 0.8 / 30, randomStart: true },
      mulberry32(3),
    );
    const [a, b, o] = [ours.dataSync(), theirs.dataSync(), x.dataSync()];
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(a[i] - o[i])).toBeLessThanOrEqual(0.2 + 1e-6);
      expect(a[i]).toBeGreaterThanOrEqual(0);
      expect(a[i]).toBeLessThanOrEqual(1);
      expect(a[i]).toBe(b[i]);
    }
    [x, ours, oneHot, theirs].forEach((t) => t.dispose());
  });

  it('targeted PGD reaches its target on the CNN (a 3 read as 7 at ε = 0.2)', () => {
    const r = attackDigit(
      models.cnn!,
      models.cnn!,
      splitToFloats(test, 3, 1),
      test.labels[3],
      { ...pgd(0.2, 20), stepSize: 0.01, target: 7 },
      1,
    );
    expect(r.after.indexOf(Math.max(...r.after))).toBe(7);
    expect(r.linf).toBeLessThanOrEqual(0.2 + 1e-6);
  });
});

describe('robustness on the shipped models (first 100 test digits, seed 1)', () => {
  const settings = {
    epsilons: [0, 0.1, 0.3],
    kinds: ['fgsm', 'noise'] as ('fgsm' | 'noise')[],
    pgdSteps: 10,
    count: 100,
    batchSize: 100,
    seed: 1,
  };
  it('the CNN’s accuracy falls as ε grows; random signs of the same size hurt far less than FGSM', () => {
    const c = robustnessCurve(models.cnn!, test, settings).points;
    const acc = (k: string, e: number) => c.find((p) => p.kind === k && p.epsilon === e)!.accuracy;
    expect(acc('fgsm', 0)).toBeGreaterThan(0.95);
    expect(acc('fgsm', 0.1)).toBeLessThan(acc('fgsm', 0));
    expect(acc('fgsm', 0.3)).toBeLessThan(acc('fgsm', 0.1));
    expect(acc('noise', 0.1)).toBeGreaterThan(acc('fgsm', 0.1) + 0.15);
    expect(acc('noise', 0.1)).toBeGreaterThan(0.9);
  });

  it('under PGD at ε = 0.3 the robust CNN holds up far better than the CNN', () => {
    const s = { ...settings, epsilons: [0.3], kinds: ['pgd' as const], count: 50, batchSize: 50 };
    const [plain] = robustnessCurve(models.cnn!, test, s).points;
    const [robust] = robustnessCurve(models['robust-cnn']!, test, s).points;
    expect(plain.accuracy).toBeLessThan(0.1);
    expect(robust.accuracy).toBeGreaterThan(0.7);
  });

  it('leaks no tensors over repeated attacks', () => {
    const run = () => {
      attackDigit(models.cnn!, models.softmax!, splitToFloats(test, 5, 1), test.labels[5], pgd(0.1, 3), 2);
      robustnessCurve(models.softmax!, test, { ...settings, count: 20, batchSize: 10 });
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) run();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the adversarial example lab', () => {
  it('decodes a garbled URL without throwing, with notices', () => {
    const { values, notices } = decodeParams(
      params,
      new URLSearchParams('atk.epsilon=9&atk.attack=laser&atk.target=12&atk.steps=x&atk.source=gpt'),
      'atk',
    );
    expect(values.epsilon).toBe(0.5);
    expect(values.attack).toBe('fgsm');
    expect(values.target).toBe('none');
    expect(values.source).toBe('same');
    expect(notices.length).toBeGreaterThanOrEqual(4);
  });

  it('builds the request the settings ask for (transfer and targeted)', () => {
    const v = { ...defaultValues(params), source: 'mlp' as const, target: '7' as const, attack: 'pgd' as const };
    const r = attackRequest(v, { kind: 'test', index: 3 });
    expect(r).toMatchObject({ victim: 'cnn', source: 'mlp', attack: { kind: 'pgd', target: 7, epsilon: 0.1 } });
    expect(Array.from(perturbationImage([0.5, 0.5, 0.5], [0.6, 0.4, 0.5], 0.1), (v) => Number(v.toFixed(6)))).toEqual([
      1, 0, 0.5,
    ]);
  });

  it('the committed static figure is what a fresh run of the starting state gives', () => {
    const start = defaultValues(params);
    const input = resolveDigitInput(start);
    if (input.kind !== 'test') throw new Error('starts on a test digit');
    const m = models.cnn!;
    const r = attackDigit(
      m,
      m,
      splitToFloats(test, input.testIndex, 1),
      test.labels[input.testIndex],
      linfAttackOf(start),
      start.seed,
    );
    expect(recorded.state).toEqual({
      model: start.model,
      attack: start.attack,
      epsilon: start.epsilon,
      testIndex: input.testIndex,
      seed: start.seed,
    });
    expect(recorded.after.indexOf(Math.max(...recorded.after))).toBe(r.after.indexOf(Math.max(...r.after)));
    r.after.forEach((p, k) => expect(Math.abs(p - recorded.after[k])).toBeLessThan(1e-3));
    expect(Array.from(r.adversarial, (v) => Math.round(255 * v))).toEqual(recorded.adversarial);
  });

  it('says what happened in one sentence', () => {
    const start = defaultValues(params);
    const result: AttackResult = {
      request: attackRequest(start, { kind: 'test', index: 3 }),
      original: new Float32Array(784),
      adversarial: new Float32Array(784),
      label: 3,
      trueLabel: 3,
      before: [0, 0, 0, 0.99, 0, 0, 0, 0, 0.01, 0],
      after: [0, 0, 0, 0.33, 0, 0, 0, 0, 0.34, 0.33],
      linf: 0.1,
      ms: 12,
    };
    expect(describeAttack(result, null, false)).toMatchInlineSnapshot(
      `"FGSM at ε = 0.1: the CNN said 3 (99.0%) and now says 8 (34.0%); the attack succeeded."`,
    );
    expect(describeAttack(null, null, true)).toBe('Draw a digit to attack it.');
    expect(describeAttack(null, 'boom', false)).toBe('Error: boom');
  });
});
