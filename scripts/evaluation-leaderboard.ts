/**
 * Seeded script: the leaderboard lab's committed figures. The softmax regression and the CNN of the zoo
 * (public/weights/zoo) score the 1,000 validation and 2,000 test digits on the tfjs wasm backend (the
 * code a Worker runs: src/ml/zoo/evaluation.ts); then src/math/evaluation-leaderboard.ts runs 1,000
 * submissions at seeds 1 … 20 for each reused-test-set size, variant strategy and with or without
 * Thresholdout, at the lab's default spread. Writes src/widgets/evaluation-leaderboard/static-run.json:
 * the static figure (the default state's curve) and the gap table the lesson quotes
 * (tests/unit/claims/evaluation-metrics.claims.test.ts re-measures parts of it).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-leaderboard.ts      (~1 min)
 */
import { gapTable, STRATEGIES, THRESHOLDOUT, type GapRow } from '../src/math/evaluation-leaderboard';
import { DIGIT_CLASSES } from '../src/math/zoo';
import { evaluateSplit } from '../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../src/ml/zoo/models';
import { defaultValues } from '../src/lib/params';
import { params } from '../src/widgets/evaluation-leaderboard/params';
import { labLeaderboard } from '../src/widgets/evaluation-leaderboard/report';
import {
  STATIC_FILE,
  STATIC_MODELS,
  STATIC_SEEDS,
  STATIC_SIZES,
  type LeaderboardRun,
} from '../src/widgets/evaluation-leaderboard/static-data';
import { useWasmBackend, writeRoundedJson, zooManifest, zooSplit, zooWeights } from './evaluation-node';

await useWasmBackend();

const [validation, test] = await Promise.all([zooSplit('validation'), zooSplit('test')]);
const zoo = zooManifest();
const start = defaultValues(params);
const settings = STATIC_SIZES.flatMap((holdout) =>
  STRATEGIES.flatMap((strategy) => [false, true].map((thresholdout) => ({ holdout, strategy, thresholdout }))),
);

const run: LeaderboardRun = { seeds: STATIC_SEEDS, spread: start.spread, thresholdout: THRESHOLDOUT, models: [] };
for (const name of STATIC_MODELS) {
  const entry = zoo.models.find((m) => m.name === name)!;
  const model = zooModelFromWeights(entry, zooWeights(entry));
  const scored = {
    validation: { logits: evaluateSplit(model, validation).logits, labels: validation.labels },
    test: { logits: evaluateSplit(model, test).logits, labels: test.labels },
  };
  model.dispose();
  const t0 = performance.now();
  const study = labLeaderboard(scored, { ...start });
  const table: GapRow[] = gapTable(scored.test, scored.validation, DIGIT_CLASSES, settings, STATIC_SEEDS, start.spread);
  run.models.push({ name, title: entry.title, start: study, table });
  console.log(`${name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  for (const r of table)
    console.log(
      `  holdout ${r.holdout} ${r.strategy}${r.thresholdout ? ' +thresholdout' : ''}: gap ` +
        r.gap.map((g, i) => `${(100 * g).toFixed(2)}±${(100 * r.gapSe[i]).toFixed(2)}`).join(' / ') +
        ` (10/100/1000), fresh ${(100 * r.freshChange).toFixed(2)}, positive ${r.positive}/${STATIC_SEEDS}`,
    );
}
writeRoundedJson(STATIC_FILE, run);
