/**
 * Seeded script: the calibration lab's committed figures. Each zoo model (public/weights/zoo) scores the
 * zoo's 1,000 validation and 2,000 test digits on the tfjs wasm backend (the code a Worker runs:
 * src/ml/zoo/evaluation.ts); a temperature is fitted on the validation logits only, and the test split
 * is scored before and after (src/math/evaluation-calibration.ts), with ECE under both binnings at
 * 5, 10, 15 and 30 bins; beside it a temperature and a matrix (src/math/evaluation-matrix-scaling.ts)
 * are fitted on the first 20, 50, 100, 200, 500 and 1,000 validation digits and the test split scored
 * after each. Writes src/widgets/evaluation-calibration/static-run.json: the lab's static
 * figure and the numbers the lesson quotes (tests/unit/claims/evaluation.claims.test.ts re-measures them).
 *
 *   node scripts/run-ts.mjs scripts/evaluation-calibration.ts      (~15 s)
 */
import { measureModel, STATIC_OPTIONS, STATIC_RUN_FILE, type CalibrationRun } from '../src/ml/evaluation-calibration';
import { useWasmBackend, writeRoundedJson, zooManifest, zooSplit, zooWeights } from './evaluation-node';

await useWasmBackend();
const [validation, test] = await Promise.all([zooSplit('validation'), zooSplit('test')]);
const zoo = zooManifest();

const run: CalibrationRun = {
  options: STATIC_OPTIONS,
  validationCount: validation.count,
  testCount: test.count,
  models: zoo.models.map((entry) => measureModel(entry, zooWeights(entry), validation, test)),
};
writeRoundedJson(STATIC_RUN_FILE, run);
for (const m of run.models) {
  console.log(
    `${m.name}: test accuracy ${(100 * m.accuracy).toFixed(2)}%, T = ${m.temperature.toFixed(3)}, ` +
      `ECE(15) ${(100 * m.before.ece15).toFixed(2)}% -> ${(100 * m.after.ece15).toFixed(2)}%, ` +
      `NLL ${m.before.nll.toFixed(4)} -> ${m.after.nll.toFixed(4)}, Brier ${m.before.brier.toFixed(4)} -> ${m.after.brier.toFixed(4)}, ` +
      `mass-15 ${(100 * m.eceTable.find((e) => e.binning === 'mass' && e.bins === 15)!.before).toFixed(2)}%`,
  );
}
for (const m of run.models) {
  for (const x of m.sweep) {
    const t = x.temperatureTest;
    const w = x.matrixTest;
    console.log(
      `${m.name} fit ${x.fit}: T ${x.temperature.toFixed(3)}, fitting NLL ${x.fitNll.temperature.toFixed(4)} | ${x.fitNll.matrix.toFixed(4)} ` +
        `(${x.iterations} iterations, ${x.stop}); test accuracy ${(100 * t.accuracy).toFixed(2)}% | ${(100 * w.accuracy).toFixed(2)}%, ` +
        `ECE(15) ${(100 * t.ece15).toFixed(2)}% | ${(100 * w.ece15).toFixed(2)}%, NLL ${t.nll.toFixed(4)} | ${w.nll.toFixed(4)}, ` +
        `Brier ${t.brier.toFixed(4)} | ${w.brier.toFixed(4)}`,
    );
  }
}
