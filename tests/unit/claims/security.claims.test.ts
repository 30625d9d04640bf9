/**
 * Claims of the security lesson (content/lessons/security/index.mdx): every exercise solution and passage
 * that predicts what the adversarial example lab shows at a linked state, checked by running the lab's own
 * attack (attackDigit, what its Worker runs) on the shipped models at that state and seed; and the numbers
 * the text quotes from the seeded script's table (robustness.json).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitToFloats, type DigitSplit } from '../../../src/math/digit-split';
import type { ZooModelName } from '../../../src/math/zoo';
import { attackDigit } from '../../../src/ml/security';
import type { ZooModel } from '../../../src/ml/zoo/models';
import { params, type AttackLabParams } from '../../../src/widgets/security-attack-lab/params';
import { attackRequest, topClass } from '../../../src/widgets/security-attack-lab/request';
import { recordedPoint } from '../../../src/widgets/security-shared/robustness';
import { resolveDigitInput } from '../../../src/widgets/zoo-shared/digit-input';
import { readModel, readSplit } from '../../../scripts/security-zoo-files';
import { exerciseValues, Measurements, useCpu, useWasm } from './helpers';

const LESSON = 'security';
const measured = new Measurements();
let test: DigitSplit;
const models = new Map<ZooModelName, ZooModel>();
const model = (n: ZooModelName) => {
  if (!models.has(n)) models.set(n, readModel(n));
  return models.get(n)!;
};

beforeAll(async () => {
  await useWasm();
  test = await readSplit('test');
});
afterAll(async () => {
  measured.print('security lesson');
  for (const m of models.values()) m.dispose();
  await useCpu();
});

/** What the lab shows at these values: the victim's answer before and after, with its probabilities. */
function lab(v: AttackLabParams) {
  const input = resolveDigitInput(v);
  if (input.kind !== 'test') throw new Error('these claims are on test digits');
  const r = attackRequest(v, { kind: 'test', index: input.testIndex });
  const out = attackDigit(
    model(r.victim),
    model(r.source),
    splitToFloats(test, input.testIndex, 1),
    test.labels[input.testIndex],
    r.attack,
    r.seed,
  );
  const b = topClass(out.before);
  const a = topClass(out.after);
  return {
    label: out.label,
    before: b,
    pBefore: out.before[b],
    after: a,
    pAfter: out.after[a],
    pTrue: out.after[out.label],
  };
}
const at = (id: string, extra = '') => lab(exerciseValues(LESSON, id, params, extra));

describe('the adversarial example lab, at the lesson’s links', () => {
  it('sec-fgsm: the CNN reads the 3 as an 8 (34%, true class 33%) at ε = 0.1, and holds at 0.05 (about 94%)', () => {
    const r = at('sec-fgsm');
    measured.record('sec-fgsm ε 0.1', r);
    expect(r).toMatchObject({ label: 3, before: 3, after: 8 });
    expect(r.pBefore).toBeGreaterThan(0.995);
    expect(r.pAfter).toBeCloseTo(0.34, 2);
    expect(r.pTrue).toBeCloseTo(0.33, 2);
    const s = at('sec-fgsm', 'atk.epsilon=0.05');
    measured.record('sec-fgsm ε 0.05', s);
    expect(s.after).toBe(3);
    expect(s.pAfter).toBeCloseTo(0.94, 2);
  });

  it('sec-linear: the softmax regression turns the 3 into a 7 (81%) at ε = 0.05', () => {
    const r = at('sec-linear');
    measured.record('sec-linear', r);
    expect(r.after).toBe(7);
    expect(r.pAfter).toBeCloseTo(0.81, 2);
  });

  it('the noise aside: random signs at ε = 0.1 leave the CNN at 3 with 99.3%', () => {
    const r = at('sec-fgsm', 'atk.attack=noise');
    measured.record('noise ε 0.1', r);
    expect(r.after).toBe(3);
    expect(r.pAfter).toBeCloseTo(0.993, 3);
  });

  it('sec-pgd: FGSM at 0.3 leaves the robust CNN at 3 (83% → 36%); PGD with 40 steps makes it a 5', () => {
    const r = at('sec-pgd');
    measured.record('sec-pgd FGSM', r);
    expect(r).toMatchObject({ before: 3, after: 3 });
    expect(r.pBefore).toBeCloseTo(0.83, 2);
    expect(r.pAfter).toBeCloseTo(0.36, 2);
    const p = at('sec-pgd', 'atk.attack=pgd&atk.steps=40');
    measured.record('sec-pgd PGD 40', p);
    expect(p.after).toBe(5);
  });

  it('gradient masking passage: targeted PGD at ε = 0.5 with 100 steps turns the robust CNN’s 3 into a 7', () => {
    const r = at('sec-pgd', 'atk.attack=pgd&atk.steps=100&atk.epsilon=0.5&atk.target=7');
    measured.record('robust ε 0.5 → 7', r);
    expect(r.after).toBe(7);
  });

  it('sec-transfer: the CNN’s FGSM at 0.2 makes the MLP (62% on 3) say 8; the robust CNN at 0.3 still says 3 (62%)', () => {
    const r = at('sec-transfer');
    measured.record('sec-transfer MLP', r);
    expect(r).toMatchObject({ before: 3, after: 8 });
    expect(r.pBefore).toBeCloseTo(0.62, 2);
    const s = at('sec-transfer', 'atk.model=robust-cnn&atk.epsilon=0.3');
    measured.record('sec-transfer robust', s);
    expect(s.after).toBe(3);
    expect(s.pAfter).toBeCloseTo(0.62, 2);
  });

  it('sec-targeted: PGD aimed at 7 gets 7 (99.8%); FGSM aimed at 7 gets 8', () => {
    const r = at('sec-targeted');
    measured.record('sec-targeted PGD', r);
    expect(r.after).toBe(7);
    expect(r.pAfter).toBeCloseTo(0.998, 3);
    const f = at('sec-targeted', 'atk.attack=fgsm');
    measured.record('sec-targeted FGSM', f);
    expect(f.after).toBe(8);
  });
});

describe('numbers quoted from the seeded table', () => {
  it('the softmax regression: 90.8% clean, 33.2% under FGSM at 0.05, 5.4% at 0.1, 2.4% at 0.25', () => {
    expect(recordedPoint('softmax', 'fgsm', 0).accuracy).toBeCloseTo(0.908, 3);
    expect(recordedPoint('softmax', 'fgsm', 0.05).accuracy).toBeCloseTo(0.332, 3);
    expect(recordedPoint('softmax', 'fgsm', 0.1).accuracy).toBeCloseTo(0.054, 3);
    expect(recordedPoint('softmax', 'fgsm', 0.25).accuracy).toBeCloseTo(0.024, 3);
  });

  it('noise at 0.1 costs the CNN 0.6 points where FGSM costs 24.4; at 0.3 noise hurts less than FGSM, barely the robust CNN', () => {
    const clean = recordedPoint('cnn', 'fgsm', 0).accuracy;
    expect(clean - recordedPoint('cnn', 'noise', 0.1).accuracy).toBeCloseTo(0.006, 3);
    expect(clean - recordedPoint('cnn', 'fgsm', 0.1).accuracy).toBeCloseTo(0.244, 3);
    for (const m of ['softmax', 'mlp', 'cnn'] as const) {
      expect(recordedPoint(m, 'noise', 0.3).accuracy).toBeGreaterThan(recordedPoint(m, 'fgsm', 0.3).accuracy);
      expect(recordedPoint(m, 'noise', 0.3).accuracy).toBeLessThan(0.7);
    }
    expect(recordedPoint('robust-cnn', 'noise', 0.3).accuracy).toBeGreaterThan(0.95);
  });

  it('PGD at 0.3 drives the CNN to near zero where FGSM left a fair share right', () => {
    expect(recordedPoint('cnn', 'pgd', 0.3).accuracy).toBeLessThan(0.02);
    expect(recordedPoint('cnn', 'fgsm', 0.3).accuracy).toBeGreaterThan(0.15);
  });
});
