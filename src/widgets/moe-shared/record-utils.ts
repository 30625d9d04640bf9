/**
 * What the MoE widgets' seeded record scripts share (each widget's record.ts; run with
 * `node scripts/run-ts.mjs src/widgets/<name>/record.ts`): the wasm backend as in the browser, a timer,
 * and a writer. Node only: no page imports this.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tf } from '../../ml/tf';

/** The wasm backend, with its binaries from node_modules (scripts run from the project root). */
export async function useWasmInNode(): Promise<void> {
  setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
  await tf.setBackend('wasm');
}

export function timed<T>(name: string, f: () => T): T {
  const started = performance.now();
  const out = f();
  console.log(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return out;
}

/** One line of JSON (static-run.json files are left alone by Prettier). */
export function writeJson(path: string, data: unknown): void {
  writeFileSync(path, `${JSON.stringify(data)}\n`);
  console.log(`wrote ${path}`);
}

export function readJson<T>(path: string, fallback: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback;
}

/** The parts named on the command line, or all of them when none is. */
export function wanted(parts: readonly string[]): (part: string) => boolean {
  const asked = process.argv.slice(2);
  for (const a of asked) if (!parts.includes(a)) throw new Error(`unknown part "${a}": use ${parts.join(', ')}`);
  return (part) => asked.length === 0 || asked.includes(part);
}
