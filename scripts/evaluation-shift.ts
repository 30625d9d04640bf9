/**
 * Seeded script: the shift study the evaluation lesson quotes. Each zoo model scores the 2,000 test
 * digits clean, rotated, moved, blurred, noised, faded, inverted, under a class-prior change, and 2,000 images
 * of uniform noise (src/math/evaluation-shift.ts,
 * seed 1) at severities 0, ¼, ½, ¾ and 1, on the tfjs wasm backend (src/ml/evaluation-shift.ts). Writes
 * src/widgets/evaluation-shared/static-run.json (tests/unit/claims/evaluation.claims.test.ts re-measures it).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-shift.ts        (~1 min)
 */
import { measureShift, SHIFT_SEED, SHIFT_SEVERITIES } from '../src/ml/evaluation-shift';
import { zooModelFromWeights } from '../src/ml/zoo/models';
import { useWasmBackend, writeRoundedJson, zooManifest, zooSplit, zooWeights } from './evaluation-node';

export const SHIFT_RUN_FILE = 'src/widgets/evaluation-shared/static-run.json';

await useWasmBackend();

const test = await zooSplit('test');
const zoo = zooManifest();
const run = {
  seed: SHIFT_SEED,
  severities: SHIFT_SEVERITIES,
  testCount: test.count,
  models: zoo.models.map((entry) => {
    const model = zooModelFromWeights(entry, zooWeights(entry));
    try {
      return { name: entry.name, title: entry.title, points: measureShift(model, test) };
    } finally {
      model.dispose();
    }
  }),
};
writeRoundedJson(SHIFT_RUN_FILE, run);
for (const m of run.models) {
  for (const p of m.points.filter((x) => x.severity === 1)) {
    console.log(
      `${m.name} ${p.corruption}: accuracy ${(100 * p.accuracy).toFixed(1)}%, confidence ${(100 * p.meanConfidence).toFixed(1)}%, ` +
        `ECE ${(100 * p.ece).toFixed(1)}%, AUROC msp ${p.aurocMaxSoftmax.toFixed(3)}, energy ${p.aurocEnergy.toFixed(3)}`,
    );
  }
}
