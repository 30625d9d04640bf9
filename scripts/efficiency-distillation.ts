/**
 * Seeded script: the distillation lab at its default settings, and the same with every 3 left out of the
 * transfer set, run with the lab's own job code (src/widgets/efficiency-distillation/lab.ts) on the tfjs
 * wasm backend, the shipped CNN as teacher, scored on the 2,000 test digits. The seed (1) fixes both
 * students' initial weights and batches. The lab's static figure draws it. Writes
 * public/data/efficiency/distillation.json.
 *
 *   node scripts/run-ts.mjs scripts/efficiency-distillation.ts
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultValues } from '../src/lib/params';
import { tf } from '../src/ml/tf';
import { runDistillation } from '../src/widgets/efficiency-distillation/lab';
import { distillRequest, params } from '../src/widgets/efficiency-distillation/params';
import type { DistillResult } from '../src/widgets/efficiency-distillation/protocol';
import { DISTILL_TABLE_FILE, type DistillTable } from '../src/widgets/efficiency-distillation/static-figure';
import { ZooAssets } from '../src/widgets/zoo-shared/assets';

const root = process.cwd();
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');
const BASE = 'http://site/';
const fsFetch = (async (url: string | URL) =>
  new Response(readFileSync(join(root, 'public', String(url).slice(BASE.length))))) as typeof fetch;
const assets = new ZooAssets(BASE, { fetch: fsFetch });
const base = distillRequest(defaultValues(params));
/** The held-out run: no 3s, as in Hinton et al. 2015 §3, on a transfer set of 1,000 digits. */
export const HELD_OUT_REQUEST = { ...base, holdOut: 3, transfer: 1000 };
const runs: DistillResult[] = [];
for (const request of [base, HELD_OUT_REQUEST]) {
  const r = await runDistillation(assets, request, { signal: new AbortController().signal, progress: () => {} });
  if (!r) throw new Error('the run did not finish');
  console.log(
    JSON.stringify(request),
    `hard ${r.hard.accuracy} ece ${r.hard.ece.toFixed(3)}`,
    `soft ${r.soft.accuracy} ece ${r.soft.ece.toFixed(3)}`,
    r.hard.heldOut,
    r.soft.heldOut,
  );
  runs.push(r);
}
assets.dispose();
// The lent teacher is freed once its pending load settles.
await new Promise((r) => setTimeout(r, 0));
if (tf.memory().numTensors !== 0) throw new Error(`${tf.memory().numTensors} tensors left`);
const table: DistillTable = { backend: 'tfjs-backend-wasm 4.22 (Node, one thread)', runs };
const out = join(root, 'public', DISTILL_TABLE_FILE);
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`wrote ${out}`);
