import { expect, test } from '@playwright/test';

test('the course home lists the chapters with their descriptions, times and objectives', async ({ page }) => {
  await page.goto('/');
  const chapter = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: /Transformers and attention/ }) });
  await expect(chapter).toContainText('Chapter 1');
  await expect(chapter).toContainText(/About \d+ minutes/);
  await chapter.getByText('Objectives').click();
  await expect(chapter.getByRole('listitem').first()).toBeVisible();
  await chapter.getByRole('link', { name: /Transformers and attention/ }).click();
  await expect(page).toHaveURL(/\/lessons\/transformers\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Transformers and attention');
});

test('a lesson has objectives, a table of contents with working anchors, exercises with solutions, and references', async ({
  page,
}) => {
  await page.goto('/lessons/transformers/');
  await expect(page.getByRole('heading', { name: 'What you will be able to do' })).toBeVisible();
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const links = await toc.getByRole('link').all();
  expect(links.length).toBeGreaterThan(5);
  for (const link of links) {
    const id = (await link.getAttribute('href'))!.slice(1);
    await expect(page.locator(`[id="${id}"]`)).toHaveCount(1);
  }
  // Every citation points at an entry of the reference list.
  for (const cite of await page.locator('a.cite').all()) {
    const id = (await cite.getAttribute('href'))!.slice(1);
    await expect(page.locator(`li[id="${id}"]`)).toHaveCount(1);
  }
  const exercise = page.locator('.exercise').first();
  await expect(exercise.locator('.solution-body')).toBeHidden();
  await exercise.getByText('Show solution').click();
  await expect(exercise.locator('.solution-body')).toBeVisible();
  // An exercise's "Set up the demo" link opens that exact widget state.
  const setup = page.getByRole('link', { name: 'Set up the demo for this exercise' }).first();
  const href = await setup.getAttribute('href');
  expect(href).toMatch(/^\?[a-z]+\.[a-zA-Z]+=.+#[a-z]+$/);
});

test('a closed solution is parsed only when opened or printed, and opens without JavaScript too', async ({
  browser,
}) => {
  const page = await browser.newPage();
  await page.goto('/lessons/diffusion/');
  const solutions = page.locator('details.solution');
  const count = await solutions.count();
  expect(count).toBeGreaterThan(5);
  // Before any is opened the page holds none of their bodies (each is the text of a <noscript>).
  await expect(page.locator('.solution-body')).toHaveCount(0);
  await solutions.first().locator('summary').click();
  await expect(solutions.first().locator('.solution-body')).toBeVisible();
  await expect(solutions.first().locator('.solution-body math').first()).toBeVisible();
  await expect(page.locator('.solution-body')).toHaveCount(1);
  // Printing reveals and opens every one.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await expect(page.locator('details.solution[open] > .solution-body')).toHaveCount(count);
  await page.close();

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto('/lessons/diffusion/');
  const first = plain.locator('details.solution').first();
  await expect(first.locator('.solution-body')).toBeHidden();
  await first.locator('summary').click();
  await expect(first.locator('.solution-body')).toBeVisible();
  await noScript.close();
});

test('the theme toggle switches to dark mode and remembers it', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await toggle.click();
  const after = await page.evaluate(() => document.documentElement.dataset.theme);
  expect(after).not.toBe(before);
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(after);
});

test('an unknown address gets the 404 page with a way back', async ({ page }) => {
  const response = await page.goto('/lessons/no-such-chapter/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'list of chapters' })).toBeVisible();
});

test('print hides navigation and widget controls', async ({ page }) => {
  await page.goto('/lessons/transformers/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'On this page' })).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
});
