import { expect, test } from '@playwright/test';
import { widgetReady } from './helpers';

const PAGE = '/lessons/mixture-of-experts/';

test('the calculator counts Mixtral to the digit, loads presets, and refuses a bad number', async ({ page }) => {
  await page.goto(`${PAGE}#calc`);
  const calc = await widgetReady(page, 'calc');
  const summary = calc.locator('[aria-live="polite"]');
  await expect(summary).toContainText('46.70B parameters in total (46,702,792,704)');
  await expect(summary).toContainText('12.88B active per token (12,879,925,248)');
  await calc.getByRole('button', { name: 'DeepSeekMoE 16B' }).click();
  await expect(summary).toContainText('DeepSeekMoE 16B: 16.38B parameters in total');
  await expect(page).toHaveURL(/calc\.experts=64/);
  await calc.getByRole('button', { name: 'Mixtral 8x7B' }).click();
  await expect(page).not.toHaveURL(/calc\./);
  const experts = calc.getByLabel('Routed experts N');
  await experts.fill('1000');
  await expect(calc.getByText(/is above the maximum/)).toBeVisible();
  await expect(summary).toContainText('46,702,792,704');
  await experts.fill('16');
  await expect(summary).not.toContainText('Mixtral 8x7B:');
});
