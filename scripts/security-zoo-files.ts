/**
 * Node only (the security chapter's seeded script and its tests): the zoo's committed test split and
 * shipped models read from public/, checked against their manifests' SHA-256.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeFloat32 } from '../src/lib/weights';
import {
  decodeSplitFile,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  type DigitSplit,
  type DigitSplitManifest,
  type SplitName,
} from '../src/math/digit-split';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest, type ZooModelName } from '../src/math/zoo';
import { zooModelFromWeights, type ZooModel } from '../src/ml/zoo/models';

const PUBLIC = join(process.cwd(), 'public');

export function zooManifest(): ZooManifest {
  return JSON.parse(readFileSync(join(PUBLIC, ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST), 'utf8')) as ZooManifest;
}

export async function readSplit(name: SplitName): Promise<DigitSplit> {
  const m = JSON.parse(readFileSync(join(PUBLIC, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
  const info = m.splits[name];
  return decodeSplitFile(new Uint8Array(readFileSync(join(PUBLIC, ZOO_DATA_DIR, info.file))), info, sha256);
}

/** A shipped model (the caller disposes it); throws if the file does not match its manifest. */
export function readModel(name: ZooModelName): ZooModel {
  const e = zooManifest().models.find((m) => m.name === name);
  if (!e) throw new Error(`no zoo model ${name}`);
  const bytes = new Uint8Array(readFileSync(join(PUBLIC, ZOO_WEIGHTS_DIR, e.file)));
  if (sha256(bytes) !== e.sha256) throw new Error(`${e.file} does not match its manifest`);
  return zooModelFromWeights(e, decodeFloat32(bytes, e.shapes));
}
