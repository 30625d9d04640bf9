/**
 * Claims of the transformers lesson (content/lessons/transformers/index.mdx): every passage or solution
 * that predicts what a widget shows at a linked state, checked by running the widget's own code at that
 * state and seed. The playground's runs use TrainingSession (what its Worker runs) on the wasm backend,
 * with as few training steps as each claim allows; the default settings' full runs come from the
 * committed, replay-tested static figure (src/widgets/attention-playground/static-run.json).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32 } from '../../../src/math/random';
import { softmax } from '../../../src/math/softmax';
import { attention } from '../../../src/math/attention';
import { EVAL_EVERY, EVAL_SIZE, TrainingSession } from '../../../src/ml/training-session';
import { defaultProbe, SEED_STREAM } from '../../../src/math/seeds';
import { answer, makeBatch, type TaskName } from '../../../src/math/tasks';
import { params as playgroundParams, type PlaygroundParams } from '../../../src/widgets/attention-playground/params';
import type { StaticRun } from '../../../src/widgets/attention-playground/static-run';
import recorded from '../../../src/widgets/attention-playground/static-run.json';
import { params as sdpParams } from '../../../src/widgets/scaled-dot-product/params';
import { computeScaledDotProduct } from '../../../src/widgets/scaled-dot-product/compute';
import { params as peParams } from '../../../src/widgets/positional-encoding/params';
import { computePositional } from '../../../src/widgets/positional-encoding/compute';
import { exerciseValues, Measurements, mean, stateValues, useCpu, useWasm } from './helpers';

const LESSON = 'transformers';
const measured = new Measurements();
const staticRuns = recorded.runs as Record<TaskName, StaticRun>;

beforeAll(useWasm);
afterAll(async () => {
  measured.print('Transformers lesson');
  for (const run of runs.values()) run.session.dispose();
  await useCpu();
});

// ---------------------------------------------------------------------------------------------------
// The attention playground, run as its Worker runs it.

const playground = (exerciseId: string, extra = '') => exerciseValues(LESSON, exerciseId, playgroundParams, extra);

interface Trained {
  session: TrainingSession;
  values: PlaygroundParams;
  /** Held-out token accuracy (teacher-forced), as the curve shows it: every EVAL_EVERY steps. */
  accuracy: Map<number, number>;
}

/** Runs by model and data settings; a later claim on the same settings trains the same run further. */
const runs = new Map<string, Trained>();

/**
 * The playground's run at these values after `steps` training steps (the widget's own run is `values.steps`
 * long; claims use as few as they need). Runs are shared between tests and disposed at the end.
 */
function train(values: PlaygroundParams, steps: number): Trained {
  const { input: _input, steps: _budget, ...config } = values;
  const key = JSON.stringify(config);
  let run = runs.get(key);
  if (!run) {
    const session = new TrainingSession(config);
    run = { session, values, accuracy: new Map() };
    runs.set(key, run);
  }
  while (run.session.steps < steps) {
    run.session.trainStep();
    if (run.session.steps % EVAL_EVERY === 0) run.accuracy.set(run.session.steps, run.session.evaluate().tokenAccuracy);
  }
  if (run.session.steps !== steps) throw new Error(`the shared run is already at step ${run.session.steps}`);
  return run;
}

/** The first evaluation at or above 95%, as the widget reports it ("Reached 95% at step …"). */
const stepsTo95 = (points: Iterable<[number, number]>) => {
  for (const [step, value] of points) if (value >= 0.95) return step;
  return null;
};

/** The question the widget shows when the reader has typed nothing: fixed by the seed. */
const probeOf = (v: PlaygroundParams) => defaultProbe(v.seed, v.length);

/**
 * The key columns each answer row must read, rows n … 2n-1 of the heatmap (positions from 0): reversal
 * reads column n-1-j at row n+j, copying column j, sorting any column holding the next sorted digit.
 */
function targetColumns(task: TaskName, x: readonly number[]): number[][] {
  const n = x.length;
  return answer(task, x).map((digit, j) => {
    if (task === 'reverse') return [n - 1 - j];
    if (task === 'copy') return [j];
    return x.flatMap((d, c) => (d === digit ? [c] : []));
  });
}

interface HeadReading {
  /** Mean over the n answer rows of the weight on the row's target column(s). */
  mass: number;
  /** Answer rows whose brightest cell is a target column. */
  hits: number;
}

/** How much of each head's attention (on the question x) sits on the cells the task needs. */
function readHeads(task: TaskName, x: readonly number[], maps: number[][][][]): HeadReading[][] {
  const n = x.length;
  const targets = targetColumns(task, x);
  return maps.map((layer) =>
    layer.map((head) => {
      const rows = targets.map((cols, j) => {
        const row = head[n + j];
        const brightest = row.indexOf(Math.max(...row));
        return { mass: cols.reduce((s, c) => s + row[c], 0), hit: cols.includes(brightest) };
      });
      return { mass: mean(rows.map((r) => r.mass)), hits: rows.filter((r) => r.hit).length };
    }),
  );
}

/** A head that holds the whole pattern: the brightest cell right on every answer row, 95% of the weight. */
const holdsAll = (h: HeadReading, n: number) => h.hits === n && h.mass >= 0.95;

/** The playground's held-out questions for a seed (the batch its accuracy curve is measured on). */
function heldOutQuestions(v: PlaygroundParams, count: number): number[][] {
  const batch = makeBatch(v.task, v.length, EVAL_SIZE, mulberry32(deriveSeed(v.seed, SEED_STREAM.heldOut)));
  return Array.from({ length: count }, (_, b) => Array.from(batch.inputs.slice(b * batch.T, b * batch.T + v.length)));
}

/** Free-running (greedy, the model's own digits fed back) accuracy on questions: what "Your input" does. */
function freeRunning(session: TrainingSession, task: TaskName, questions: readonly number[][]) {
  let tokens = 0;
  let sequences = 0;
  for (const x of questions) {
    const y = answer(task, x);
    const right = session.model.generate(x).filter((t, i) => t === y[i]).length;
    tokens += right;
    if (right === y.length) sequences++;
  }
  return {
    tokenAccuracy: tokens / (questions.length * questions[0].length),
    sequenceAccuracy: sequences / questions.length,
  };
}

const digits = (s: string) => s.split(' ').map(Number);

const at = (run: { accuracy: Map<number, number> | { step: number; value: number }[] }, step: number) =>
  run.accuracy instanceof Map ? run.accuracy.get(step)! : run.accuracy.find((p) => p.step === step)!.value;

describe('transformers: the attention playground, default model', () => {
  it('was recorded at the settings the reversal exercise links (the default ones)', () => {
    const { input: _i, ...linked } = playground('ap-reverse-antidiagonal');
    const { input: _j, ...settings } = recorded.settings as PlaygroundParams;
    expect(linked).toEqual(settings);
  });

  it('What heads do, What to expect, ap-reverse-antidiagonal: each of the two heads holds the whole anti-diagonal', () => {
    const run = staticRuns.reverse;
    const n = recorded.settings.length;
    const heads = readHeads('reverse', run.tokens.slice(0, n), run.attention)[0];
    measured.record('ap-reverse-antidiagonal (static run, 1000 steps)', {
      'head 1 mass': heads[0].mass,
      'head 1 rows': heads[0].hits,
      'head 2 mass': heads[1].mass,
      'head 2 rows': heads[1].hits,
      'accuracy at 100': at(run, 100),
      'first ≥ 95% at': stepsTo95(run.accuracy.map((p) => [p.step, p.value])) ?? 'never',
    });
    // "100% within the first hundred steps".
    expect(at(run, 100)).toBe(1);
    // Both heads: the brightest cell of every answer row on the anti-diagonal; 90% and 98% of the weight.
    for (const h of heads) expect(h.hits).toBe(n);
    expect(heads.map((h) => Math.round(100 * h.mass))).toEqual([90, 98]);
  });

  it('ap-reverse-antidiagonal: the reader’s 7 0 2 8 5 5 comes back as 5 5 8 2 0 7, already at step 100', () => {
    const { session } = train(playground('ap-reverse-antidiagonal'), 100);
    const generated = session.model.generate(digits('7 0 2 8 5 5'));
    measured.record('ap-reverse-antidiagonal (100 steps)', { '7 0 2 8 5 5 ->': generated.join(' ') });
    expect(generated).toEqual(digits('5 5 8 2 0 7'));
  });

  it('What to expect (Sort): the separator’s row looks at the smallest question digit', () => {
    const run = staticRuns.sort;
    const n = recorded.settings.length;
    const x = run.tokens.slice(0, n);
    const smallest = x.indexOf(Math.min(...x));
    const separatorRows = run.attention[0].map((head) => head[n]);
    measured.record('What to expect (Sort), static run', {
      question: x.join(' '),
      'separator row on the smallest digit, per head': separatorRows.map((row) => row[smallest].toFixed(2)).join(' / '),
    });
    expect(separatorRows.some((row) => row.indexOf(Math.max(...row)) === smallest)).toBe(true);
  });
});

describe('transformers: heads', () => {
  it('ap-heads: one head reverses as well as two, the whole anti-diagonal in its one map', () => {
    const { session, values, accuracy } = train(playground('ap-heads'), 100);
    expect(values.heads).toBe(1);
    const [head] = readHeads('reverse', probeOf(values), session.probe(probeOf(values)).attention)[0];
    measured.record('ap-heads, 1 head (100 steps)', {
      'accuracy at 100': accuracy.get(100)!,
      'two heads at 100': at(staticRuns.reverse, 100),
      'head mass': head.mass,
      rows: head.hits,
    });
    expect(accuracy.get(100)!).toBe(1);
    expect(at(staticRuns.reverse, 100)).toBe(1);
    expect(holdsAll(head, values.length)).toBe(true);
    expect(Math.round(100 * head.mass)).toBe(98);
  });

  it('ap-heads: with 4 heads, after 100 steps, one or two hold the whole anti-diagonal sharply, the others mostly follow it less sharply', () => {
    const { session, values, accuracy } = train(playground('ap-heads', 'ap.heads=4'), 100);
    expect(values.heads).toBe(4);
    const heads = readHeads('reverse', probeOf(values), session.probe(probeOf(values)).attention)[0];
    const sharp = heads.filter((h) => holdsAll(h, values.length));
    const rest = heads.filter((h) => !holdsAll(h, values.length));
    measured.record('ap-heads, 4 heads (100 steps)', {
      'accuracy at 100': accuracy.get(100)!,
      'head masses': heads.map((h) => h.mass.toFixed(2)).join(' / '),
      'rows per head': heads.map((h) => h.hits).join(' / '),
    });
    expect(accuracy.get(100)!).toBeGreaterThanOrEqual(0.95);
    expect(heads.map((h) => Math.round(100 * h.mass))).toEqual([66, 74, 98, 69]);
    expect(sharp.length).toBeGreaterThanOrEqual(1);
    expect(sharp.length).toBeLessThanOrEqual(2);
    // The others: most of their weight on the anti-diagonal too, but not all, and a row or two elsewhere.
    for (const h of rest) {
      expect(h.mass).toBeGreaterThanOrEqual(0.4);
      expect(h.hits).toBeGreaterThanOrEqual(4);
    }
  });

  it('ap-heads: sort also works with one head, about as well as with two', () => {
    const { accuracy } = train(playground('ap-heads', 'ap.task=sort'), 100);
    measured.record('ap-heads, sort with 1 head (100 steps)', {
      'accuracy at 100': accuracy.get(100)!,
      'two heads at 100': at(staticRuns.sort, 100),
    });
    expect([accuracy.get(100)!, at(staticRuns.sort, 100)].map((a) => Math.round(100 * a))).toEqual([82, 84]);
    expect(Math.abs(accuracy.get(100)! - at(staticRuns.sort, 100))).toBeLessThanOrEqual(0.05);
  });
});

describe('transformers: positions', () => {
  it('ap-no-positions: after 150 steps one layer stays near the chance level of guessing a question digit, 1/4', () => {
    const { values, accuracy } = train(playground('ap-no-positions'), 150);
    expect(values.positional).toBe('none');
    // Guessing one of the n question digits is right when it holds the wanted digit: the wanted one itself
    // plus, on average, (n - 1)/10 others, out of n.
    const chance = (1 + (values.length - 1) / 10) / values.length;
    measured.record('ap-no-positions, 1 layer (150 steps)', {
      'accuracy at 100': accuracy.get(100)!,
      'accuracy at 150': accuracy.get(150)!,
      chance,
      'with positions at 100': at(staticRuns.reverse, 100),
    });
    expect(chance).toBeCloseTo(0.25, 10);
    expect(Math.round(100 * accuracy.get(150)!)).toBe(25);
    expect(Math.abs(accuracy.get(150)! - chance)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(accuracy.get(150)! - accuracy.get(100)!)).toBeLessThanOrEqual(0.05);
  });

  it('ap-no-positions: two layers pull clearly ahead of one within 100 steps', () => {
    const one = train(playground('ap-no-positions'), 150).accuracy.get(100)!;
    const two = train(playground('ap-no-positions', 'ap.layers=2'), 100).accuracy.get(100)!;
    measured.record('ap-no-positions, 1 vs 2 layers (100 steps)', { '1 layer': one, '2 layers': two });
    expect([one, two].map((a) => Math.round(100 * a))).toEqual([24, 35]);
    expect(two - one).toBeGreaterThanOrEqual(0.1);
  });

  it('ap-sort-no-positions: sort suffers far less than reverse, short of the run with positions, and slips on repeats', () => {
    const { session, values, accuracy } = train(playground('ap-sort-no-positions'), 200);
    const distinct = session.model.generate(digits('5 2 1 9 3 4'));
    const repeats = session.model.generate(digits('3 3 1 1 5 5'));
    const questions = heldOutQuestions(values, 128);
    const allDifferent = freeRunning(
      session,
      'sort',
      questions.filter((x) => new Set(x).size === x.length),
    );
    const withRepeats = freeRunning(
      session,
      'sort',
      questions.filter((x) => new Set(x).size < x.length),
    );
    measured.record('ap-sort-no-positions (200 steps)', {
      'accuracy at 100': accuracy.get(100)!,
      'accuracy at 200': accuracy.get(200)!,
      'with positions at 100': at(staticRuns.sort, 100),
      'with positions at 200': at(staticRuns.sort, 200),
      '5 2 1 9 3 4 ->': distinct.join(' '),
      '3 3 1 1 5 5 ->': repeats.join(' '),
      'answers right, all digits different': allDifferent.sequenceAccuracy,
      'answers right, with repeats': withRepeats.sequenceAccuracy,
    });
    expect([accuracy.get(200)!, at(staticRuns.sort, 200)].map((a) => Math.round(100 * a))).toEqual([80, 93]);
    expect(at(staticRuns.sort, 200) - accuracy.get(200)!).toBeGreaterThanOrEqual(0.05);
    expect(distinct).toEqual(digits('1 2 3 4 5 9'));
    expect(repeats).not.toEqual(digits('1 1 3 3 5 5'));
    // Every question with all digits different answered right; 13% of those with a repeat.
    expect(allDifferent.sequenceAccuracy).toBe(1);
    expect(Math.round(100 * withRepeats.sequenceAccuracy)).toBe(13);
    // It levels off: no gain from step 100 to 200, while the run with positions climbs.
    expect(Math.abs(accuracy.get(200)! - accuracy.get(100)!)).toBeLessThanOrEqual(0.03);
    expect(at(staticRuns.sort, 200) - at(staticRuns.sort, 100)).toBeGreaterThanOrEqual(0.05);
  });

  it('ap-sinusoidal: sinusoidal positions learn reversal, later than learned ones, with a softer anti-diagonal', () => {
    const { session, values, accuracy } = train(playground('ap-sinusoidal'), 150);
    const heads = readHeads('reverse', probeOf(values), session.probe(probeOf(values)).attention)[0];
    const sin95 = stepsTo95(accuracy);
    const learned95 = stepsTo95(staticRuns.reverse.accuracy.map((p) => [p.step, p.value]));
    const learnedParams = train(playground('ap-reverse-antidiagonal'), 100).session.model.numParameters;
    const neighbours = computePositional(stateValues(peParams, 'pe', ''));
    measured.record('ap-sinusoidal (150 steps)', {
      'first ≥ 95% at': sin95 ?? 'never',
      'learned first ≥ 95% at': learned95 ?? 'never',
      'accuracy at 150': accuracy.get(150)!,
      'head masses': heads.map((h) => h.mass.toFixed(2)).join(' / '),
      'rows per head': heads.map((h) => h.hits).join(' / '),
      'parameters saved': learnedParams - session.model.numParameters,
      'viewer: neighbour similarity at the probe': neighbours.probeRow[neighbours.probe + 1],
    });
    expect(values.positional).toBe('sinusoidal');
    expect(sin95).not.toBeNull();
    expect([sin95, learned95]).toEqual([125, 75]);
    expect(heads.map((h) => Math.round(100 * h.mass))).toEqual([51, 62]);
    expect(accuracy.get(150)!).toBeGreaterThan(0.99);
    for (const h of heads) expect(h.mass).toBeLessThan(0.8);
    expect(heads.every((h) => h.hits >= values.length - 2)).toBe(true);
    expect(learnedParams - session.model.numParameters).toBe(544);
    expect(neighbours.probeRow[neighbours.probe + 1]).toBeGreaterThan(0.8);
  });

  it('ap-copy-layers (a): one layer with positions learns copy quickly, a clean stripe n places back in both heads', () => {
    const values = playground('ap-copy-layers');
    const { input: _i, task: _t, ...linked } = values;
    const { input: _j, task: _u, ...settings } = recorded.settings as PlaygroundParams;
    // The link is the default model on the copy task: the static figure's copy run.
    expect(values.task).toBe('copy');
    expect(linked).toEqual(settings);
    const run = staticRuns.copy;
    const heads = readHeads('copy', run.tokens.slice(0, values.length), run.attention)[0];
    measured.record('ap-copy-layers (a), static run', {
      'accuracy at 100': at(run, 100),
      'head masses on the stripe': heads.map((h) => h.mass.toFixed(3)).join(' / '),
    });
    expect(at(run, 100)).toBe(1);
    for (const h of heads) expect(holdsAll(h, values.length)).toBe(true);
  });

  it('ap-copy-layers (b): without positions one layer stays near 1/4 and two layers do much better', () => {
    const one = train(playground('ap-copy-layers', 'ap.positional=none'), 75).accuracy.get(75)!;
    const two = train(playground('ap-copy-layers', 'ap.positional=none&ap.layers=2'), 75).accuracy.get(75)!;
    measured.record('ap-copy-layers (b), no positions (75 steps)', { '1 layer': one, '2 layers': two });
    expect([one, two].map((a) => Math.round(100 * a))).toEqual([24, 47]);
    expect(Math.abs(one - 0.25)).toBeLessThanOrEqual(0.05);
    expect(two - one).toBeGreaterThanOrEqual(0.15);
  });
});

describe('transformers: teacher forcing against free running', () => {
  it('ap-teacher-forcing: after 200 steps of sort the curve reads 93%, free-running answers get 88% of digits right', () => {
    const { session, values, accuracy } = train(playground('ap-teacher-forcing'), 200);
    expect(values.steps).toBe(200);
    const curve = accuracy.get(200)!;
    const free = freeRunning(session, 'sort', heldOutQuestions(values, 128));
    const input = digits('3 3 1 1 5 5');
    const probe = session.probe(input);
    measured.record('ap-teacher-forcing (200 steps)', {
      'curve (teacher-forced)': curve,
      'free-running digits right': free.tokenAccuracy,
      'free-running answers right': free.sequenceAccuracy,
      '3 3 1 1 5 5, teacher-forced': probe.predictions.join(' '),
      '3 3 1 1 5 5, free-running': probe.generated.join(' '),
    });
    const wrong = (p: number) => 6 * (1 - p);
    expect(Math.round(100 * curve)).toBe(93);
    // The same run as the static figure's sort run at step 200 (rounded there to 4 decimals).
    expect(curve).toBeCloseTo(at(staticRuns.sort, 200), 4);
    expect(Math.round(100 * free.tokenAccuracy)).toBe(88);
    expect(Math.round(100 * free.sequenceAccuracy)).toBe(63);
    // Wrong digits per answer: 0.4 teacher-forced, 0.7 free-running.
    expect(wrong(free.tokenAccuracy) / wrong(curve)).toBeGreaterThan(1.5);
    const right = (t: number[]) => t.filter((d, i) => d === answer('sort', input)[i]).length;
    expect(probe.predictions).toEqual(digits('1 3 3 5 5 5'));
    expect(probe.generated).toEqual(digits('1 3 5 5 5 5'));
    expect([right(probe.predictions), right(probe.generated)]).toEqual([4, 3]);
    // "Train for the full 1000 steps and the gap closes": the static figure's full sort run.
    expect(at(staticRuns.sort, 1000)).toBeGreaterThanOrEqual(0.99);
    expect(staticRuns.sort.generated).toEqual(staticRuns.sort.expected);
  });

  it('ap-learning-rate: the bigger sort model at 0.03 stalls far below the same model at the default rate', () => {
    // The most expensive model of the playground (2 layers, d_model 64): 25 steps already show the gap.
    const high = train(playground('ap-learning-rate'), 25);
    const usual = train(playground('ap-learning-rate', 'ap.lr=0.003'), 25);
    const highLoss = high.session.evaluate().loss;
    measured.record('ap-learning-rate, sort, 2 layers, d_model 64 (25 steps)', {
      'accuracy at 25, lr 0.03': high.accuracy.get(25)!,
      'accuracy at 25, lr 0.003': usual.accuracy.get(25)!,
      'held-out loss at 25, lr 0.03': highLoss,
    });
    expect([high.values.layers, high.values.dModel, high.values.lr]).toEqual([2, 64, 0.03]);
    expect(usual.values.lr).toBe(0.003);
    expect(Math.round(100 * high.accuracy.get(25)!)).toBe(38);
    expect(Math.round(100 * usual.accuracy.get(25)!)).toBe(73);
    expect(highLoss).toBeGreaterThan(1);
  });

  it('ap-learning-rate: the small default model copes with 0.03 on reversal and learns it very fast', () => {
    const fast = train(playground('ap-learning-rate', 'ap.task=reverse&ap.layers=1&ap.dModel=32'), 50);
    measured.record('ap-learning-rate, reversal at 0.03 (50 steps)', {
      'accuracy at 25': fast.accuracy.get(25)!,
      'default rate at 25': at(staticRuns.reverse, 25),
    });
    expect(fast.values.lr).toBe(0.03);
    expect(fast.accuracy.get(25)!).toBeGreaterThan(0.99);
    expect(stepsTo95(staticRuns.reverse.accuracy.map((p) => [p.step, p.value]))).toBe(75);
  });
});

describe('transformers: parameter counts the text predicts', () => {
  const count = (values: PlaygroundParams) => {
    const { input: _i, steps: _s, ...config } = values;
    const s = new TrainingSession(config);
    const n = s.model.numParameters;
    const maps = s.probe(probeOf(values)).attention;
    s.dispose();
    return { n, maps };
  };

  it('ap-count-a-block: a block adds 12,576 parameters at d_model 32 and 49,728 at 64', () => {
    const two = count(playground('ap-count-a-block'));
    const one = count(playground('ap-count-a-block', 'ap.layers=1'));
    const wide2 = count(playground('ap-count-a-block', 'ap.dModel=64'));
    const wide1 = count(playground('ap-count-a-block', 'ap.dModel=64&ap.layers=1'));
    measured.record('ap-count-a-block', {
      'one layer': one.n,
      'two layers': two.n,
      'block at 32': two.n - one.n,
      'block at 64': wide2.n - wide1.n,
    });
    expect(two.n - one.n).toBe(12_576);
    expect(wide2.n - wide1.n).toBe(49_728);
  });

  it('mha-shapes: heads do not change the parameter count; one heatmap per head', () => {
    const linked = count(playground('mha-shapes'));
    const twoHeads = count(playground('mha-shapes', 'ap.heads=2'));
    const narrow = count(playground('mha-shapes', 'ap.dModel=32&ap.heads=2'));
    measured.record('mha-shapes', {
      'maps per layer (linked)': linked.maps[0].length,
      'maps per layer (default)': narrow.maps[0].length,
      'parameters d64 h4': linked.n,
      'parameters d64 h2': twoHeads.n,
    });
    expect(linked.maps[0].length).toBe(4);
    expect(narrow.maps[0].length).toBe(2);
    expect(linked.n).toBe(twoHeads.n);
  });
});

// ---------------------------------------------------------------------------------------------------
// The plain-math widgets.

describe('transformers: the scaled dot-product explorer', () => {
  const sdp = (exerciseId: string, extra = '') =>
    computeScaledDotProduct(exerciseValues(LESSON, exerciseId, sdpParams, extra));

  it('sdp-score-variance: unscaled scores at d = 256 scatter around √256 = 16 and rows turn nearly one-hot', () => {
    const values = exerciseValues(LESSON, 'sdp-score-variance', sdpParams);
    const r = computeScaledDotProduct(values);
    // "New random vectors" moves to the next seed.
    const next = [1, 2, 3, 4, 5].map((k) => computeScaledDotProduct({ ...values, seed: values.seed + k }).scoreStd);
    const scaled = sdp('sdp-score-variance', 'sdp.scale=1');
    const rowMax = r.weights.map((row) => Math.max(...row));
    const first = r.curve[0];
    const last = r.curve.at(-1)!;
    const scaledCurve = r.curve.map((p) => p.scaled.maxWeight);
    measured.record('sdp-score-variance', {
      'score std (theory 16)': r.scoreStd,
      'next five seeds': next.map((x) => x.toFixed(1)).join(' '),
      'rows over 90% on one key': rowMax.filter((m) => m > 0.9).length,
      'query 3 top weight': r.maxWeight,
      'scaled score std': scaled.scoreStd,
      'mean row max, scaled': mean(scaled.weights.map((row) => Math.max(...row))),
      'curve unscaled d=1 → 512': `${first.unscaled.maxWeight.toFixed(2)} → ${last.unscaled.maxWeight.toFixed(2)}`,
      'curve scaled range': Math.max(...scaledCurve) - Math.min(...scaledCurve),
    });
    expect(r.expectedStd).toBe(16);
    expect(r.scoreStd.toFixed(1)).toBe('20.4');
    expect(next.map((x) => x.toFixed(1))).toEqual(['16.7', '18.8', '14.2', '19.3', '13.4']);
    expect(rowMax.filter((m) => m > 0.9).length).toBe(5);
    expect(r.query).toBe(3);
    expect(r.maxWeight).toBeGreaterThan(0.999);
    // Scaled: variance back near 1, weight spread over several keys.
    expect(Math.abs(scaled.scoreStd - 1)).toBeLessThanOrEqual(0.3);
    expect(mean(scaled.weights.map((row) => Math.max(...row)))).toBeLessThan(0.6);
    // The unscaled curve climbs towards 1; the scaled one stays roughly level.
    expect(last.unscaled.maxWeight).toBeGreaterThanOrEqual(0.9);
    expect(last.unscaled.maxWeight - first.unscaled.maxWeight).toBeGreaterThanOrEqual(0.3);
    expect(Math.max(...scaledCurve) - Math.min(...scaledCurve)).toBeLessThanOrEqual(0.1);
  });

  it('sdp-temperature-is-scaling: no scaling at τ = 4 gives the default weights exactly; τ = 0.1 and 10 sharpen and flatten', () => {
    const linked = sdp('sdp-temperature-is-scaling');
    const values = exerciseValues(LESSON, 'sdp-temperature-is-scaling', sdpParams);
    const reference = computeScaledDotProduct({ ...values, scale: true, temperature: 1 });
    const sharp = computeScaledDotProduct({ ...values, scale: true, temperature: 0.1 });
    const flat = computeScaledDotProduct({ ...values, scale: true, temperature: 10 });
    const maxDiff = Math.max(
      ...linked.weights.flatMap((row, i) => row.map((w, j) => Math.abs(w - reference.weights[i][j]))),
    );
    const flatDev = Math.max(...flat.weights.flat().map((w) => Math.abs(w - 1 / values.tokens)));
    const sharpMax = sharp.weights.map((row) => Math.max(...row));
    // Rows that stay split at τ = 0.1: their two best scaled scores are within a few tenths.
    const gaps = sharp.scores.map((row) => {
      const sorted = [...row].sort((a, b) => b - a);
      return sorted[0] - sorted[1];
    });
    measured.record('sdp-temperature-is-scaling', {
      'max weight difference': maxDiff,
      'score ratio': linked.scores[0][1] / reference.scores[0][1],
      'rows over 98% at τ 0.1': sharpMax.filter((m) => m > 0.98).length,
      'top-two gaps of the other rows': gaps
        .filter((_, i) => sharpMax[i] <= 0.98)
        .map((g) => g.toFixed(2))
        .join(' '),
      'largest distance from 1/6 at τ 10': flatDev,
    });
    expect(values.d).toBe(16);
    expect(maxDiff).toBeLessThan(1e-12);
    expect(linked.scores[0][1] / reference.scores[0][1]).toBeCloseTo(4, 10);
    expect(sharpMax.filter((m) => m > 0.98).length).toBe(3);
    for (const [i, g] of gaps.entries()) if (sharpMax[i] <= 0.98) expect(g).toBeLessThan(0.2);
    expect(flatDev).toBeLessThanOrEqual(0.05);
  });

  it('sdp-causal-row-zero: row 0 is exactly (1, 0, …); query 3 sees four keys; the map is lower-triangular', () => {
    const r = sdp('sdp-causal-row-zero');
    const q3 = sdp('sdp-causal-row-zero', 'sdp.query=3');
    measured.record('sdp-causal-row-zero', { 'row 0': r.weights[0].join(' '), 'query 3 visible keys': q3.visibleKeys });
    expect(r.weights[0]).toEqual([1, 0, 0, 0, 0, 0]);
    expect(q3.visibleKeys).toBe(4);
    r.weights.forEach((row, i) => row.forEach((w, j) => (j > i ? expect(w).toBe(0) : expect(w).toBeGreaterThan(0))));
  });
});

describe('transformers: the positional encoding viewer', () => {
  const pe = (exerciseId: string, extra = '') => {
    const values = exerciseValues(LESSON, exerciseId, peParams, extra);
    return { values, view: computePositional(values) };
  };

  it('pe-fast-and-slow: column 0 is sin(pos), repeating every 2π; the last pair barely moves over 48 positions', () => {
    const { values, view } = pe('pe-fast-and-slow');
    const col = (c: number) => view.encoding.map((row) => row[c]);
    const omega15 = 10000 ** (-30 / 32);
    measured.record('pe-fast-and-slow', {
      ω_15: omega15,
      'angle at position 47': 47 * omega15,
      'largest |column 30|': Math.max(...col(30).map(Math.abs)),
      'smallest column 31': Math.min(...col(31)),
    });
    expect(values.positions).toBe(48);
    col(0).forEach((v, p) => expect(v).toBeCloseTo(Math.sin(p), 12));
    expect(omega15).toBeCloseTo(1.78e-4, 6);
    expect(47 * omega15).toBeCloseTo(0.008, 3);
    expect(Math.max(...col(30).map(Math.abs))).toBeLessThan(0.01);
    expect(Math.min(...col(31))).toBeGreaterThan(0.9999);
  });

  it('pe-offset-only: the diagonal is d/2 = 16, stripes are constant, the probe’s curve is symmetric', () => {
    const { values, view } = pe('pe-offset-only');
    const S = view.similarity;
    const n = values.positions;
    let stripe = 0;
    for (let p = 0; p + 1 < n; p++)
      for (let q = 0; q + 1 < n; q++) stripe = Math.max(stripe, Math.abs(S[p + 1][q + 1] - S[p][q]));
    const row = view.probeRow;
    const k = Math.min(view.probe, n - 1 - view.probe);
    let asym = 0;
    for (let o = 1; o <= k; o++) asym = Math.max(asym, Math.abs(row[view.probe + o] - row[view.probe - o]));
    measured.record('pe-offset-only', {
      diagonal: S[0][0],
      'largest stripe change': stripe,
      'largest asymmetry': asym,
    });
    S.forEach((r, p) => expect(r[p]).toBeCloseTo(values.dModel / 2, 10));
    expect(stripe).toBeLessThan(1e-9);
    expect(asym).toBeLessThan(1e-9);
  });

  it('pe-base: base 100 turns the slowest pair at 0.013 rad per position and makes far positions less alike; 100,000 more alike', () => {
    const { values, view } = pe('pe-base');
    const far = (v: typeof view) => v.probeRow[values.positions - 1];
    const base10k = computePositional({ ...values, base: '10000' });
    const base100k = computePositional({ ...values, base: '100000' });
    const slowest = 100 ** (-(values.dModel - 2) / values.dModel);
    measured.record('pe-base', {
      'slowest ω at base 100': slowest,
      wavelength: (2 * Math.PI) / slowest,
      'probe vs last position, base 100': far(view),
      '10,000': far(base10k),
      '100,000': far(base100k),
    });
    expect(slowest).toBeCloseTo(0.0133, 4);
    expect((2 * Math.PI) / slowest).toBeGreaterThan(450);
    expect((2 * Math.PI) / slowest).toBeLessThan(500);
    expect(far(view)).toBeLessThan(far(base10k));
    expect(far(base100k)).toBeGreaterThan(far(base10k));
  });
});

describe('transformers: worked examples, with the site’s own math', () => {
  it('A worked example with two tokens: the weights and outputs the text computes by hand', () => {
    const X = [
      [1, 0],
      [1, 1],
    ];
    const project = (W: number[][]) => X.map((x) => W[0].map((_, c) => x[0] * W[0][c] + x[1] * W[1][c]));
    const Q = project([
      [1, 0, 1, 0],
      [-1, 2, -1, 2],
    ]);
    const K = project([
      [1, 0, 1, 0],
      [-1, 1, -1, 1],
    ]);
    const V = project([
      [2, 0],
      [-2, 4],
    ]);
    const r = attention(Q, K, V);
    const masked = attention(Q, K, V, { causal: true });
    const round = (m: number[][]) => m.map((row) => row.map((x) => Number(x.toFixed(3))));
    expect(round(r.weights)).toEqual([
      [0.731, 0.269],
      [0.119, 0.881],
    ]);
    expect(round(r.output)).toEqual([
      [1.462, 1.076],
      [0.238, 3.523],
    ]);
    expect(round(masked.output)).toEqual([
      [2, 0],
      [0.238, 3.523],
    ]);
  });

  it('Choosing the next token: the decoding table for logits (2, 1, 0, -1)', () => {
    const z = [2, 1, 0, -1];
    const r3 = (p: number[]) => p.map((x) => Number(x.toFixed(3)));
    const p = softmax(z);
    const keep = (k: number) => r3(p.map((x, i) => (i < k ? x / p.slice(0, k).reduce((a, b) => a + b, 0) : 0)));
    expect(r3(p)).toEqual([0.644, 0.237, 0.087, 0.032]);
    expect(r3(softmax(z, 0.5))).toEqual([0.865, 0.117, 0.016, 0.002]);
    expect(r3(softmax(z, 2))).toEqual([0.455, 0.276, 0.167, 0.102]);
    expect(keep(2)).toEqual([0.731, 0.269, 0, 0]);
    expect(keep(3)).toEqual([0.665, 0.245, 0.09, 0]);
    // Top-p = 0.9 keeps three: two reach only 0.881.
    expect(p[0] + p[1]).toBeLessThan(0.9);
    expect(p[0] + p[1] + p[2]).toBeGreaterThanOrEqual(0.9);
    // After τ = 2, three reach only 0.898: all four are kept.
    const q = softmax(z, 2);
    expect(q[0] + q[1] + q[2]).toBeLessThan(0.9);
  });
});
