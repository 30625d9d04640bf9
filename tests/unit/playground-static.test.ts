/**
 * The playground's static figure (src/widgets/attention-playground/static-run.json) must be what the
 * seeded script produces from the current code: replay the first 100 steps of the reverse run on the
 * same (wasm) backend and compare.
 */
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/ml/tf';
import { defaultProbe } from '../../src/math/seeds';
import { defaultValues } from '../../src/lib/params';
import { params } from '../../src/widgets/attention-playground/params';
import { recordStaticRun, type StaticRun } from '../../src/widgets/attention-playground/static-run';
import recorded from '../../src/widgets/attention-playground/static-run.json';

describe('attention playground static figure', () => {
  it('was recorded with the current default settings', () => {
    expect(recorded.settings).toEqual(defaultValues(params));
  });

  it('matches a fresh seeded replay of its first 100 steps', async () => {
    await tf.setBackend('wasm');
    const settings = defaultValues(params);
    const replay = recordStaticRun({ ...settings, task: 'reverse' }, defaultProbe(settings.seed, settings.length), 100);
    const committed = (recorded.runs as Record<string, StaticRun>).reverse;
    expect(replay.loss.map((p) => p.step)).toEqual(committed.loss.slice(0, replay.loss.length).map((p) => p.step));
    replay.loss.forEach((p, i) => expect(p.value).toBeCloseTo(committed.loss[i].value, 3));
    replay.accuracy.forEach((p, i) => expect(p.value).toBeCloseTo(committed.accuracy[i].value, 3));
    await tf.setBackend('cpu');
  });

  it('shows a run that learned every task', () => {
    for (const run of Object.values(recorded.runs as Record<string, StaticRun>)) {
      expect(run.accuracy.at(-1)!.value).toBeGreaterThanOrEqual(0.95);
    }
  });
});
