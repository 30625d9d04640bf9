import { expect, type Page } from '@playwright/test';

/** Records console errors, page errors, and requests to any host other than the site's own. */
export function watchPage(page: Page, baseURL: string) {
  const errors: string[] = [];
  const foreign: string[] = [];
  const own = new URL(baseURL).host;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.host !== own) foreign.push(r.url());
  });
  return { errors, foreign };
}

/**
 * Scrolls a widget near the viewport (client:visible) and waits for the contract's status. `key` is
 * its data-widget name or its id. The title is scrolled into view, not the whole widget: a tall static
 * figure centred in view leaves the island above the observer's margin (docs/stack-notes.md, 20).
 */
export async function widgetReady(page: Page, key: string, status = 'ready') {
  const widget = page.locator(`[data-widget="${key}"], figure.widget[id="${key}"]`).first();
  await widget.locator('.widget-title').scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-status', status, { timeout: 60_000 });
  return widget;
}
