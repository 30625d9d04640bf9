import { expect, test } from '@playwright/test';
import { widgetReady } from './helpers';

const PAGE = '/lessons/mixture-of-experts/';

test('routing tokens trains, routes the reader’s input through the real gates, and refuses bad input', async ({
  page,
}) => {
  await page.goto(`${PAGE}?rt.steps=50#rt`);
  const rt = await widgetReady(page, 'rt');
  await expect(rt.locator('.badge')).toContainText('wasm');
  const input = rt.getByLabel(/Your input/);
  await input.fill('3 1 4 1 5 9');
  const table = rt.getByRole('table', { name: /Where the router sends each of your tokens/ });
  await expect(table.getByRole('row', { name: /^Token/ })).toContainText('3 1 4 1 5 9 | 9 5 1 4 1'.replace(/ /g, ''));
  // Each token of layer 1 has one expert (top-1) with its gate.
  await expect(table.getByRole('row', { name: /Layer 1/ }).locator('.moe-chip')).toHaveCount(12);
  await rt.getByRole('button', { name: 'Train' }).click();
  await expect(rt.locator('[aria-live="polite"]')).toContainText(/After 50 steps: held-out token accuracy \d+%/, {
    timeout: 60_000,
  });
  await expect(rt.getByRole('img', { name: /Layer 1: share of each token/ })).toBeVisible();
  await input.fill('3 1 x');
  await expect(rt.getByText(/Only the digits 0-9 are allowed/)).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
});
