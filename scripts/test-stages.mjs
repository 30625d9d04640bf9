// npm test: every stage in order, stopping at the first failure, with the time of each stage printed at
// the end (CI's log then says where the minutes go). Stages: type check, lint, format check, unit tests,
// build, browser tests. Extra arguments go to the browser tests (e.g. `npm test -- --grep contract`).
import { spawnSync } from 'node:child_process';

const STAGES = [
  ['type check', 'npm', ['run', 'check']],
  ['lint', 'npm', ['run', 'lint']],
  ['format check', 'npm', ['run', 'format:check']],
  ['unit tests', 'npm', ['run', 'test:unit']],
  ['build', 'npm', ['run', 'build']],
  ['browser tests', 'npm', ['run', 'test:e2e', '--', ...process.argv.slice(2)]],
];

const times = [];
let failed = null;
const start = Date.now();
for (const [name, cmd, args] of STAGES) {
  const t0 = Date.now();
  const { status } = spawnSync(cmd, args, { stdio: 'inherit' });
  times.push([name, (Date.now() - t0) / 1000]);
  if (status !== 0) {
    failed = name;
    break;
  }
}
const total = (Date.now() - start) / 1000;
const fmt = (s) => (s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`);
console.log('\nnpm test, time per stage:');
for (const [name, s] of times) console.log(`  ${name.padEnd(14)} ${fmt(s)}`);
console.log(`  ${'total'.padEnd(14)} ${fmt(total)}${failed ? `  (stopped: ${failed} failed)` : ''}`);
process.exit(failed ? 1 : 0);
