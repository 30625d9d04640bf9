/**
 * What each reader feature costs a lesson in JavaScript (gzip), before and after the reader uses it, in
 * the built site: the scripts every lesson loads for them, and what an answered self-check, an
 * assignment link and the Embed item add. The figures go in the test's annotations (the JSON reporter
 * keeps them); the tests fail when a feature loads its code before it is used.
 */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { encodeAssignment } from '../../src/lib/assignment';
import { widgetReady } from './helpers';
import { kb, weighScripts } from './readers-helpers';

const PAGE = '/lessons/transformers/';
/** The readers' entry scripts on a lesson (Astro names a component's script after the component). */
const READERS_ENTRIES =
  /\/_astro\/(Search|SelfCheck|LessonLayout|OfflineSupport|WidgetFrame)\.astro_astro_type_script|\/_astro\/(client|progress|preload-helper|widget-api)\./;
/** Code that must wait for its feature's first use. */
const ON_USE = /\/_astro\/(search-ui|self-check-element|assignment-lesson|assignment)\.|\/pagefind\//;

test('reader features add little JavaScript to a lesson until used, and load the rest on use', async ({ page }) => {
  const scripts = weighScripts(page);
  await page.goto(PAGE);
  await page.waitForLoadState('networkidle');
  const atLoad = await scripts.urls();
  expect(atLoad.filter((u) => ON_USE.test(u))).toEqual([]);
  const readers = await scripts.total((u) => READERS_ENTRIES.test(u));

  // A self-check's grading loads near the check, or at its first answer.
  const check = page.locator('#check-score-std');
  await check.scrollIntoViewIfNeeded();
  await check.getByLabel('8', { exact: true }).check();
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(check.getByRole('status')).toHaveText('Right.');
  const selfCheck = await scripts.total((u) => /self-check-element\./.test(u));
  expect(selfCheck).toBeGreaterThan(0);

  // The Embed item: no code beyond what the frame already loaded.
  const before = (await scripts.urls()).length;
  const sdp = await widgetReady(page, 'sdp');
  const afterReady = (await scripts.urls()).length;
  await sdp.getByRole('button', { name: 'Embed', exact: true }).click();
  await expect(sdp.getByLabel(/Embed code/)).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect((await scripts.urls()).length).toBe(afterReady);

  test.info().annotations.push({
    type: 'js',
    description: `${PAGE}: reader scripts at load ${kb(readers)} gzip (search button, self-check loader, reading progress, offline client, Embed/print element, copy buttons are inline); a self-check's first answer adds ${kb(selfCheck)}; the Embed item adds 0 (${afterReady - before} files came with the widget, none with the item)`,
  });
});

test('an assignment link adds its code only to the page it opens', async ({ page }) => {
  const code = await encodeAssignment({
    title: 'Week 3',
    note: '',
    due: '',
    items: [
      {
        lesson: 'transformers',
        edition: '1.0',
        sections: [],
        exercises: [],
        checks: [],
        presets: [{ widget: 'ap', values: { heads: '1' }, lock: ['heads'], hide: [] }],
      },
    ],
  });
  const scripts = weighScripts(page);
  await page.goto(`${PAGE}?a=${code}`);
  await expect(page.locator('[data-assignment-banner]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const added = await scripts.total((u) => /\/_astro\/(assignment-lesson|assignment|params)\./.test(u));
  expect(added).toBeGreaterThan(0);

  const map = weighScripts(page);
  await page.goto('/map/');
  await page.waitForLoadState('networkidle');
  const mapJs = await map.total();
  const sw = gzipSync(readFileSync('dist/sw.js')).length;
  test.info().annotations.push({
    type: 'js',
    description: `an assignment link adds ${kb(added)} gzip to the lesson it opens; the course map page loads ${kb(mapJs)} in all; the service worker (dist/sw.js, Workbox, with its manifest) is ${kb(sw)} gzip, ${kb(statSync('dist/sw.js').size)} raw, fetched once per edition`,
  });
});
