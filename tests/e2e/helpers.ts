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

/**
 * Draws a 1 on the zoo's digit pad inside `widget` with the mouse: one stroke down the middle, in
 * twelve moves (the pad records pointer moves, so a single jump would draw a dot).
 */
export async function drawOne(page: Page, widget: ReturnType<Page['locator']>) {
  const box = (await widget.getByTestId('digit-pad').boundingBox())!;
  const at = (x: number, y: number) => page.mouse.move(box.x + x * box.width, box.y + y * box.height);
  await at(0.52, 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await at(0.52 - 0.004 * i, 0.15 + 0.058 * i);
  await page.mouse.up();
  await expect(widget.getByTestId('pad-count')).toContainText('1 stroke');
}
