/**
 * Seeded script: the efficiency chapter's quantization table. Every shipped zoo model's weights are
 * quantized (src/math/quantization.ts) to 8, 6, 4, 3 and 2 bits, symmetric or affine, per tensor or per
 * output channel, with min-max clipping (and, for the CNN at 2 to 4 bits, percentile clipping),
 * encoded to bytes and decoded back (src/ml/efficiency.ts, the code the quantization lab's Worker runs),
 * and scored on the 2,000 test digits on the tfjs wasm backend (one thread). Also one layer's weight
 * histogram with its grid (the CNN's dense layer at 4 bits, per tensor). No randomness: the weights,
 * the digits and the rounding fix every number.
 *
 * Writes public/data/efficiency/quantization.json, which the lab's static figure draws and
 * tests/unit/claims/efficiency.claims.test.ts checks against a live rerun of some rows.
 *
 *   node scripts/run-ts.mjs scripts/efficiency-quantization.ts      (npm run data:efficiency is not defined:
 *                                                                      package.json is shared; run it directly)
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeFloat32 } from '../src/lib/weights';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../src/math/digit-split';
import { quantizeModel } from '../src/math/quantization-encode';
import { layerHistogram } from '../src/math/quantization-summary';
import type { ClippingRule, QuantScheme } from '../src/math/quantization';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest } from '../src/math/zoo';
import { quantizeZooModel } from '../src/ml/efficiency';
import { tf } from '../src/ml/tf';
import { evaluateSplit } from '../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../src/ml/zoo/models';
import {
  QUANT_TABLE_BITS,
  QUANT_TABLE_FILE,
  type QuantTable,
  type QuantTableRow,
} from '../src/math/quantization-table';

const root = process.cwd();
const round = (v: number, digits = 6) => Number(v.toFixed(digits));
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');

const dataDir = join(root, 'public', ZOO_DATA_DIR);
const dataManifest = JSON.parse(readFileSync(join(dataDir, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
const info = dataManifest.splits.test;
const test = await decodeSplitFile(new Uint8Array(readFileSync(join(dataDir, info.file))), info, sha256);
const zoo = JSON.parse(
  readFileSync(join(root, 'public', ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST), 'utf8'),
) as ZooManifest;

const rows: QuantTableRow[] = [];
const float: QuantTable['float'] = [];
let hist: QuantTable['histogram'] | null = null;
for (const entry of zoo.models) {
  const weights = decodeFloat32(
    new Uint8Array(readFileSync(join(root, 'public', ZOO_WEIGHTS_DIR, entry.file))),
    entry.shapes,
  );
  const base = zooModelFromWeights(entry, weights);
  const f = evaluateSplit(base, test);
  base.dispose();
  float.push({ model: entry.name, bytes: entry.bytes, accuracy: round(f.accuracy), correct: f.correct });
  const schemes: QuantScheme[] = [];
  for (const bits of QUANT_TABLE_BITS)
    for (const mode of ['symmetric', 'affine'] as const)
      for (const granularity of ['tensor', 'channel'] as const)
        schemes.push({ bits, mode, granularity, clipping: 'minmax' });
  if (entry.name === 'cnn')
    for (const bits of [4, 3, 2])
      for (const clipping of ['p99.9', 'p99'] as ClippingRule[])
        for (const granularity of ['tensor', 'channel'] as const)
          schemes.push({ bits, mode: 'symmetric', granularity, clipping });
  for (const scheme of schemes) {
    const q = quantizeZooModel(entry, weights, scheme);
    const r = evaluateSplit(q.model, test);
    q.model.dispose();
    rows.push({
      model: entry.name,
      ...scheme,
      bytes: q.summary.bytes,
      accuracy: round(r.accuracy),
      correct: r.correct,
      maxError: round(q.summary.maxError, 8),
      meanError: round(q.summary.meanError, 8),
      clipped: q.summary.clipped,
    });
    console.log(
      `${entry.name} ${scheme.bits}b ${scheme.mode} ${scheme.granularity} ${scheme.clipping}: ${q.summary.bytes} B, ${(100 * r.accuracy).toFixed(2)}%`,
    );
  }
  if (entry.name === 'cnn') {
    const scheme: QuantScheme = { bits: 4, mode: 'symmetric', granularity: 'tensor', clipping: 'minmax' };
    const h = layerHistogram(weights, quantizeModel(weights, entry.shapes, scheme), 2);
    hist = {
      model: 'cnn',
      scheme,
      ...h,
      lo: round(h.lo, 8),
      hi: round(h.hi, 8),
      levels: h.levels.map((v) => round(v, 8)),
      maxError: round(h.maxError, 8),
    };
  }
}
if (tf.memory().numTensors !== 0) throw new Error(`${tf.memory().numTensors} tensors left`);
const table: QuantTable = {
  backend: 'tfjs-backend-wasm 4.22 (Node, one thread)',
  testDigits: test.count,
  float,
  rows,
  histogram: hist!,
};
const out = join(root, 'public', QUANT_TABLE_FILE);
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`wrote ${out}: ${rows.length} rows`);
