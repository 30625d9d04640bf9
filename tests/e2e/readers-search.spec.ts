/**
 * Search (issue 14): nothing of it loads until the reader opens it; it finds a phrase of every lesson
 * (the first section's heading) and a result opens that section; keyboard only; axe on the open dialog.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { watchPage } from './helpers';
import { builtLessons, kb, weighScripts } from './readers-helpers';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];
const lessons = builtLessons();

test('search loads nothing until opened, then only the site’s own files', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  const scripts = weighScripts(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  const before = await scripts.total();
  expect(requests.filter((r) => r.includes('pagefind') || r.includes('search-ui'))).toEqual([]);
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the lessons' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('searchbox', { name: 'Search the lessons' })).toBeFocused();
  await page.keyboard.type('attention');
  await expect(dialog.getByRole('status')).toContainText(/\d+ pages? found/);
  await page.waitForLoadState('networkidle');
  const after = await scripts.total();
  test.info().annotations.push({
    type: 'js',
    description: `home page JS before opening search ${kb(before)} gzip; opening and one query add ${kb(after - before)} (${(await scripts.urls()).filter((u) => u.includes('pagefind') || u.includes('search')).join(', ')})`,
  });
  expect(requests.some((r) => r.startsWith('/pagefind/'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(watch.foreign).toEqual([]);
  expect(watch.errors).toEqual([]);
});

for (const lesson of lessons) {
  test(`search finds “${lesson.firstSection.text}” and opens that section of ${lesson.path}`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /Search/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Search the lessons' });
    await dialog.getByRole('searchbox').fill(lesson.firstSection.text);
    const link = dialog.locator(`a[href="${lesson.path}#${lesson.firstSection.id}"]`).first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${lesson.path}#${lesson.firstSection.id}$`));
    await expect(page.locator(`[id="${lesson.firstSection.id}"]`)).toBeInViewport();
  });
}

test('the open search dialog has no axe violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /Search/ }).click();
  await page.getByRole('searchbox').fill('softmax');
  await expect(page.getByRole('dialog').getByRole('status')).toContainText('found');
  const results = await new AxeBuilder({ page }).include('.search-dialog').withTags(AXE_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
