import { expect, test, type Page } from '@playwright/test';

/** The transformers lesson embeds <ScaledDotProductExplorer id="sdp" />. */
const PAGE = '/lessons/transformers/';

async function openWidget(page: Page, query = '') {
  await page.goto(`${PAGE}${query}`);
  const widget = page.locator('[data-widget="scaled-dot-product"]');
  // The island hydrates client:visible: bring it near the viewport, then wait on the contract's status.
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-status', 'ready');
  return widget;
}

test('the explorer hydrates and reaches ready without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const widget = await openWidget(page);
  await expect(widget.getByRole('img', { name: /Mean largest softmax weight against d/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('unchecking "Divide scores by √d" changes the summary and writes the URL', async ({ page }) => {
  const widget = await openWidget(page);
  const summary = widget.locator('[aria-live="polite"]');
  await expect(summary).toContainText('d = 16, scaled by 1/√d');
  const before = await summary.textContent();

  await widget.getByLabel('Divide scores by √d').uncheck();
  await expect(summary).toContainText('d = 16, unscaled');
  expect(await summary.textContent()).not.toBe(before);
  await expect(page).toHaveURL(/[?&]sdp\.scale=0(&|$)/);

  await widget.getByRole('button', { name: 'New random vectors' }).click();
  await expect(page).toHaveURL(/[?&]sdp\.seed=2(&|$)/);
});

test('state round-trips through the URL', async ({ page }) => {
  const widget = await openWidget(page, '?sdp.d=64&sdp.causal=1');
  await expect(widget.getByLabel('Vector size d')).toHaveValue('64');
  await expect(widget.getByLabel('Causal mask (hide later tokens)')).toBeChecked();
  await expect(widget.getByLabel('Divide scores by √d')).toBeChecked();
  await expect(widget.locator('[aria-live="polite"]')).toContainText('d = 64, scaled by 1/√d, causal: query 3');
  // No notice (the only status region with a Dismiss button; the controls' <output>s are status too).
  await expect(widget.getByRole('button', { name: 'Dismiss' })).toHaveCount(0);
});

test('a garbled URL shows a notice and the widget still works', async ({ page }) => {
  const widget = await openWidget(page, '?sdp.d=zzz');
  // <output> elements also have the status role: pick the notice by its text.
  await expect(widget.getByRole('status').filter({ hasText: 'not a number' })).toContainText('Vector size d: "zzz"');
  await expect(widget.getByLabel('Vector size d')).toHaveValue('16');
  await expect(widget.locator('[aria-live="polite"]')).toContainText('d = 16');
});
