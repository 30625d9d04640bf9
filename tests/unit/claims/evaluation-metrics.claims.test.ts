/**
 * Claims of the evaluation lesson's benchmark-reuse and metrics sections (content/lessons/evaluation):
 * the leaderboard's gap table must be what the committed seeded run holds (its starting-state rows,
 * plain and with Thresholdout, re-measured here with the lab's code, seeds 1 … 20), and every number an exercise
 * solution or the slice paragraph predicts is re-measured at the exercise's linked state, from the
 * shipped weights, with the labs' own report functions. Wasm backend, as the scripts and the browser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultValues } from '../../../src/lib/params';
import type { DigitSplit } from '../../../src/math/digit-split';
import { gapAt, gapTable, THRESHOLDOUT } from '../../../src/math/evaluation-leaderboard';
import { DIGIT_CLASSES, type ZooModelName } from '../../../src/math/zoo';
import { evaluateSplit } from '../../../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../../../src/ml/zoo/models';
import { params as lbParams } from '../../../src/widgets/evaluation-leaderboard/params';
import { labLeaderboard } from '../../../src/widgets/evaluation-leaderboard/report';
import { STATIC_RUN, STATIC_SEEDS } from '../../../src/widgets/evaluation-leaderboard/static-data';
import { params as metParams } from '../../../src/widgets/evaluation-metrics/params';
import { labMetrics } from '../../../src/widgets/evaluation-metrics/report';
import { entryAndWeights, splitFromDisk } from '../evaluation-disk';
import { exerciseValues, Measurements, useCpu, useWasm } from './helpers';

const LESSON = 'evaluation';
const mdx = readFileSync(join(process.cwd(), 'content', 'lessons', LESSON, 'index.mdx'), 'utf8').replace(/\s+/g, ' ');
const out = new Measurements();
const pts = (x: number) => (100 * x).toFixed(2);
const pct = (x: number, d = 2) => `${(100 * x).toFixed(d)}%`;
let validation: DigitSplit;
let test: DigitSplit;
const logits = new Map<ZooModelName, { validation: Float32Array; test: Float32Array }>();

const scored = (name: ZooModelName) => ({
  validation: { logits: logits.get(name)!.validation, labels: validation.labels },
  test: { logits: logits.get(name)!.test, labels: test.labels },
});
const metricsAt = (name: ZooModelName, v: ReturnType<typeof exerciseValues<typeof metParams>>) =>
  labMetrics({ logits: logits.get(name)!.test, labels: test.labels, images: test.images }, v);
/** The lesson says this (whitespace-insensitive). */
const says = (text: string) => expect(mdx).toContain(text);

beforeAll(async () => {
  await useWasm();
  [validation, test] = await Promise.all([splitFromDisk('validation'), splitFromDisk('test')]);
  for (const name of ['softmax', 'cnn', 'robust-cnn'] as const) {
    const { entry, weights } = entryAndWeights(name);
    const model = zooModelFromWeights(entry, weights);
    try {
      logits.set(name, {
        validation: evaluateSplit(model, validation).logits,
        test: evaluateSplit(model, test).logits,
      });
    } finally {
      model.dispose();
    }
  }
}, 60_000);

afterAll(async () => {
  out.print('evaluation lesson: reuse and metrics');
  await useCpu();
});

describe('the leaderboard gap table', () => {
  const run = STATIC_RUN.models.find((m) => m.name === 'softmax')!;
  const row = (holdout: number, strategy: 'climb' | 'best-of', thresholdout: boolean) =>
    run.table.find((r) => r.holdout === holdout && r.strategy === strategy && r.thresholdout === thresholdout)!;

  it('was run at the lab’s defaults, and the lesson quotes it', () => {
    const start = defaultValues(lbParams);
    expect(STATIC_RUN.spread).toBe(start.spread);
    expect(STATIC_RUN.seeds).toBe(STATIC_SEEDS);
    expect(STATIC_RUN.thresholdout).toEqual(THRESHOLDOUT);
    expect(start).toMatchObject({ model: 'softmax', strategy: 'climb', holdout: 200, submissions: 1000, seed: 1 });
    for (const h of [200, 500, 1000]) {
      const r = row(h, 'climb', false);
      const cells = r.gap.map((g, i) => `${pts(g)} ± ${pts(r.gapSe[i])}`);
      says(
        `| ${h === 1000 ? '1,000' : h} digits | ${cells.join(' | ')} | ${(100 * r.freshChange).toFixed(2).replace('-', '−')} points |`,
      );
      const t = row(h, 'climb', true);
      says(`| ${h === 1000 ? '1,000' : h} digits | ${pts(r.gap[2])} | ${pts(t.gap[2])} |`);
      expect(r.freshChange).toBeLessThan(0); // "on average it falls a little"
      out.record(`gap at 10/100/1000, ${h} reused digits`, {
        g10: pts(r.gap[0]),
        g100: pts(r.gap[1]),
        g1000: pts(r.gap[2]),
      });
    }
    // Grows with submissions, shrinks with the test set (the prose and the recap).
    const [a, b, c] = [200, 500, 1000].map((h) => row(h, 'climb', false).gap[2]);
    expect(a).toBeGreaterThan(b);
    expect(b).toBeGreaterThan(c);
    const d = row(200, 'climb', false).gap;
    expect(d[0]).toBeLessThan(d[1]);
    expect(d[1]).toBeLessThan(d[2]);
    says(
      `the gap between the reported and the fresh score was ${(100 * d[0]).toFixed(1)}, ${(100 * d[1]).toFixed(1)} and ${(100 * d[2]).toFixed(1)} points`,
    );
    says(`and ${pts(c)} points with 1,000 reused digits`);
  });

  it('re-measures to the committed run with the lab’s code', () => {
    const settings = [
      // The lab's starting state, plain and behind Thresholdout (the other rows come from the same code).
      { holdout: 200, strategy: 'climb' as const, thresholdout: false },
      { holdout: 200, strategy: 'climb' as const, thresholdout: true },
    ];
    const s = scored('softmax');
    const fresh = gapTable(s.test, s.validation, DIGIT_CLASSES, settings, STATIC_SEEDS, STATIC_RUN.spread);
    for (const r of fresh) {
      const committed = row(r.holdout, r.strategy, r.thresholdout);
      r.gap.forEach((g, i) => expect(g).toBeCloseTo(committed.gap[i], 5));
      expect(r.freshChange).toBeCloseTo(committed.freshChange, 5);
    }
  });
});

describe('the leaderboard exercises', () => {
  it('lb-climb: seed 1 climbs on the reused digits and not on the fresh ones', () => {
    const v = exerciseValues(LESSON, 'lb-climb', lbParams);
    const s = labLeaderboard(scored(v.model), v);
    const last = s.points.at(-1)!;
    out.record('lb-climb', {
      base: pct(s.base.holdout),
      reported: pct(last.reported),
      baseFresh: pct(s.base.fresh),
      fresh: pct(last.fresh),
      gap1: pts(gapAt(s, 1)),
      gap1000: pts(gapAt(s, 1000)),
      kept: s.kept,
    });
    says(`climbs from ${pct(s.base.holdout)} (the model as trained) to ${pct(last.reported)} on the 200 reused digits`);
    says(`from ${pct(s.base.fresh)} to ${pct(last.fresh)}`);
    says(`The gap grows from ${pts(gapAt(s, 1))} points after one submission to ${pts(gapAt(s, 1000))} after 1,000`);
    expect(s.kept).toBe(2); // "the two variants that replaced it"
    expect(s.freshCount).toBe(1800);
    expect(last.fresh).toBeLessThan(s.base.fresh);
  });

  it('lb-bigger: three seeds at 1,000 reused digits', () => {
    for (const [seed, words] of [
      [1, (a: string, b: string) => `at seed 1 the lab shows ${a} points after one submission and ${b} after 1,000`],
      [2, (a: string, b: string) => `at seed 2, ${a} and ${b}`],
      [3, (a: string, b: string) => `at seed 3, ${a} and ${b}`],
    ] as const) {
      const v = exerciseValues(LESSON, 'lb-bigger', lbParams, `lb.seed=${seed}`);
      const s = labLeaderboard(scored(v.model), v);
      says(words(pts(gapAt(s, 1)), pts(gapAt(s, 1000))));
      out.record(`lb-bigger seed ${seed}`, { gap1: pts(gapAt(s, 1)), gap1000: pts(gapAt(s, 1000)) });
    }
  });

  it('lb-thresholdout: reported, fresh, gap and budget at seed 1', () => {
    const v = exerciseValues(LESSON, 'lb-thresholdout', lbParams);
    const s = labLeaderboard(scored(v.model), v);
    const plain = labLeaderboard(scored(v.model), { ...v, thresholdout: false });
    const last = s.points.at(-1)!;
    out.record('lb-thresholdout', {
      reported: pct(last.reported),
      fresh: pct(last.fresh),
      gap: pts(gapAt(s, 1000)),
      revealed: s.revealed,
    });
    says(`reports ${pct(last.reported)} after 1,000 submissions while the kept variant scores ${pct(last.fresh)}`);
    says(`a gap of ${pts(gapAt(s, 1000))} points, larger than the plain holdout's ${pts(gapAt(plain, 1000))}`);
    expect(s.revealed).toBe(THRESHOLDOUT.budget);
    expect(gapAt(s, 1000)).toBeGreaterThan(gapAt(plain, 1000));
  });
});

describe('the metrics exercises and the slice paragraph', () => {
  it('the CNN’s detector of ones misses the thick ones (the starting state)', () => {
    const s = metricsAt('cnn', defaultValues(metParams));
    const [thin, mid, thick] = s.slices.map((x) => x.metrics);
    out.record('slices, CNN', {
      recall: pct(s.metrics.recall, 1),
      thin: pct(thin.recall, 1),
      mid: pct(mid.recall, 1),
      thick: pct(thick.recall, 1),
    });
    says(`finds ${pct(s.metrics.recall, 1)} of the 200 ones with no false alarm`);
    says(
      `${pct(thick.recall, 1)} (${thick.tp} of ${thick.tp + thick.fn}) of the thickest third, against ${pct(thin.recall, 1)} and ${pct(mid.recall, 0)} of the thin and middle thirds`,
    );
    expect(s.metrics.fp).toBe(0);
    expect(s.metrics.fn).toBe(6);
  });

  it('met-rare: prevalence moves precision and AP, not accuracy or AUROC', () => {
    const rare = metricsAt('softmax', exerciseValues(LESSON, 'met-rare', metParams));
    const usual = metricsAt('softmax', exerciseValues(LESSON, 'met-rare', metParams, 'met.prevalence=0.1'));
    out.record('met-rare', {
      acc: pct(rare.metrics.accuracy),
      auroc: rare.auroc,
      ap: rare.ap,
      precision: pct(rare.metrics.precision, 1),
      tp: rare.metrics.tp,
      fp: rare.metrics.fp,
    });
    says(`still scores ${pct(rare.metrics.accuracy)} accuracy (it was ${pct(usual.metrics.accuracy)} at 10%)`);
    says(`${usual.auroc.toFixed(4)} → ${rare.auroc.toFixed(4)}`);
    says(
      `falls from ${usual.ap.toFixed(3)} to ${rare.ap.toFixed(3)} and precision from ${pct(usual.metrics.precision, 1)} to ${pct(rare.metrics.precision, 1)}: ${rare.metrics.tp} right calls against ${rare.metrics.fp} false alarms`,
    );
    says(`only ${rare.positives} ones remain`);
    says(
      `recall is now ${rare.metrics.tp} of ${rare.positives} (Wilson ${pct(rare.intervals.recall.lo, 1)} to ${pct(rare.intervals.recall.hi, 1)})`,
    );
    says(
      `precision ${rare.metrics.tp} of ${rare.metrics.tp + rare.metrics.fp} (${pct(rare.intervals.precision.lo, 1)} to ${pct(rare.intervals.precision.hi, 1)})`,
    );
    expect(usual.positives).toBe(200);
    expect(rare.count - rare.positives).toBe(1800);
  });

  it('met-thick: the robust CNN’s thick ones, and what a lower threshold costs', () => {
    const v = exerciseValues(LESSON, 'met-thick', metParams);
    const s = metricsAt('robust-cnn', v);
    const thick = s.slices[2];
    out.record('met-thick', {
      recall: pct(s.metrics.recall, 1),
      thick: pct(thick.metrics.recall, 1),
      lo: pct(thick.recall.lo, 1),
      hi: pct(thick.recall.hi, 1),
    });
    says(
      `Overall recall is ${pct(s.metrics.recall, 1)} (${s.metrics.tp} of ${s.positives}), but all nine misses are in the thickest third`,
    );
    expect(s.metrics.fn).toBe(9);
    says(
      `${thick.metrics.tp} of ${thick.metrics.tp + thick.metrics.fn}, ${pct(thick.metrics.recall, 1)}, with a Wilson interval of ${pct(thick.recall.lo, 1)} to ${pct(thick.recall.hi, 1)}`,
    );
    for (const other of s.slices.slice(0, 2)) {
      expect(other.metrics.fn).toBe(0);
      expect(other.metrics.tp).toBe(67);
      expect(other.recall.lo).toBeGreaterThan(thick.recall.hi); // "The intervals do not overlap"
    }
    says(`(interval ${pct(s.slices[0].recall.lo, 1)} to 100%)`);
    const low = metricsAt('robust-cnn', { ...v, threshold: 0.1 });
    const t = low.slices[2].metrics;
    says(
      `Lowering the threshold to 0.1 recovers ${t.tp} of ${t.tp + t.fn} thick ones (${pct(t.recall, 1)}) and raises overall recall to ${pct(low.metrics.recall, 1)}`,
    );
    says(
      `at the cost of ${low.metrics.fp} false alarms (precision ${pct(s.metrics.precision, 0)} → ${pct(low.metrics.precision, 1)}, accuracy ${pct(s.metrics.accuracy)} → ${pct(low.metrics.accuracy)}), mostly eights and sevens`,
    );
    const byDigit = [...low.negatives].sort((a, b) => b.fp - a.fp);
    expect(byDigit.slice(0, 2).map((d) => d.digit)).toEqual([8, 7]);
  });
});
