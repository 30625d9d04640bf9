/**
 * Seeded script: the metrics lab's committed figure. Each zoo model (public/weights/zoo) scores the
 * 2,000 test digits on the tfjs wasm backend (the code a Worker runs: src/ml/zoo/evaluation.ts); the
 * lab's report (src/widgets/evaluation-metrics/report.ts) gives the study at the lab's default settings.
 * Writes src/widgets/evaluation-metrics/static-run.json (curves thinned to 100 points).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-metrics.ts      (~10 s)
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultValues } from '../src/lib/params';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeFloat32 } from '../src/lib/weights';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../src/math/digit-split';
import { thinCurve } from '../src/math/evaluation-binary';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest } from '../src/math/zoo';
import { tf } from '../src/ml/tf';
import { evaluateSplit } from '../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../src/ml/zoo/models';
import { params } from '../src/widgets/evaluation-metrics/params';
import { labMetrics } from '../src/widgets/evaluation-metrics/report';
import { STATIC_FILE, type MetricsRun } from '../src/widgets/evaluation-metrics/static-figure';

const root = process.cwd();
const pub = join(root, 'public');
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');

const data = JSON.parse(readFileSync(join(pub, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
const test = await decodeSplitFile(
  new Uint8Array(readFileSync(join(pub, ZOO_DATA_DIR, data.splits.test.file))),
  data.splits.test,
  sha256,
);
const zoo = JSON.parse(readFileSync(join(pub, ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST), 'utf8')) as ZooManifest;
const { model: _model, ...settings } = defaultValues(params);

const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) : v);
const run: MetricsRun = { settings, models: [] };
for (const entry of zoo.models) {
  const weights = decodeFloat32(new Uint8Array(readFileSync(join(pub, ZOO_WEIGHTS_DIR, entry.file))), entry.shapes);
  const model = zooModelFromWeights(entry, weights);
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
writeFileSync(join(root, STATIC_FILE), JSON.stringify(run, round) + '\n');
