import { expect, type Page } from '@playwright/test';

/** Each lesson and the widgets it embeds (data-widget names). */
export const LESSON_WIDGETS: Record<string, string[]> = {
  '/lessons/transformers/': ['attention-playground', 'scaled-dot-product', 'positional-encoding'],
  '/lessons/diffusion/': ['forward-process', 'denoiser-lab', 'digit-diffusion'],
};

/** Every page of the site that the tests visit. */
export const PAGES = ['/', ...Object.keys(LESSON_WIDGETS)];

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

/** Scrolls a widget near the viewport (client:visible) and waits for the contract's status. */
export async function widgetReady(page: Page, name: string, status = 'ready') {
  const widget = page.locator(`[data-widget="${name}"]`);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-status', status, { timeout: 60_000 });
  return widget;
}
