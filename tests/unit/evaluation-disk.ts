/** The zoo's splits and weights read from public/ for the evaluation chapter's Node tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../../src/lib/sha256';
import { decodeFloat32 } from '../../src/lib/weights';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../../src/math/digit-split';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest, type ZooModelName } from '../../src/math/zoo';

const PUBLIC = join(process.cwd(), 'public');
const json = <T>(...parts: string[]) => JSON.parse(readFileSync(join(PUBLIC, ...parts), 'utf8')) as T;

export const zooManifest = json<ZooManifest>(ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST);

export function splitFromDisk(name: 'train' | 'validation' | 'test') {
  const data = json<DigitSplitManifest>(ZOO_DATA_DIR, ZOO_DATA_MANIFEST);
  const info = data.splits[name];
  return decodeSplitFile(new Uint8Array(readFileSync(join(PUBLIC, ZOO_DATA_DIR, info.file))), info, sha256);
}

export function entryAndWeights(name: ZooModelName) {
  const entry = zooManifest.models.find((m) => m.name === name)!;
  const weights = decodeFloat32(new Uint8Array(readFileSync(join(PUBLIC, ZOO_WEIGHTS_DIR, entry.file))), entry.shapes);
  return { entry, weights };
}
