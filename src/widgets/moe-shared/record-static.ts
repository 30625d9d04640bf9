/**
 * Seeded script: trains the MoE chapter's widget models with the very code their Workers run, on the
 * tfjs wasm backend, and writes what their static figures draw and the sweeps the lesson quotes:
 *
 *   node scripts/run-ts.mjs src/widgets/moe-shared/record-static.ts [lab] [sweeps] [dense] [tokens]
 *
 * (all four when none is named). Outputs, each committed:
 *   src/widgets/moe-router-lab/static-run.json     the lab's default run (curves, final loads, map) and
 *                                                  its α, capacity-factor and seed sweeps
 *   src/widgets/moe-dense-sparse/static-run.json   dense against sparse, default settings
 *   src/widgets/moe-routing-tokens/static-run.json the MoE transformer's default run and probe, and a
 *                                                  few runs with one setting changed
 *
 * Deterministic: same seed, same code, same numbers. Each record carries a hash of the weights after a
 * few steps, which the unit tests replay (tests/unit/moe-static.test.ts).
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { defaultValues } from '../../lib/params';
import { tf } from '../../ml/tf';
import { params as labParams } from '../moe-router-lab/params';
import { recordLabRun, recordSweepEntry } from '../moe-router-lab/static-run';
import { LAB_SWEEPS } from '../moe-router-lab/sweeps';
import { params as dsParams } from '../moe-dense-sparse/params';
import { recordDsRun } from '../moe-dense-sparse/static-run';
import { params as tokensParams } from '../moe-routing-tokens/params';
import { recordTokensRun } from '../moe-routing-tokens/static-run';
import { TOKENS_SWEEPS } from '../moe-routing-tokens/sweeps';

setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');

const asked = process.argv.slice(2);
const wants = (name: string) => asked.length === 0 || asked.includes(name);
const write = (path: string, data: unknown) => {
  writeFileSync(path, `${JSON.stringify(data)}\n`);
  console.log(`wrote ${path}`);
};
const timed = <T>(name: string, f: () => T): T => {
  const started = performance.now();
  const out = f();
  console.log(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return out;
};

const LAB_FILE = 'src/widgets/moe-router-lab/static-run.json';
if (wants('lab') || wants('sweeps')) {
  // One file for both (Prettier leaves static-run.json files alone); a part not asked for is kept.
  const lab: Record<string, unknown> = existsSync(LAB_FILE) ? JSON.parse(readFileSync(LAB_FILE, 'utf8')) : {};
  const defaults = defaultValues(labParams);
  if (wants('lab')) lab.run = timed('lab default run', () => recordLabRun(defaults));
  if (wants('sweeps')) {
    const sweeps: Record<string, unknown> = {};
    for (const [name, changes] of Object.entries(LAB_SWEEPS)) {
      sweeps[name] = changes.map((change) =>
        timed(`lab sweep ${name} ${JSON.stringify(change)}`, () => recordSweepEntry(defaults, change)),
      );
    }
    lab.sweeps = sweeps;
  }
  write(LAB_FILE, lab);
}

if (wants('dense')) {
  const run = timed('dense versus sparse default run', () => recordDsRun(defaultValues(dsParams)));
  write('src/widgets/moe-dense-sparse/static-run.json', run);
}

if (wants('tokens')) {
  const defaults = defaultValues(tokensParams);
  const run = timed('routing tokens default run', () => recordTokensRun(defaults));
  const sweeps = TOKENS_SWEEPS.map((change) => ({
    change,
    run: timed(`routing tokens ${JSON.stringify(change)}`, () => recordTokensRun({ ...defaults, ...change })),
  }));
  write('src/widgets/moe-routing-tokens/static-run.json', { run, sweeps });
}
