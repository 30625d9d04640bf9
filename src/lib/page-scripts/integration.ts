/**
 * After the build writes the pages (and before the search index and the service worker read them):
 * every page's module scripts load after its first paint (./defer.ts says why).
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteFiles } from '../offline/closure';
import { deferModuleScripts } from './defer';

export function pageScriptsAfterPaint(): AstroIntegration {
  return {
    name: 'dln-page-scripts',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        let pages = 0;
        for (const file of siteFiles(dist).filter((f) => f.endsWith('.html'))) {
          const path = join(dist, file);
          const html = readFileSync(path, 'utf8');
          const out = deferModuleScripts(html);
          if (out === html) continue;
          writeFileSync(path, out);
          pages++;
        }
        logger.info(`module scripts load after the first paint on ${pages} pages`);
      },
    },
  };
}
