// A Vite plugin for the build: records which source modules went into each JavaScript chunk of the
// client bundle (the code a page loads). Worker bundles are built separately (Vite's worker build
// does not run these plugins) and reach the client bundle only as assets, so a chunk listed here is
// page-side by construction. tests/e2e/bundles.spec.ts reads the report and checks that no page-side
// chunk contains TensorFlow.js: tfjs must load only inside Workers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

export const CHUNK_REPORT = 'node_modules/.cache/dln/client-chunks.json';

/** @returns {import('vite').Plugin} */
export function chunkReport() {
  return {
    name: 'dln-chunk-report',
    apply: /** @type {const} */ ('build'),
    generateBundle(options, bundle) {
      // Astro builds the server (SSR, prerender) and the client; only the client's chunks reach readers.
      if (!options.dir || !/[\\/]dist[\\/]?$/.test(options.dir.replace(/[\\/]_astro$/, ''))) return;
      const root = process.cwd();
      const chunks = Object.values(bundle)
        .filter((c) => c.type === 'chunk')
        .map((c) => ({
          file: c.fileName,
          modules: Object.keys(c.modules).map((m) => relative(root, m.replace(/^\0/, ''))),
        }));
      const workers = Object.values(bundle)
        .filter((c) => c.type === 'asset' && /worker/i.test(c.fileName))
        .map((c) => c.fileName);
      mkdirSync(dirname(CHUNK_REPORT), { recursive: true });
      writeFileSync(
        CHUNK_REPORT,
        `${JSON.stringify({ outDir: relative(root, options.dir), chunks, workers }, null, 2)}\n`,
      );
    },
  };
}
