/**
 * Build time only: the zoo's committed manifests read from public/ (the project root is the working
 * directory of astro build and of the tests), as a catalog (catalog.ts). Imported from .astro
 * frontmatter and static figures, never from code that ships to a page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../../math/digit-split';
import { ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest } from '../../math/zoo';
import { catalogFromManifests, type ZooCatalog } from './catalog';

const json = <T>(...parts: string[]) => JSON.parse(readFileSync(join(process.cwd(), 'public', ...parts), 'utf8')) as T;

export function readZooCatalog(): ZooCatalog {
  return catalogFromManifests(
    json<ZooManifest>(ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST),
    json<DigitSplitManifest>(ZOO_DATA_DIR, ZOO_DATA_MANIFEST),
  );
}
