import { expect, test } from '@playwright/test';
import { widgetReady } from './helpers';

const PAGE = '/lessons/mixture-of-experts/';

test('dense versus sparse trains both models and compares them at equal FLOPs and equal time', async ({ page }) => {
  await page.goto(`${PAGE}?dvs.steps=100&dvs.regimes=4&dvs.experts=4#dvs`);
  const dvs = await widgetReady(page, 'dvs');
  await expect(dvs.locator('.badge')).toContainText('wasm');
  await expect(dvs.getByRole('img', { name: /against training FLOPs/ })).toBeVisible();
  await expect(dvs.getByRole('img', { name: /against wall-clock training time/ })).toBeVisible();
  // Parameters are stated before training: 2·16+16+16·2+2 dense; router 2·4+4 plus four experts.
  const table = dvs.getByRole('table');
  await expect(table.getByRole('row', { name: /dense MLP/ })).toContainText('82');
  await expect(table.getByRole('row', { name: /mixture of experts/ })).toContainText('340');
  await dvs.getByRole('button', { name: 'Train' }).click();
  await expect(dvs.locator('[aria-live="polite"]')).toContainText(
    /After 100 steps of each: held-out loss dense \d\.\d{3}/,
    {
      timeout: 60_000,
    },
  );
  await expect(dvs.locator('.chart-note')).toContainText(/At equal training FLOPs .*At equal wall time/);
  expect(Number(await dvs.getAttribute('data-metric-moe-ms-per-step'))).toBeGreaterThan(0);
});
