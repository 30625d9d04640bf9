/**
 * The development server as a new user meets it (`npm install && npm run dev`, open a lesson, scroll):
 * every widget reaches ready and the console stays clean. Islands whose server HTML differs from their
 * first client render fill the dev console with Preact hydration-mismatch errors; this keeps them agreeing.
 */
import { expect, test } from '@playwright/test';
import { DEV_PORT } from './ports';
import { pagesOf, widgetInstances } from './registry';

const instances = await widgetInstances();
const DEV = `http://127.0.0.1:${DEV_PORT}`;

for (const path of pagesOf(instances)) {
  test(`astro dev: ${path} hydrates every widget with no console error or warning about hydration`, async ({
    page,
  }) => {
    // The first request compiles the page and its dependencies on demand.
    test.setTimeout(300_000);
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /hydrat|mismatch/i.test(m.text())) messages.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => messages.push(`pageerror: ${e}`));
    await page.goto(`${DEV}${path}`, { timeout: 180_000 });
    for (const { id } of instances.filter((i) => i.page === path)) {
      const widget = page.locator(`figure.widget[id="${id}"]`);
      await widget.locator('.widget-title').scrollIntoViewIfNeeded();
      await expect(widget).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
    }
    expect(messages).toEqual([]);
  });
}
