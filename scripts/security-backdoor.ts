/**
 * The backdoor lab's seeded figures (node scripts/run-ts.mjs scripts/security-backdoor.ts), on the tfjs
 * wasm backend (one thread) as the chapter's other script: the lab's starting state (trigger, target,
 * model, steps, seed) at the poison rates the lesson quotes, p = 0, 0.5%, 1%, 5%, for both models the lab
 * retrains, each run poisoning the committed training split, retraining from the seed, scoring on the
 * 2,000 test digits and running the spectral check; and the starting digit stamped, on the p = 1% model.
 * Writes src/widgets/security-backdoor/static-backdoor.json (the lab's static figure and the lesson's
 * numbers). Seeded throughout: the same command rewrites the same file.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultValues } from '../src/lib/params';
import { splitToFloats } from '../src/math/digit-split';
import { BACKDOOR_MODELS, parseTrigger, stampTrigger, triggerPixels } from '../src/math/security-backdoor';
import { tf } from '../src/ml/tf';
import { trainBackdoored } from '../src/ml/security-backdoor';
import { params } from '../src/widgets/security-backdoor/params';
import { backdoorRequest } from '../src/widgets/security-backdoor/request';
import { resolveDigitInput } from '../src/widgets/zoo-shared/digit-input';
import { readSplit } from './security-zoo-files';

export const BACKDOOR_RATES = [0, 0.005, 0.01, 0.05];
/** The run whose model stamps the static figure's digit. */
const STAMP_RATE = 0.01;

setWasmPaths(join(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
await tf.setBackend('wasm');
await tf.ready();

const train = await readSplit('train');
const test = await readSplit('test');
const start = defaultValues(params);
const q = backdoorRequest(start);
const trigger = parseTrigger(q.trigger);
const input = resolveDigitInput(start);
if (input.kind !== 'test') throw new Error('the lab starts on a test digit');
const digit = splitToFloats(test, input.testIndex, 1);
const stamped = Float32Array.from(digit);
stampTrigger(stamped, triggerPixels(trigger), 0, 1);
const round = (v: number) => Number(v.toPrecision(4));
let stamp: { before: number[]; after: number[] } | null = null;

const models = BACKDOOR_MODELS.map((model) => ({
  model,
  runs: BACKDOOR_RATES.map((rate) => {
    const began = performance.now();
    const r = trainBackdoored(model, train, test, { trigger, target: q.target, rate, seed: q.seed }, q.steps, (m) => {
      if (model === start.model && rate === STAMP_RATE) {
        stamp = { before: Array.from(m.predict(digit), round), after: Array.from(m.predict(stamped), round) };
      }
    });
    const d = r.detection;
    console.log(
      `${model} p=${100 * rate}%: ${r.poisoned} poisoned, clean ${(100 * r.cleanAccuracy).toFixed(2)}%, ` +
        `success ${(100 * r.attackSuccess).toFixed(2)}%, precision ${(100 * d.precision).toFixed(1)}%, ` +
        `recall ${(100 * d.recall).toFixed(1)}% (${Math.round(performance.now() - began)} ms)`,
    );
    return {
      rate,
      poisoned: r.poisoned,
      cleanAccuracy: r.cleanAccuracy,
      attackSuccess: r.attackSuccess,
      triggered: r.triggered,
      flagged: d.flagged,
      truePositives: d.truePositives,
      examined: d.examined,
    };
  }),
}));

writeFileSync(
  join(process.cwd(), 'src/widgets/security-backdoor/static-backdoor.json'),
  JSON.stringify(
    {
      state: { model: start.model, trigger: q.trigger, target: q.target, steps: q.steps, seed: q.seed },
      testIndex: input.testIndex,
      label: test.labels[input.testIndex],
      stampRate: STAMP_RATE,
      stamp,
      digit: Array.from(digit, (v) => Math.round(255 * v)),
      models,
    },
    null,
    1,
  ) + '\n',
);
