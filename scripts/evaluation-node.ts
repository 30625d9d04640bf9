/**
 * What the evaluation chapter's seeded scripts share: the tfjs wasm backend in Node (the backend the
 * widgets run), the zoo's splits and weights read from public/ (sizes and SHA-256 checked), and a JSON
 * writer that rounds to six decimals. Node only.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeFloat32 } from '../src/lib/weights';
import {
  decodeSplitFile,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  type DigitSplit,
  type DigitSplitManifest,
} from '../src/math/digit-split';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest, type ZooModelEntry } from '../src/math/zoo';
import { tf } from '../src/ml/tf';

export const ROOT = process.cwd();
const PUBLIC = join(ROOT, 'public');

/** Switches tfjs to the wasm backend, or throws. */
export async function useWasmBackend(): Promise<void> {
  setWasmPaths(`${ROOT}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
  await tf.setBackend('wasm');
  await tf.ready();
  if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');
}

/** One of the zoo's splits, decoded and checked against its manifest. */
export function zooSplit(name: 'train' | 'validation' | 'test'): Promise<DigitSplit> {
  const data = JSON.parse(readFileSync(join(PUBLIC, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
  const info = data.splits[name];
  return decodeSplitFile(new Uint8Array(readFileSync(join(PUBLIC, ZOO_DATA_DIR, info.file))), info, sha256);
}

export function zooManifest(): ZooManifest {
  return JSON.parse(readFileSync(join(PUBLIC, ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST), 'utf8')) as ZooManifest;
}

/** A shipped model's weights, in its getWeights order. */
export function zooWeights(entry: ZooModelEntry): Float32Array[] {
  return decodeFloat32(new Uint8Array(readFileSync(join(PUBLIC, ZOO_WEIGHTS_DIR, entry.file))), entry.shapes);
}

const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) : v);

/** Writes `data` as one line of JSON (numbers to six decimals) to a path relative to the repository. */
export function writeRoundedJson(path: string, data: unknown): void {
  mkdirSync(dirname(join(ROOT, path)), { recursive: true });
  writeFileSync(join(ROOT, path), JSON.stringify(data, round) + '\n');
}
