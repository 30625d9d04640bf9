// Lighthouse (mobile preset: simulated slow 4G, 4x slower CPU) on every page of the built site, served
// the way a static host serves it (gzip for text, wasm and JSON; a cache header for hashed assets), with
// the system Chromium. Per page: performance and accessibility scores, FCP, LCP, TBT, DOM elements and
// main-thread time. Run alone: `node bench/lighthouse.mjs` (after `npm run build`); npm run bench calls it.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { MIME } from './mime.mjs';

/** What static hosts compress (GitHub Pages, Netlify, Cloudflare Pages all gzip these types). */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.xml']);

function serveCompressed(dist) {
  const cache = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(dist, path));
    if (!file.startsWith(dist)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end();
    const ext = extname(file);
    const headers = { 'content-type': MIME[ext] ?? 'application/octet-stream' };
    if (path.startsWith('/_astro/')) headers['cache-control'] = 'public, max-age=31536000, immutable';
    let body = readFileSync(file);
    if (COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      if (!cache.has(file)) cache.set(file, gzipSync(body, { level: 6 }));
      body = cache.get(file);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export function sitePages(dist) {
  const pages = ['/'];
  const walk = (dir, prefix) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (name === '_astro' || !statSync(full).isDirectory()) continue;
      if (existsSync(join(full, 'index.html'))) pages.push(`${prefix}${name}/`);
      walk(full, `${prefix}${name}/`);
    }
  };
  walk(dist, '/');
  return pages.filter((p) => !p.startsWith('/embed/'));
}

/** The figures bench/results.json keeps from one Lighthouse report. */
function summarise(page, lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue ?? null;
  return {
    page,
    performance: Math.round(100 * (lhr.categories.performance.score ?? 0)),
    accessibility: Math.round(100 * (lhr.categories.accessibility.score ?? 0)),
    fcpMs: Math.round(audit('first-contentful-paint')),
    lcpMs: Math.round(audit('largest-contentful-paint')),
    tbtMs: Math.round(audit('total-blocking-time')),
    domElements: audit('dom-size'),
    mainThreadMs: Math.round(audit('mainthread-work-breakdown')),
    failedAccessibility: Object.values(lhr.audits)
      .filter((a) => lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id) && a.score === 0)
      .map((a) => a.id),
  };
}

export async function measureLighthouse({
  dist = join(process.cwd(), 'dist'),
  pages = sitePages(dist),
  runs = 3,
} = {}) {
  const server = await serveCompressed(dist);
  const base = `http://127.0.0.1:${server.address().port}`;
  const chrome = await chromeLauncher.launch({
    chromePath: [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p)),
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const results = [];
  try {
    for (const page of pages) {
      // Lantern's simulated FCP and LCP depend on which requests finished before the observed first paint,
      // a race that moves one run by up to ~300 ms (docs/stack-notes.md, 32): each page is loaded `runs`
      // times and the run with the median LCP reported, with the LCP range over all runs; accessibility is
      // the worst run's, with every audit any run failed.
      const measured = [];
      for (let run = 0; run < runs; run++) {
        const { lhr } = await lighthouse(`${base}${page}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        measured.push(summarise(page, lhr));
      }
      measured.sort((a, b) => a.lcpMs - b.lcpMs);
      const median = measured[Math.floor((measured.length - 1) / 2)];
      results.push({
        ...median,
        accessibility: Math.min(...measured.map((m) => m.accessibility)),
        failedAccessibility: [...new Set(measured.flatMap((m) => m.failedAccessibility))],
        runs,
        lcpMsRange: [measured[0].lcpMs, measured.at(-1).lcpMs],
      });
    }
  } finally {
    await chrome.kill();
    server.close();
  }
  return results;
}

// Alone: `node bench/lighthouse.mjs [page ...]` (every page when none is named); the result replaces the
// named pages' rows of bench/results.json's `lighthouse`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const named = process.argv.slice(2);
  const results = await measureLighthouse(named.length ? { pages: named } : {});
  console.table(results.map(({ failedAccessibility, ...r }) => ({ ...r, failed: failedAccessibility.join(' ') })));
  const file = join(process.cwd(), 'bench', 'results.json');
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const kept = (stored.lighthouse ?? []).filter((r) => !results.some((n) => n.page === r.page));
  stored.lighthouse = [...kept, ...results];
  stored.sectionDates = { ...stored.sectionDates, lighthouse: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`);
  console.log('wrote bench/results.json (lighthouse)');
}
