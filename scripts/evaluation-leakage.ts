/**
 * Seeded script: the leakage lab's study at its starting settings (src/widgets/evaluation-leakage/params.ts),
 * with the code the lab's Worker runs (src/ml/evaluation-leakage.ts) on the tfjs wasm backend: every
 * protocol trained from the same seed on the collected digits, scored on its own test split and on the
 * clean held-out digits. Writes src/widgets/evaluation-leakage/static-run.json (the lab's static figure,
 * and the numbers the lesson quotes; tests/unit/claims/evaluation.claims.test.ts re-measures two of them).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-leakage.ts        (~1 min)
 */
import { defaultValues } from '../src/lib/params';
import { runLeakStudy } from '../src/ml/evaluation-leakage';
import { params } from '../src/widgets/evaluation-leakage/params';
import { useWasmBackend, writeRoundedJson, zooSplit } from './evaluation-node';

export const LEAK_RUN_FILE = 'src/widgets/evaluation-leakage/static-run.json';

await useWasmBackend();

const train = await zooSplit('train');
const settings = defaultValues(params);
const t0 = performance.now();
const results = runLeakStudy(train, settings);
writeRoundedJson(LEAK_RUN_FILE, { settings, results });
for (const [id, r] of Object.entries(results)) {
  console.log(
    `${id}: train ${r.trainCount}, test ${r.testCount} (${r.testWithSiblingInTrain} with a sibling in train): ` +
      `test ${(100 * r.testAccuracy).toFixed(1)}%, held-out ${(100 * r.heldOutAccuracy).toFixed(1)}%, inflation ${(100 * r.inflation).toFixed(1)} points`,
  );
}
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
