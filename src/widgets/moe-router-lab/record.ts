/**
 * Seeded script: the router lab's default run (its static figure) and the sweeps the lesson quotes, with
 * the lab's own session code on the wasm backend, into static-run.json:
 *
 *   node scripts/run-ts.mjs src/widgets/moe-router-lab/record.ts [run] [sweeps]
 *
 * Deterministic: same seed, same code, same numbers. tests/unit/moe-static.test.ts replays each record's
 * first steps against the weight hash stored with it.
 */
import { defaultValues } from '../../lib/params';
import { readJson, timed, useWasmInNode, wanted, writeJson } from '../moe-shared/record-utils';
import { params } from './params';
import { recordLabRun, recordSweepEntry, type LabRecord } from './static-run';
import { LAB_SWEEPS } from './sweeps';

const FILE = 'src/widgets/moe-router-lab/static-run.json';
const wants = wanted(['run', 'sweeps']);
await useWasmInNode();
// A part not asked for is kept from the file.
const record = readJson<Partial<LabRecord>>(FILE, {});
const defaults = defaultValues(params);
if (wants('run')) record.run = timed('default run', () => recordLabRun(defaults));
if (wants('sweeps')) {
  const sweeps: LabRecord['sweeps'] = {};
  for (const [name, changes] of Object.entries(LAB_SWEEPS)) {
    sweeps[name] = changes.map((change) =>
      timed(`${name} ${JSON.stringify(change)}`, () => recordSweepEntry(defaults, change)),
    );
  }
  record.sweeps = sweeps;
}
writeJson(FILE, record);
