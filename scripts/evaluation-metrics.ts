/**
 * Seeded script: the metrics lab's committed figure. Each zoo model (public/weights/zoo) scores the
 * 2,000 test digits on the tfjs wasm backend (the code a Worker runs: src/ml/zoo/evaluation.ts); the
 * lab's report (src/widgets/evaluation-metrics/report.ts) gives the study at the lab's default settings.
 * Writes src/widgets/evaluation-metrics/static-run.json (curves thinned to 100 points).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-metrics.ts      (~10 s)
 */
import { defaultValues } from '../src/lib/params';
import { thinCurve } from '../src/math/evaluation-binary';
import { evaluateSplit } from '../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../src/ml/zoo/models';
import { params } from '../src/widgets/evaluation-metrics/params';
import { labMetrics } from '../src/widgets/evaluation-metrics/report';
import { STATIC_FILE, type MetricsRun } from '../src/widgets/evaluation-metrics/static-figure';
import { useWasmBackend, writeRoundedJson, zooManifest, zooSplit, zooWeights } from './evaluation-node';

await useWasmBackend();

const test = await zooSplit('test');
const zoo = zooManifest();
const { model: _model, ...settings } = defaultValues(params);

const run: MetricsRun = { settings, models: [] };
for (const entry of zoo.models) {
  const model = zooModelFromWeights(entry, zooWeights(entry));
  const logits = evaluateSplit(model, test).logits;
  model.dispose();
  const study = labMetrics({ logits, labels: test.labels, images: test.images }, settings);
  run.models.push({ name: entry.name, title: entry.title, study: { ...study, curve: thinCurve(study.curve, 100) } });
  const f = (x: number) => (100 * x).toFixed(1);
  console.log(
    `${entry.name}: recall ${f(study.metrics.recall)}% (thin/middle/thick ${study.slices.map((s) => f(s.metrics.recall)).join('/')}), ` +
      `precision ${f(study.metrics.precision)}%, AUROC ${study.auroc.toFixed(4)}, AP ${study.ap.toFixed(4)}`,
  );
}
writeRoundedJson(STATIC_FILE, run);
