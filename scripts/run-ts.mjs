// Runs a TypeScript script with Node: bundles it with esbuild first, because tfjs-core's ES module
// build uses directory imports that Node's own resolver refuses. Usage: node scripts/run-ts.mjs FILE.ts
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs scripts/NAME.ts');
  process.exit(2);
}
const dir = join(process.cwd(), 'node_modules', '.cache', 'dln-scripts');
mkdirSync(dir, { recursive: true });
const outfile = join(dir, `${basename(entry, '.ts')}.mjs`);
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // ES module builds first: one tfjs-core instance, and the backends' registration side effects kept.
  mainFields: ['module', 'main'],
  // Playwright finds its browsers and assets relative to its own files: it must stay a real package.
  external: ['@playwright/test', 'playwright', 'playwright-core'],
  // Bundled CommonJS dependencies still call require() and read __dirname (tfjs's wasm loader does).
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { dirname as __pathDirname } from 'node:path';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join(' '),
  },
});
await import(pathToFileURL(outfile).href);
