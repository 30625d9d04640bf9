/**
 * Embed pages (issue 14): one per widget of every lesson, each rendering that widget alone and reaching
 * ready; URL state applies; the lesson's "Embed" item gives the iframe snippet of the current state.
 * (pages.spec.ts and contract.spec.ts find the embed pages' widgets too: axe, console errors, no-JS
 * figures, round trips.)
 */
import { existsSync, readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { watchPage, widgetReady } from './helpers';
import { widgetInstances } from './registry';

const instances = await widgetInstances();
// Code cells take their program from the lesson's cells.ts (a computed prop), so they have no embed page.
const onLessons = instances.filter((i) => i.page.startsWith('/lessons/') && i.definition.name !== 'code-cell');

test('every widget of every lesson has its embed page, and nothing else does', () => {
  const embeds = readdirSync('dist/embed').flatMap((lesson) =>
    readdirSync(`dist/embed/${lesson}`).map((id) => `/embed/${lesson}/${id}/`),
  );
  const expected = onLessons.map((i) => i.page.replace(/^\/lessons\/([^/]+)\/$/, `/embed/$1/${i.id}/`));
  expect(embeds.sort()).toEqual(expected.sort());
  for (const path of expected) expect(existsSync(`dist${path}index.html`)).toBe(true);
});

for (const { page: lesson, id, definition } of onLessons) {
  const path = lesson.replace(/^\/lessons\/([^/]+)\/$/, `/embed/$1/${id}/`);
  test(`${path} shows ${definition.name} alone and it reaches ready`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL!);
    await page.goto(path);
    await expect(page.locator('figure.widget')).toHaveCount(1);
    await widgetReady(page, id);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Chapter \d+:/ })).toHaveAttribute('href', `${lesson}#${id}`);
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
  });
}

test('an embed page honours URL state, and the Embed item gives the snippet of the current state', async ({ page }) => {
  await page.goto('/embed/transformers/sdp/?sdp.d=64&sdp.scale=0');
  await widgetReady(page, 'sdp');
  expect(await page.evaluate(() => window.dlnWidgets?.get('sdp')?.state)).toMatchObject({ d: 64, scale: false });

  await page.goto('/lessons/transformers/?sdp.d=128&ap.heads=1#sdp');
  const widget = await widgetReady(page, 'sdp');
  await widget.getByRole('button', { name: 'Embed' }).click();
  const code = await widget.getByLabel(/Embed code/).inputValue();
  expect(code).toMatch(
    /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/transformers\/sdp\/\?sdp\.d=128" title="Scaled dot-product explorer \(Deep Learning Notebook\)" width="100%" height="\d+"/,
  );
  await expect(widget.getByRole('button', { name: 'Copy embed code' })).toBeVisible();
});
