/**
 * Offline: after every build (Astro's build:done hook, after the search index), computes each page's
 * closure (src/lib/offline/closure.ts), a build id over every file's content, and bundles the service
 * worker (src/lib/offline/sw.ts, Workbox) into dist/sw.js with that manifest inlined. A new build that
 * changes any file changes sw.js, which is how the browser learns that a new edition is deployed.
 * It also writes dist/offline-manifest.json, the same facts for tests and the bench.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageClosure, siteFiles } from './closure';
// Imported up front: the config's module runner is closed by the time build:done runs.
import { build as bundle } from 'esbuild';

export function offlineSupport(): AstroIntegration {
  return {
    name: 'dln-offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        const all = siteFiles(dist).filter((f) => f !== '/sw.js' && f !== '/offline-manifest.json');
        const hash = createHash('sha256');
        const revisions = new Map<string, string>();
        for (const file of all.sort()) {
          const h = createHash('sha256')
            .update(readFileSync(join(dist, file)))
            .digest('hex')
            .slice(0, 16);
          revisions.set(file, h);
          hash.update(`${file}\0${h}\n`);
        }
        // The worker's own code is part of the build too: a change to it alone is a new build.
        hash.update(readFileSync(join(process.cwd(), 'src/lib/offline/sw.ts')));
        const build = hash.digest('hex').slice(0, 12);
        const pages: Record<string, { files: string[]; bytes: number }> = {};
        for (const file of all.filter((f) => f.endsWith('/index.html'))) {
          const page = file.slice(0, -'index.html'.length);
          pages[page] = pageClosure(dist, page, all);
        }
        const offline = pages['/offline/'];
        if (!offline) throw new Error('offline support: the build has no /offline/ page');
        const precache = [
          { url: '/offline/', revision: revisions.get('/offline/index.html')! },
          ...offline.files.map((f) => ({ url: f, revision: f.startsWith('/_astro/') ? null : revisions.get(f)! })),
        ];
        const manifest = { build, pages, precache };
        writeFileSync(join(dist, 'offline-manifest.json'), JSON.stringify(manifest, null, 1));

        await bundle({
          // Resolved from the project root: the config loader may bundle this file elsewhere.
          entryPoints: [join(process.cwd(), 'src/lib/offline/sw.ts')],
          outfile: join(dist, 'sw.js'),
          bundle: true,
          format: 'iife',
          minify: true,
          legalComments: 'none',
          target: 'es2020',
          define: { __DLN_OFFLINE__: JSON.stringify(manifest), 'process.env.NODE_ENV': '"production"' },
          logLevel: 'warning',
        });
        const lessons = Object.entries(pages).filter(([p]) => p.startsWith('/lessons/'));
        for (const [page, c] of lessons)
          logger.info(`${page}: ${c.files.length + 1} files, ${(c.bytes / 1e6).toFixed(2)} MB offline`);
        logger.info(`service worker for build ${build} written to sw.js`);
      },
    },
  };
}
