/**
 * The adversarial example lab in the browser (wasm): the starting state attacks a test digit as the
 * seeded script recorded; a drawn digit is attacked; a transfer attack names both models.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { drawOne, watchPage, widgetReady } from './helpers';

const PAGE = '/lessons/security/';
const recorded = JSON.parse(
  readFileSync(join(process.cwd(), 'src/widgets/security-attack-lab/static-attack.json'), 'utf8'),
) as { before: number[]; after: number[] };

async function open(page: Page, query = '') {
  await page.goto(`${PAGE}${query ? `?${query}` : ''}#atk`);
  return widgetReady(page, 'atk');
}

const top = (p: number[]) => p.indexOf(Math.max(...p));

test('the starting attack turns the test 3 into what the seeded script recorded', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  const w = await open(page);
  await expect(w).toHaveAttribute('data-metric-after', String(top(recorded.after)), { timeout: 60_000 });
  await expect(w).toHaveAttribute('data-metric-before', String(top(recorded.before)));
  await expect(w.getByTestId('attack-result')).toContainText('The attack succeeded.');
  expect(Number(await w.getAttribute('data-metric-linf'))).toBeLessThanOrEqual(0.1 + 1e-6);
  // Lower ε: the CNN holds.
  const eps = w.getByLabel('ε (largest change of a pixel)');
  await eps.focus();
  for (let i = 0; i < 5; i++) await eps.press('ArrowLeft');
  await expect(w.getByTestId('attack-result')).toContainText('The attack failed.', { timeout: 30_000 });
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('a drawn digit is attacked with PGD', async ({ page }) => {
  const w = await open(page, 'atk.attack=pgd&atk.epsilon=0.3');
  await w.getByLabel('My drawing').check();
  await expect(w.getByText('Draw a digit on the pad to attack it.')).toBeVisible();
  await drawOne(page, w);
  // PGD at ε = 0.3 breaks the standard CNN on a drawing too.
  await expect(w.getByTestId('attack-result')).toContainText('The attack succeeded.', { timeout: 60_000 });
  await expect(w.getByRole('img', { name: /The adversarial digit/ })).toBeVisible();
  await expect.poll(() => new URL(page.url()).search).toContain('atk.drawing=');
});

test('a transfer attack is computed on one model and scored on another', async ({ page }) => {
  const w = await open(page, 'atk.model=mlp&atk.source=cnn&atk.epsilon=0.2');
  await expect(w).toHaveAttribute('data-metric-after', '8', { timeout: 60_000 });
  await expect(w.locator('.widget-summary')).toContainText('computed on the CNN');
});

test('the robustness curve computes 21 points for the softmax regression on 100 digits, with progress', async ({
  page,
}) => {
  await page.goto(`${PAGE}?rob.model=softmax&rob.count=100#rob`);
  const w = await widgetReady(page, 'rob');
  await w.getByRole('button', { name: 'Compute the curve' }).click();
  await expect(w.getByTestId('curve-result')).toContainText('21 points over 100 test digits', { timeout: 120_000 });
  // The same numbers as the lesson's claims test (tests/unit/security-robustness.test.ts), on the browser's wasm.
  await expect(w).toHaveAttribute('data-metric-clean-accuracy', '0.96');
  await expect(w).toHaveAttribute('data-metric-pgd03', '0');
  await expect(w.getByRole('progressbar')).toBeVisible();
  await expect(w.getByRole('img', { name: /Mean confidence of the wrong answers/ })).toBeVisible();
});
