/**
 * The new pages without widgets (course map, assignment builder and reading list, cite, offline):
 * axe with WCAG 2.2 AA and best practice (as pages.spec.ts runs it), no console error, no request to
 * another host; the course map's progress export and clear; the chapter's edition, changelog and
 * citation; print: a widget prints its current state with that state's URL, in one piece.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { encodeAssignment } from '../../src/lib/assignment';
import { watchPage, widgetReady } from './helpers';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

const code = await encodeAssignment({
  title: 'Week 3',
  note: 'Read it all.',
  due: '2027-02-14',
  items: [
    {
      lesson: 'transformers',
      edition: '1.0',
      sections: [],
      exercises: ['ap-heads'],
      checks: ['score-std'],
      presets: [{ widget: 'ap', values: { heads: '1' }, lock: ['heads'], hide: [] }],
    },
  ],
});

const PAGES = ['/map/', '/assign/', `/assignment/?a=${code}`, '/cite/', '/offline/'];

for (const path of PAGES) {
  test(`${path.replace(/\?.*/, '?a=…')} has no axe violations, console errors or foreign requests`, async ({
    page,
    baseURL,
  }) => {
    const watch = watchPage(page, baseURL!);
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    if (path.startsWith('/assignment/'))
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Assignment: Week 3');
    if (path === '/assign/')
      await page.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      const axe = new AxeBuilder({ page });
      const results = await (theme === 'light' ? axe.withTags(AXE_TAGS) : axe.withRules(COLOUR_RULES)).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        theme,
      ).toEqual([]);
    }
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
  });
}

test('the reading list flags a chapter assigned at an older edition', async ({ page }) => {
  await page.goto(`/assignment/?a=${code}`);
  await expect(page.locator('.assignment-edition')).toContainText(
    'Assigned at edition 1.0; the chapter is now at edition',
  );
  await expect(page.getByRole('link', { name: 'See what changed' })).toHaveAttribute(
    'href',
    /\/lessons\/transformers\/\?.*#changelog$/,
  );
});

test('the course map draws the prerequisites and exports and clears progress', async ({ page }) => {
  await page.goto('/lessons/transformers/');
  // The visit is recorded by the page's scripts, which load after its first paint.
  await page.waitForFunction(() => localStorage.getItem('dln-progress')?.includes('"transformers"'));
  await page.goto('/map/');
  const graph = page.getByRole('group', { name: 'Chapters and their prerequisites' });
  await expect(
    graph.getByRole('link', { name: /Chapter 1: Transformers and attention, about \d+ minutes/ }),
  ).toBeVisible();
  await expect(graph.locator('.map-edge')).not.toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress (JSON file)' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const progress = JSON.parse(Buffer.concat(text).toString('utf8'));
  expect(progress.version).toBe(1);
  expect(progress.lessons.transformers.visited).toBeTruthy();
  await page.getByRole('button', { name: 'Clear progress' }).click();
  await page.getByRole('button', { name: 'Click again to clear all progress' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Progress cleared' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('dln-progress'))).toBeNull();
});

test('a lesson shows its edition, changelog and citation', async ({ page }) => {
  await page.goto('/lessons/diffusion/');
  await expect(page.locator('.lesson-edition')).toContainText(/Edition \d+\.\d+ of \d{4}-\d{2}-\d{2}/);
  // Open the changelog (once more if a click landed while the page was still settling: seen once under load,
  // never reproduced in 36 runs); the entries must then show.
  const changelog = page.locator('#changelog');
  await expect(async () => {
    if (!(await changelog.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await page.getByText('Changelog of this chapter').click();
    }
    await expect(page.locator('#changelog li').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByText('Cite this chapter').click();
  await expect(page.locator('#cite-chapter-bib')).toContainText('@misc{dln-diffusion-');
  await expect(page.getByRole('button', { name: 'Copy BibTeX' }).last()).toBeVisible();
  const cff = await page.request.get('/CITATION.cff');
  expect(await cff.text()).toContain('cff-version: 1.2.0');
  expect(await (await page.request.get('/citation.bib')).text()).toContain('@misc{dln-transformers-');
});

test('print: a live widget prints its current state and that state’s URL, and never splits', async ({ page }) => {
  await page.goto('/lessons/transformers/?sdp.d=128#sdp');
  const widget = await widgetReady(page, 'sdp');
  await page.emulateMedia({ media: 'print' });
  const line = widget.locator('dln-widget-reader .widget-print-state');
  await expect(line).toBeVisible();
  await expect(line).toContainText('d 128');
  await expect(line).toContainText('/lessons/transformers/?sdp.d=128#sdp');
  await expect(widget.locator('.widget-static .widget-print-state')).toBeHidden();
  await expect(widget.locator('.cite-this')).toBeHidden();
  for (const el of [widget, page.locator('.attention-grid').first()]) {
    if ((await el.count()) === 0) continue;
    expect(await el.evaluate((e) => getComputedStyle(e).breakInside)).toBe('avoid');
  }
});
