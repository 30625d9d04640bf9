/**
 * The backdoor lab in the browser (wasm): poison, retrain and check at p = 5%, the figures the seeded
 * script recorded for the same state; the trigger stamped on the starting 2 flips it to 7; a trigger
 * with no ink gets a message and no run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { watchPage, widgetReady } from './helpers';

const PAGE = '/lessons/security/';
const recorded = JSON.parse(
  readFileSync(join(process.cwd(), 'src/widgets/security-backdoor/static-backdoor.json'), 'utf8'),
) as { models: { model: string; runs: { rate: number; attackSuccess: number; cleanAccuracy: number }[] }[] };

test('at p = 5% the retrained model keeps its clean accuracy, obeys the trigger, and the 2 flips to 7', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  await page.goto(`${PAGE}?bd.rate=5#bd`);
  const w = await widgetReady(page, 'bd');
  await w.getByRole('button', { name: 'Poison and retrain' }).click();
  await expect(w.getByTestId('backdoor-result')).toBeVisible({ timeout: 120_000 });
  const run = recorded.models.find((m) => m.model === 'softmax')!.runs.find((r) => r.rate === 0.05)!;
  // The browser's wasm against the script's Node wasm: the same figures to a few digits.
  expect(Number(await w.getAttribute('data-metric-attack-success'))).toBeCloseTo(run.attackSuccess, 2);
  expect(Number(await w.getAttribute('data-metric-clean-accuracy'))).toBeCloseTo(run.cleanAccuracy, 2);
  await expect(w).toHaveAttribute('data-metric-poisoned', '350');
  await expect(w.getByTestId('backdoor-detection')).toContainText('Precision');
  await expect(w.getByTestId('backdoor-stamp')).toContainText('with it, 7', { timeout: 30_000 });
  await expect(w.getByRole('img', { name: /with the trigger: the model says 7/ })).toBeVisible();
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('a trigger with no ink gets a message and cannot be trained', async ({ page }) => {
  await page.goto(`${PAGE}?bd.trigger=0000000000000000#bd`);
  const w = await widgetReady(page, 'bd');
  await expect(w.getByRole('alert')).toContainText('the trigger has no ink');
  await expect(w.getByRole('button', { name: 'Poison and retrain' })).toBeDisabled();
  // Toggling one cell on makes it a trigger again, and the URL keeps it.
  await w.getByRole('button', { name: 'row 1, column 1' }).click();
  await expect(w.getByRole('button', { name: 'Poison and retrain' })).toBeEnabled();
  await expect.poll(() => new URL(page.url()).search).toContain('bd.trigger=1000000000000000');
});
