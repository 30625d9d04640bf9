import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './browser';
import { LESSON_WIDGETS, widgetReady } from './helpers';

// A browser of its own, started without any 3D API, as on a machine without GPU support. (Chromium
// still hands WebGL to OffscreenCanvas in workers with these flags, so the page decides for its worker.)
test.use({
  launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--disable-3d-apis', '--disable-webgl'] },
});

test('with WebGL disabled every widget reaches ready, and a webgl request falls back', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/lessons/transformers/?backend=webgl');
  for (const name of LESSON_WIDGETS['/lessons/transformers/']) await widgetReady(page, name);
  const playground = page.locator('[data-widget="attention-playground"]');
  await expect(playground.locator('.badge')).toContainText(/wasm|cpu/);
  await expect(playground.getByRole('status').filter({ hasText: 'WebGL is not available' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('with WebGL disabled the diffusion widgets reach ready on wasm or cpu', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/lessons/diffusion/?backend=webgl');
  for (const name of LESSON_WIDGETS['/lessons/diffusion/']) await widgetReady(page, name);
  const lab = page.locator('[data-widget="denoiser-lab"]');
  await expect(lab.locator('.badge')).toContainText(/wasm|cpu/);
  expect(errors).toEqual([]);
});
