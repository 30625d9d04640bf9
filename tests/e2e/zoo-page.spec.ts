/**
 * The model zoo page (/models/): one card per model with the manifest's numbers, the data split, the
 * chapters (only written ones linked), the references, and a link from the home page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { formatPercent } from '../../src/lib/format';
import type { ZooManifest } from '../../src/math/zoo';
import { watchPage } from './helpers';

const zoo = JSON.parse(readFileSync(join(process.cwd(), 'public/weights/zoo/manifest.json'), 'utf8')) as ZooManifest;

test('renders a card per model with its architecture, size, accuracy per class, robustness and weaknesses', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  await page.goto('/models/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The model zoo');
  const cards = page.locator('article.model-card');
  await expect(cards).toHaveCount(zoo.models.length);
  for (const m of zoo.models) {
    const card = page.getByRole('article', { name: m.title, exact: true });
    await expect(card.getByRole('heading', { level: 2 })).toHaveText(m.title);
    await expect(card).toContainText(`${m.parameters.toLocaleString('en')} parameters`);
    await expect(card).toContainText(
      `${formatPercent(m.test.accuracy, 2)} (${m.test.correct.toLocaleString('en')} of 2,000)`,
    );
    await expect(card).toContainText(`${Math.round(m.bytes / 1000)} kB`);
    const perClass = card.getByRole('table');
    await expect(perClass.getByRole('cell')).toHaveCount(10);
    await expect(perClass.getByRole('cell').nth(2)).toHaveText(formatPercent(m.test.perClass[2], 1));
    await expect(card).toContainText(`nats, expected calibration error ${formatPercent(m.validation.ece, 2)}`);
    await expect(card.getByRole('heading', { name: 'Known weaknesses (measured)' })).toBeVisible();
    await expect(card).toContainText('Planned: security, evaluation, efficiency');
  }
  const plain = page.getByRole('article', { name: 'CNN', exact: true });
  await expect(plain).toContainText('under PGD at ε = 0.3 it keeps 0.2% (4 of 2,000)');
  await expect(page.getByRole('article', { name: 'Adversarially trained CNN' })).toContainText(
    '82.95% of the 2,000 test digits',
  );
  await expect(page.getByRole('article', { name: 'Softmax regression' })).toContainText(
    '2 (85.5%), 8 (86.0%), 5 (87.0%)',
  );
  // The data section: the split's counts and seed; the references the page cites.
  await expect(page.getByRole('table', { name: /Digits per class/ })).toContainText('7,000');
  await expect(page.locator('#ref-mitchell2019')).toContainText('Model Cards for Model Reporting');
  await expect(page.locator('#ref-lecun1998')).toContainText('Gradient-Based Learning');
  // Planned chapters are named but not linked (they do not exist yet).
  const chapters = page.getByRole('region', { name: 'Chapters' });
  await expect(chapters.getByRole('listitem')).toHaveCount(3);
  await expect(chapters.getByRole('listitem').getByRole('link')).toHaveCount(0);
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('the home page links to the zoo', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'model zoo' }).click();
  await expect(page).toHaveURL(/\/models\/$/);
});
