import { expect, test } from '@playwright/test';
import { widgetReady } from './helpers';

const PAGE = '/lessons/mixture-of-experts/';

test('the router lab trains in its worker, redraws the map and loads, and reports in numbers', async ({ page }) => {
  await page.goto(`${PAGE}?lab.steps=100#lab`);
  const lab = await widgetReady(page, 'lab');
  await expect(lab.locator('.badge')).toContainText('wasm');
  await expect(lab.getByRole('img', { name: /Which expert the router picks first/ })).toBeVisible();
  await expect(lab.getByRole('img', { name: /Expert loads on the held-out points/ })).toBeVisible();
  await lab.getByRole('button', { name: 'Step' }).click();
  await expect(lab.getByText('Step 1 of 100')).toBeVisible();
  await lab.getByRole('button', { name: 'Resume training' }).click();
  await expect(lab.locator('[aria-live="polite"]')).toContainText(
    /After 100 steps: held-out accuracy \d+%; expert loads f = /,
    {
      timeout: 60_000,
    },
  );
  await expect(lab).toHaveAttribute('data-status', 'ready');
  const cv = Number(await lab.getAttribute('data-metric-load-cv'));
  expect(cv).toBeGreaterThanOrEqual(0);
  await lab.getByRole('button', { name: 'Reset model' }).click();
  await expect(lab.getByText(/^Step 0 of 100/)).toBeVisible();
});

test('more experts per point than experts gets a message, not a crash', async ({ page }) => {
  await page.goto(`${PAGE}?lab.experts=2&lab.topK=3#lab`);
  const lab = await widgetReady(page, 'lab');
  await expect(lab.getByRole('alert')).toContainText('need at least 3 experts');
  await expect(lab.getByRole('button', { name: 'Train' })).toBeDisabled();
  await lab.getByLabel('Experts N').fill('4');
  await expect(lab.getByRole('alert')).toHaveCount(0);
});
