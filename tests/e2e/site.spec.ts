import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { PAGES, watchPage } from './helpers';

for (const path of PAGES) {
  test(`${path} loads with no console error and no request to another host`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL!);
    await page.goto(path);
    // Visit every widget so lazily loaded code (islands, workers, tfjs, wasm) is exercised too.
    for (const widget of await page.locator('[data-widget]').all()) {
      await widget.scrollIntoViewIfNeeded();
      await expect(widget).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    }
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
  });

  test(`${path} has no axe violations, in light and dark`, async ({ page }) => {
    // axe walks every node of a long lesson (KaTeX alone is thousands of spans): give it room.
    test.setTimeout(300_000);
    await page.goto(path);
    for (const widget of await page.locator('[data-widget]').all()) {
      await widget.scrollIntoViewIfNeeded();
      await expect(widget).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    }
    // Off-screen prose skips rendering (content-visibility: auto); axe then forces layout node by node
    // (measured: a third slower). Rendering it all at once changes no semantics axe checks.
    await page.addStyleTag({ content: '.lesson-body > * { content-visibility: visible !important; }' });
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary, `${theme} theme`).toEqual([]);
    }
  });
}

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

test('without JavaScript every widget shows its static figure', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/lessons/transformers/');
  for (const widget of await page.locator('[data-widget]').all()) {
    await expect(widget).toHaveAttribute('data-status', 'loading');
    const figure = widget.locator('.widget-static');
    await expect(figure).toBeVisible();
    expect(await figure.locator('svg').count()).toBeGreaterThan(0);
  }
  await context.close();
});

test('print hides navigation and widget controls', async ({ page }) => {
  await page.goto('/lessons/transformers/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'On this page' })).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
});
