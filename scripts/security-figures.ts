/**
 * The security chapter's seeded figures, on the tfjs wasm backend (one thread) as the zoo's own
 * script, from the committed test split and shipped models (node scripts/run-ts.mjs scripts/security-figures.ts):
 *
 * - src/widgets/security-attack-lab/static-attack.json: the adversarial example lab's starting state
 *   attacked (its static figure);
 * - src/widgets/security-shared/robustness.json: accuracy and mean confidence on errors of every zoo
 *   model against ε, under FGSM, PGD (20 steps of 4ε/60, random start) and the random-sign control,
 *   on the first ROBUSTNESS_COUNT test digits (class-balanced: the split interleaves the classes).
 *
 * Seeded throughout: the same command rewrites the same files. `ONLY=attack` writes the first only.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitToFloats } from '../src/math/digit-split';
import { ZOO_MODEL_NAMES } from '../src/math/zoo';
import { tf } from '../src/ml/tf';
import { attackDigit } from '../src/ml/security';
import { robustnessCurve, ROBUSTNESS_SETTINGS } from '../src/ml/security-robustness';
import { resolveDigitInput } from '../src/widgets/zoo-shared/digit-input';
import { defaultValues } from '../src/lib/params';
import { params } from '../src/widgets/security-attack-lab/params';
import { linfAttackOf } from '../src/widgets/security-attack-lab/request';
import { readModel, readSplit } from './security-zoo-files';

setWasmPaths(join(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
await tf.setBackend('wasm');
await tf.ready();

const test = await readSplit('test');
const start = defaultValues(params);
const input = resolveDigitInput(start);
if (input.kind !== 'test') throw new Error('the lab starts on a test digit');
const victim = readModel(start.model);
const r = attackDigit(
  victim,
  victim,
  splitToFloats(test, input.testIndex, 1),
  test.labels[input.testIndex],
  linfAttackOf(start),
  start.seed,
);
victim.dispose();
const bytes = (a: Float32Array) => Array.from(a, (v) => Math.round(255 * v));
const round = (p: number[]) => p.map((v) => Number(v.toPrecision(4)));
writeFileSync(
  join(process.cwd(), 'src/widgets/security-attack-lab/static-attack.json'),
  JSON.stringify({
    state: {
      model: start.model,
      attack: start.attack,
      epsilon: start.epsilon,
      testIndex: input.testIndex,
      seed: start.seed,
    },
    label: r.label,
    before: round(r.before),
    after: round(r.after),
    linf: Number(r.linf.toFixed(4)),
    original: bytes(r.original),
    adversarial: bytes(r.adversarial),
  }) + '\n',
);
console.log(
  `attack lab: ${r.label} → before ${r.before.indexOf(Math.max(...r.before))}, after ${r.after.indexOf(Math.max(...r.after))}`,
);

if (process.env.ONLY !== 'attack') {
  const models = [];
  for (const name of ZOO_MODEL_NAMES) {
    const model = readModel(name);
    const t0 = performance.now();
    const curve = robustnessCurve(model, test, ROBUSTNESS_SETTINGS);
    console.log(
      `${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      JSON.stringify(curve.points.map((p) => [p.kind, p.epsilon, p.accuracy])),
    );
    models.push({ name, ...curve });
    model.dispose();
  }
  writeFileSync(
    join(process.cwd(), 'src/widgets/security-shared/robustness.json'),
    JSON.stringify({ backend: 'wasm', settings: ROBUSTNESS_SETTINGS, models }, null, 1) + '\n',
  );
}
