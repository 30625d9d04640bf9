/**
 * Seeded script: the pruning lab's lottery-ticket experiment at its default settings (an MLP 784 → 32 →
 * 10, 100 Adam steps per training run, four rounds each removing half of each layer's remaining
 * weights), run with the lab's own job code (src/widgets/efficiency-pruning/lab.ts) on the tfjs wasm
 * backend, scored on the 2,000 test digits. Seed 1 fixes w₀, w₀′ and the batches. The lab's static
 * figure draws it. Writes public/data/efficiency/ticket.json.
 *
 *   node scripts/run-ts.mjs scripts/efficiency-ticket.ts
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultValues } from '../src/lib/params';
import { TICKET_TABLE_FILE, type TicketTable } from '../src/math/pruning-table';
import { tf } from '../src/ml/tf';
import { runTicket } from '../src/widgets/efficiency-pruning/lab';
import { params } from '../src/widgets/efficiency-pruning/params';
import { ticketRequest } from '../src/widgets/efficiency-pruning/requests';
import { ZooAssets } from '../src/widgets/zoo-shared/assets';

const root = process.cwd();
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');
const BASE = 'http://site/';
const fsFetch = (async (url: string | URL) => {
  const path = join(root, 'public', String(url).slice(BASE.length));
  return new Response(readFileSync(path));
}) as typeof fetch;
const assets = new ZooAssets(BASE, { fetch: fsFetch });
const request = ticketRequest(defaultValues(params));
const rows = await runTicket(assets, request, {
  signal: new AbortController().signal,
  progress: () => {},
  ticketRow: (r) =>
    console.log(`round ${r.round}: ${(100 * r.sparsity).toFixed(1)}% rewound ${r.rewound} random ${r.random}`),
});
assets.dispose();
if (!rows) throw new Error('the experiment did not finish');
if (tf.memory().numTensors !== 0) throw new Error(`${tf.memory().numTensors} tensors left`);
const table: TicketTable = { backend: 'tfjs-backend-wasm 4.22 (Node, one thread)', request, testDigits: 2000, rows };
const out = join(root, 'public', TICKET_TABLE_FILE);
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`wrote ${out}`);
