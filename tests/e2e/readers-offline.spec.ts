/**
 * Offline (issue 14): a visited lesson is kept whole by the service worker (its closure, computed at
 * build time: every request the page made while its widgets reached ready must be in it), then, with the
 * network off (Playwright's offline mode), the lesson is served from the cache and its widgets, the
 * model one included (Worker chunk, wasm), still reach ready.
 */
import { readFileSync } from 'node:fs';
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
