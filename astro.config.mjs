// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeScrollable from './src/lib/rehype-scrollable.ts';
import rehypeCompactMathml from './src/lib/rehype-compact-mathml.ts';
import { fileURLToPath } from 'node:url';
import { chunkReport } from './src/build/chunk-report.mjs';
import { searchIndex } from './src/lib/search/integration.ts';
import { offlineSupport } from './src/lib/offline/integration.ts';
import { pageScriptsAfterPaint } from './src/lib/page-scripts/integration.ts';

export default defineConfig({
  // Used for the sitemap and canonical links; override with SITE_URL when deploying elsewhere.
  site: process.env.SITE_URL ?? 'https://deep-learning-notebook.example',
  output: 'static',
  trailingSlash: 'always',
  // The site's stylesheet is small (about 4 KB gzip) and every page needs it before its first paint:
  // inlined, it arrives with the HTML instead of one more round trip (on Lighthouse's slow 4G the linked
  // file delayed FCP and LCP by about 150 ms on every lesson).
  build: { inlineStylesheets: 'always' },
  // After the pages are written: their module scripts move after the first paint, then the Pagefind
  // search index, then the service worker (its manifest lists the index's files among the rest and
  // hashes the final pages), in this order.
  integrations: [mdx(), preact(), sitemap(), pageScriptsAfterPaint(), searchIndex(), offlineSupport()],
  markdown: {
    remarkPlugins: [remarkMath],
    // MathML where MathML Core holds up, KaTeX's HTML where a construct needs it: src/lib/rehype-compact-mathml.ts.
    rehypePlugins: [rehypeKatex, rehypeCompactMathml, rehypeScrollable],
  },
  vite: {
    plugins: [chunkReport()],
    // Module workers let a worker share code-split chunks with the page (tfjs backends load on demand).
    worker: { format: 'es' },
    // tfjs repeats its licence banner in every module: ~20 KB gzip of comments.
    esbuild: { legalComments: 'none' },
    resolve: {
      alias: {
        // tfjs-core lazily require()s node-fetch for Node only; Vite's dev optimizer turns that into a
        // broken browser import (STACK-NOTES pitfall 2). The browser never needs it.
        'node-fetch': fileURLToPath(new URL('./src/lib/empty-module.ts', import.meta.url)),
      },
    },
  },
});
