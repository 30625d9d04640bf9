/**
 * Seeded script: runs every lesson's code cell, as the lesson starts it, with the same evaluator the
 * browser's sandbox uses (src/widgets/code-cell/sandbox.ts and bindings.ts; data read from public/),
 * on the tfjs wasm backend (the browser's default), and writes what each printed, tabled and plotted to
 * src/widgets/code-cell/static-outputs.json: the cells' static figure, shown before JavaScript runs or
 * without it. A cell whose code changes fails the build until this is run again.
 *
 *   npm run static:cells
 *
 * Deterministic: the cells seed their own randomness (mulberry32), so the same code gives the same file.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { tf } from '../src/ml/tf';
import type { Tf } from '../src/lib/tf-runtime';
import { LESSON_CELLS } from './code-cells-lessons';
import { recordCells } from '../src/widgets/code-cell/record';

const OUT = 'src/widgets/code-cell/static-outputs.json';

setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
const readPublic = async (path: string) => new Uint8Array(await readFile(join(process.cwd(), 'public', path)));
const started = performance.now();
const recorded = await recordCells(tf as unknown as Tf, LESSON_CELLS, readPublic);
for (const [key, cell] of Object.entries(recorded)) {
  console.log(`${cell.source} (${key}): ${cell.ok ? 'ok' : 'FAILED'}, ${cell.outputs.length} outputs`);
  if (!cell.ok) process.exitCode = 1;
}
await writeFile(OUT, await format(JSON.stringify(recorded), { ...(await resolveConfig(OUT)), filepath: OUT }));
console.log(
  `wrote ${OUT} (${Object.keys(recorded).length} cells) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
