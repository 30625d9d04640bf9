import { expect, test } from '@playwright/test';
import { widgetReady } from './helpers';

const PAGE = '/lessons/transformers/';

test('training runs in the worker, updates curves and attention maps, and can be paused', async ({ page }) => {
  await page.goto(`${PAGE}?ap.steps=100`);
  const ap = await widgetReady(page, 'attention-playground');
  await expect(ap.locator('.badge')).toContainText('wasm');
  await expect(ap.getByRole('img', { name: /Layer 1, head 2 attention weight/ })).toBeVisible();
  await ap.getByRole('button', { name: 'Step' }).click();
  await expect(ap.getByText('Step 1 of 100')).toBeVisible();
  await ap.getByRole('button', { name: 'Resume training' }).click();
  await expect(ap).toHaveAttribute('data-status', 'running');
  // Runs to the end of its budget and reports in numbers.
  await expect(ap.locator('[aria-live="polite"]')).toContainText(/After 100 steps, held-out token accuracy \d+%/, {
    timeout: 90_000,
  });
  await expect(ap).toHaveAttribute('data-status', 'ready');
  await expect(ap.getByRole('button', { name: 'Train' })).toBeDisabled();
  // Reset model starts over at step 0 with the same settings.
  await ap.getByRole('button', { name: 'Reset model' }).click();
  await expect(ap.getByText('Step 0 of 100')).toBeVisible();
});

test('the reader types an input and sees the model answer; bad input gets a message', async ({ page }) => {
  await page.goto(PAGE);
  const ap = await widgetReady(page, 'attention-playground');
  const input = ap.getByLabel(/Your input/);
  await input.fill('3 1 4 1 5 9');
  await expect(ap.locator('.probe-output')).toContainText('9 5 1 4 1 3');
  await expect(page).toHaveURL(/ap\.input=3\+1\+4\+1\+5\+9/);
  await input.fill('3 1 x');
  await expect(ap.getByText(/Only the digits 0-9 are allowed/)).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  // The last valid question stays on show.
  await expect(ap.locator('.probe-output')).toContainText('9 5 1 4 1 3');
});

test('settings round-trip through the URL and Reset restores the defaults', async ({ page }) => {
  await page.goto(`${PAGE}?ap.task=sort&ap.heads=4&ap.layers=2&ap.seed=7#ap`);
  const ap = await widgetReady(page, 'attention-playground');
  await expect(ap.getByLabel('Task')).toHaveValue('sort');
  await expect(ap.getByLabel('Heads')).toHaveValue('4');
  await expect(ap.getByRole('img', { name: /Layer 2, head 4 attention weight/ })).toBeVisible();
  await ap.getByLabel('Task').selectOption('copy');
  await expect(page).toHaveURL(/ap\.task=copy/);
  await expect(page).toHaveURL(/ap\.seed=7/);
  await ap.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(ap.getByLabel('Task')).toHaveValue('reverse');
  await expect(page).not.toHaveURL(/ap\./);
});

test('heads that do not divide the width get a message, not a crash', async ({ page }) => {
  await page.goto(`${PAGE}?ap.heads=3`);
  const ap = await widgetReady(page, 'attention-playground');
  await expect(ap.getByRole('alert')).toContainText('not divisible by 3 heads');
  await expect(ap.getByRole('button', { name: 'Train' })).toBeDisabled();
  await ap.getByLabel('Heads').fill('4');
  await expect(ap.getByRole('alert')).toHaveCount(0);
});
