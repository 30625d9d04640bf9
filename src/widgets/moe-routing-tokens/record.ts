/**
 * Seeded script: routing tokens' default run (its static figure) and the runs with one setting changed
 * that the lesson quotes, with the widget's own session code on the wasm backend, into static-run.json:
 *
 *   node scripts/run-ts.mjs src/widgets/moe-routing-tokens/record.ts
 *
 * tests/unit/moe-static.test.ts replays each run's first steps against its stored weight hash.
 */
import { defaultValues } from '../../lib/params';
import { timed, useWasmInNode, writeJson } from '../moe-shared/record-utils';
import { params } from './params';
import { recordTokensRun, type TokensRecord } from './static-run';
import { TOKENS_SWEEPS } from './sweeps';

await useWasmInNode();
const defaults = defaultValues(params);
const record: TokensRecord = {
  run: timed('default run', () => recordTokensRun(defaults)),
  sweeps: TOKENS_SWEEPS.map((change) => ({
    change,
    run: timed(JSON.stringify(change), () => recordTokensRun({ ...defaults, ...change })),
  })),
};
writeJson('src/widgets/moe-routing-tokens/static-run.json', record);
