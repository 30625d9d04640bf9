/**
 * A browser of its own, started without any 3D API, as on a machine without GPU support: on every page,
 * every widget reaches ready, and the model widgets, asked for WebGL, fall back to wasm or cpu with a
 * notice. (Chromium still hands WebGL to OffscreenCanvas in workers with these flags, so the page
 * decides for its worker.)
 */
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './browser';
import { widgetReady } from './helpers';
import { pagesOf, widgetInstances } from './registry';

const instances = await widgetInstances();

test.use({
  launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--disable-3d-apis', '--disable-webgl'] },
});

for (const path of pagesOf(instances)) {
  test(`${path} with WebGL disabled: every widget is ready, model widgets on wasm or cpu`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${path}?backend=webgl`);
    for (const { id, definition } of instances.filter((i) => i.page === path)) {
      const widget = await widgetReady(page, id);
      if (definition.compute !== 'model') continue;
      await expect(widget.locator('.badge')).toContainText(/wasm|cpu/);
      await expect(widget.getByRole('status').filter({ hasText: 'WebGL is not available' })).toBeVisible();
    }
    expect(errors).toEqual([]);
  });
}
