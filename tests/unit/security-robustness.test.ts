/**
 * The robustness curve widget: its generator agrees with the one-loop curve and reports every batch, the
 * request's checks, the aria-live sentence, the chart, and the recorded file's settings; and the lesson's
 * claim at its linked state (softmax regression, 100 digits).
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/lib/params';
import { renderStatic } from '../../src/lib/static-figure';
import type { DigitSplit } from '../../src/math/digit-split';
import { tf } from '../../src/ml/tf';
import { robustnessBatches, robustnessCurve, ROBUSTNESS_SETTINGS } from '../../src/ml/security-robustness';
import type { ZooModel } from '../../src/ml/zoo/models';
import { accuracyChart } from '../../src/widgets/security-robustness/charts';
import { PAPER_POINTS } from '../../src/widgets/security-robustness/papers';
import { params } from '../../src/widgets/security-robustness/params';
import { checkCurveRequest, curveRequest } from '../../src/widgets/security-robustness/request';
import { describeCurve } from '../../src/widgets/security-robustness/summary';
import { RECORDED } from '../../src/widgets/security-shared/robustness';
import { readModel, readSplit } from '../../scripts/security-zoo-files';
import { exerciseValues } from './claims/helpers';

let test: DigitSplit;
let softmax: ZooModel;
beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  test = await readSplit('test');
  softmax = readModel('softmax');
});
afterAll(async () => {
  softmax.dispose();
  await tf.setBackend('cpu');
});

describe('the robustness curve', () => {
  it('reports every batch and ends with the one-loop curve, leaking no tensor', () => {
    const s = { ...curveRequest(defaultValues(params)).settings, count: 100, pgdSteps: 2 };
    const before = tf.memory().numTensors;
    const it = robustnessBatches(softmax, test, s);
    let steps = 0;
    let last;
    for (;;) {
      const r = it.next();
      steps++;
      if (r.done) {
        last = r.value;
        break;
      }
      expect(r.value.done).toBe(steps);
    }
    expect(steps).toBe(last.total);
    expect(last.total).toBe(2 * 7 * 3);
    expect(last.points).toEqual(robustnessCurve(softmax, test, s).points);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the lesson’s sec-curve state: PGD lowest, FGSM just above, random signs far above at ε = 0.1', () => {
    const v = exerciseValues('security', 'sec-curve', params);
    const { points } = robustnessCurve(softmax, test, curveRequest(v).settings);
    const at = (k: string, e: number) => points.find((p) => p.kind === k && p.epsilon === e)!.accuracy;
    expect(at('fgsm', 0)).toBeCloseTo(0.96, 2);
    expect(at('fgsm', 0.1)).toBeCloseTo(0.02, 2);
    expect(at('pgd', 0.1)).toBe(0);
    expect(at('noise', 0.1)).toBeCloseTo(0.86, 2);
  });

  it('checks requests against the widget’s bounds', () => {
    const ok = curveRequest(defaultValues(params));
    expect(() => checkCurveRequest(ok)).not.toThrow();
    expect(() => checkCurveRequest({ ...ok, settings: { ...ok.settings, count: 10_000 } })).toThrow(/count/);
    expect(() => checkCurveRequest({ ...ok, model: 'gpt' as never })).toThrow(/no zoo model/);
  });

  it('says where it is in one sentence', () => {
    const request = curveRequest(defaultValues(params));
    expect(describeCurve(null, null)).toBe('Ready: press Compute to attack the test digits.');
    expect(
      describeCurve({ phase: 'running', request, done: 25, total: 84, points: [], computeMs: 0, loading: null }, null),
    ).toBe('Attacking the CNN on 200 test digits: 20% done.');
    const points = RECORDED.models.find((m) => m.name === 'cnn')!.points;
    expect(
      describeCurve({ phase: 'done', request, done: 84, total: 84, points, computeMs: 61_000, loading: null }, null),
    ).toMatchInlineSnapshot(
      `"The CNN on 200 test digits at ε = 0.3: FGSM 28.4%, PGD 0.0%, random signs 58.8% (computed in 1 min 1 s)."`,
    );
  });

  it('draws the live curve with the papers’ points, and the recorded file has the script’s settings', () => {
    const svg = renderStatic((ctx) => accuracyChart(RECORDED.models[0].points, { ...ctx, papers: PAPER_POINTS }));
    expect(svg).toContain('Test accuracy against ε');
    expect(RECORDED.settings).toEqual(ROBUSTNESS_SETTINGS);
    expect(RECORDED.models.map((m) => m.name)).toEqual(['softmax', 'mlp', 'cnn', 'robust-cnn']);
  });
});
