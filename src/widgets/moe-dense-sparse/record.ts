/**
 * Seeded script: dense versus sparse's default run (its static figure and the lesson's numbers), with the
 * widget's own session code on the wasm backend, into static-run.json:
 *
 *   node scripts/run-ts.mjs src/widgets/moe-dense-sparse/record.ts
 *
 * tests/unit/moe-static.test.ts replays its first steps against the stored weight hash.
 */
import { defaultValues } from '../../lib/params';
import { timed, useWasmInNode, writeJson } from '../moe-shared/record-utils';
import { params } from './params';
import { recordDsRun } from './static-run';

await useWasmInNode();
writeJson(
  'src/widgets/moe-dense-sparse/static-run.json',
  timed('default run', () => recordDsRun(defaultValues(params))),
);
