/**
 * Offline (issue 14): a visited lesson is kept whole by the service worker (its closure, computed at
 * build time: every request the page made while its widgets reached ready must be in it), then, with the
 * network off (Playwright's offline mode), the lesson is served from the cache and its widgets, the
 * model one included (Worker chunk, wasm), still reach ready.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { widgetReady } from './helpers';
import { widgetInstances } from './registry';

const manifest = JSON.parse(readFileSync('dist/offline-manifest.json', 'utf8')) as {
  build: string;
  pages: Record<string, { files: string[]; bytes: number }>;
};
const instances = await widgetInstances();
const PAGE = '/lessons/transformers/';

test(`${PAGE} is kept on a visit and works offline, widgets included`, async ({ context, page }) => {
  test.setTimeout(180_000);
  const requested = new Set<string>();
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === new URL(page.url() || 'http://127.0.0.1').origin || url.hostname === '127.0.0.1')
      requested.add(url.pathname);
  });
  await page.goto(PAGE);
  await expect(page.locator('[data-offline-status]')).toContainText('Saved for offline reading', { timeout: 90_000 });
  const widgets = instances.filter((i) => i.page === PAGE);
  for (const { id } of widgets) await widgetReady(page, id);
  const closure = new Set([PAGE, ...manifest.pages[PAGE].files]);
  const outside = [...requested].filter((p) => !closure.has(p) && p !== '/sw.js' && !p.startsWith('/assignment/'));
  expect(outside, 'requested online but not kept for offline').toEqual([]);
  test.info().annotations.push({
    type: 'offline',
    description: `${PAGE}: ${closure.size} files, ${(manifest.pages[PAGE].bytes / 1e6).toFixed(2)} MB kept`,
  });

  await context.setOffline(true);
  const response = await page.goto(`${PAGE}?sdp.d=32#sdp`);
  expect(response?.fromServiceWorker()).toBe(true);
  for (const { id } of widgets) await widgetReady(page, id);
  expect(await page.evaluate(() => window.dlnWidgets?.get('sdp')?.state.d)).toBe(32);
  // A page never visited gets the offline page.
  await page.goto('/cite/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
  await context.setOffline(false);
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * The built site served by a tiny server of this test's own (on the loopback address), whose sw.js can
 * be swapped for the next deploy's: the shared preview server caches its files' validators, so a
 * changed sw.js would be answered "304 Not Modified" there.
 */
async function deploySite(): Promise<{ origin: string; swap: (sw: string) => void; close: () => Promise<void> }> {
  let sw = readFileSync('dist/sw.js', 'utf8');
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/sw.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-cache' });
      return void res.end(sw);
    }
    let file = join('dist', path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      return void res.end(readFileSync('dist/404.html'));
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    swap: (next) => (sw = next),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

test('a new edition replaces the worker, re-keeps the saved chapter and offers a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const site = await deploySite();
  try {
    await page.goto(`${site.origin}${PAGE}`);
    await expect(page.locator('[data-offline-status]')).toContainText('Saved for offline reading', { timeout: 90_000 });
    await expect(page.locator('[data-update-toast]')).toBeHidden();
    // The next deploy: the same site under another build id (what a change to any file gives).
    site.swap(readFileSync('dist/sw.js', 'utf8').replaceAll(manifest.build, 'nextedition1'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect
      .poll(async () => (await page.evaluate(() => window.caches.keys())).filter((n) => n.startsWith('dln-pages-')), {
        timeout: 90_000,
      })
      .toEqual(['dln-pages-nextedition1']);
    const toast = page.locator('[data-update-toast]');
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('A new edition of the site has been published');
    const kept = await page.evaluate(async (p) => {
      const cache = await window.caches.open('dln-pages-nextedition1');
      return Promise.all([p, '/__dln-offline/kept.json'].map(async (u) => !!(await cache.match(u))));
    }, PAGE);
    expect(kept).toEqual([true, true]);
    await toast.getByRole('button', { name: 'Reload to read it' }).click();
    await expect(page.locator('[data-offline-status]')).toContainText('Saved for offline reading', { timeout: 90_000 });
  } finally {
    await site.close();
  }
});
