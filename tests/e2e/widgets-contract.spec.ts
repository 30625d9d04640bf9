import { expect, test } from '@playwright/test';
import { LESSON_WIDGETS, widgetReady } from './helpers';

for (const [lesson, names] of Object.entries(LESSON_WIDGETS)) {
  test(`${lesson}: every widget has a unique id, Copy link, Reset and a live summary`, async ({ page }) => {
    await page.goto(lesson);
    const found = await page.locator('[data-widget]').evaluateAll((els) => els.map((e) => e.id));
    expect(new Set(found).size).toBe(found.length);
    for (const name of names) {
      const widget = await widgetReady(page, name);
      await expect(widget.getByRole('button', { name: 'Copy link' })).toBeVisible();
      await expect(widget.getByRole('button', { name: 'Reset', exact: true })).toBeVisible();
      await expect(widget.locator('[aria-live="polite"]')).not.toBeEmpty();
    }
  });
}

test('a garbled URL for every widget shows notices and the page keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(
    '/lessons/transformers/?ap.heads=%F0%9F%92%A5&ap.task=dance&ap.lr=-3&pe.positions=1e99&pe.similarity=<script>&sdp.tokens=NaN&backend=tpu&ap.unknown=1',
  );
  const ap = await widgetReady(page, 'attention-playground');
  const notice = ap.getByRole('status').filter({ has: page.getByRole('button', { name: 'Dismiss' }) });
  await expect(notice).toContainText('Heads');
  await expect(notice).toContainText('Task');
  await expect(notice).toContainText('backend "tpu"');
  await expect(ap.getByLabel('Task')).toHaveValue('reverse');
  const pe = await widgetReady(page, 'positional-encoding');
  await expect(pe.getByLabel('Positions', { exact: true })).toHaveValue('128');
  await expect(pe.getByRole('status').filter({ hasText: 'above the maximum' })).toBeVisible();
  const sdp = await widgetReady(page, 'scaled-dot-product');
  await expect(sdp.getByRole('status').filter({ hasText: 'not a number' })).toBeVisible();
  expect(errors).toEqual([]);
});
