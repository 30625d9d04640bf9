/**
 * Seeded script: trains the attention playground's default model on each task with the very code the
 * browser runs (src/ml/training-session.ts), on the tfjs wasm backend, and writes the curves and final
 * attention maps that the widget's static figure draws (shown before JavaScript runs, or without it).
 *
 *   npm run static:playground        # rewrites src/widgets/attention-playground/static-run.json
 *
 * Deterministic: same seed, same code, same numbers (tests/unit/playground-static.test.ts checks a prefix).
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { writeFileSync } from 'node:fs';
import { tf } from '../src/ml/tf';
import { TASKS } from '../src/math/tasks';
import { defaultProbe } from '../src/math/seeds';
import { defaultValues } from '../src/lib/params';
import { params } from '../src/widgets/attention-playground/params';
import { recordStaticRun, type StaticRun } from '../src/widgets/attention-playground/static-run';

// Relative to the project root: scripts run from there (npm run static:playground).
const OUT = 'src/widgets/attention-playground/static-run.json';

// The wasm backend, as in the browser (and ~3x faster than cpu here); its binaries from node_modules.
setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
const defaults = defaultValues(params);
const runs: Record<string, StaticRun> = {};
for (const task of TASKS) {
  const started = performance.now();
  runs[task] = recordStaticRun({ ...defaults, task }, defaultProbe(defaults.seed, defaults.length));
  const last = runs[task].accuracy.at(-1);
  console.log(
    `${task}: ${defaults.steps} steps in ${((performance.now() - started) / 1000).toFixed(1)} s, held-out token accuracy ${last?.value}`,
  );
}
writeFileSync(OUT, `${JSON.stringify({ settings: defaults, runs })}\n`);
console.log(`wrote ${OUT}`);
