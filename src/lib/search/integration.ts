/**
 * Search index: Pagefind run over the built site after every `npm run build` (Astro's build:done
 * hook), written to dist/pagefind/. Only what carries data-pagefind-body is indexed (the lessons and the
 * course map); inside it, widgets (their static figures and controls) and KaTeX's duplicate math markup
 * are left out, so results quote the prose. The page loads none of it until the reader opens search
 * (src/components/Search.astro, src/lib/search/search-ui.ts).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
// Imported up front: the config's module runner is closed by the time build:done runs.
import * as pagefind from 'pagefind';

export const SEARCH_EXCLUDE = ['figure.widget', '.katex', '.toc', '.cite-this', '.self-check-form', '.offline-status'];

export function searchIndex(): AstroIntegration {
  return {
    name: 'dln-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ excludeSelectors: SEARCH_EXCLUDE, forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: `${site}pagefind` });
        if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`indexed ${added.page_count} pages into pagefind/`);
      },
    },
  };
}
