import { expect, test } from '@playwright/test';
import { widgetReady } from './helpers';

test('changing the probe position updates the similarity summary and the URL', async ({ page }) => {
  await page.goto('/lessons/transformers/');
  const pe = await widgetReady(page, 'positional-encoding');
  const summary = pe.locator('[aria-live="polite"]');
  await expect(summary).toContainText('position 20 has cosine similarity 1.00 with itself');
  await pe.getByLabel('Probe position').fill('5');
  await expect(summary).toContainText('position 5 has cosine similarity 1.00 with itself');
  await expect(page).toHaveURL(/pe\.probe=5/);
});

test('state round-trips through the URL', async ({ page }) => {
  await page.goto('/lessons/transformers/?pe.positions=16&pe.dModel=8&pe.similarity=dot');
  const pe = await widgetReady(page, 'positional-encoding');
  await expect(pe.getByLabel('Positions', { exact: true })).toHaveValue('16');
  await expect(pe.getByLabel('Compare positions by')).toHaveValue('dot');
  // The probe (20) lies past the last of 16 positions: the widget uses position 15.
  await expect(pe.locator('[aria-live="polite"]')).toContainText(
    '16 positions × 8 dimensions: position 15 has dot product',
  );
});
