/**
 * Assignment links (issue 14): an educator builds one in /assign/; the link round-trips (reopened in the
 * builder it gives the same link); the reading list shows it; a lesson link applies the widget presets
 * (read back from the page's widget API) and locks and hides the chosen controls; garbled links give
 * notices, not crashes.
 */
import { expect, test, type Page } from '@playwright/test';
import type { LiveWidgetInfo } from '../../src/lib/widget-api';
import { watchPage, widgetReady } from './helpers';

const liveState = (page: Page, id: string) =>
  page.evaluate((wid) => window.dlnWidgets?.get(wid)?.state ?? null, id) as Promise<LiveWidgetInfo['state'] | null>;

async function buildAssignment(page: Page): Promise<string> {
  await page.goto('/assign/');
  await page.getByLabel('Title').fill('Week 3: attention');
  await page.getByLabel('Due date (optional)').fill('2027-02-14');
  await page.getByLabel(/Note to students/).fill('Train the playground before class.');
  const chapter = page.locator('fieldset[data-lesson="transformers"]');
  await chapter.getByLabel(/Chapter 1: Transformers and attention/).check();
  await chapter.getByText('Sections (tick none for the whole chapter)').click();
  await chapter.getByLabel('Train one yourself', { exact: true }).check();
  await chapter.getByText('Exercises', { exact: true }).click();
  await chapter.getByLabel('One head or four?').check();
  await chapter.getByText('Self-checks', { exact: true }).click();
  await chapter.getByLabel('One head is enough').check();
  await chapter.getByText('Widget settings').click();
  const ap = chapter.locator('[data-widget-preset="ap"]');
  await ap
    .getByLabel("Link with this widget's settings")
    .fill('https://elsewhere.example/lessons/transformers/?ap.task=sort&ap.heads=1#ap');
  await expect(ap.locator('[data-preset-summary]')).toHaveText('2 settings read.');
  await ap.getByLabel('Task').selectOption('locked');
  await ap.getByLabel('Heads').selectOption('hidden');
  const link = page.getByLabel('Link to share');
  await expect(link).toHaveValue(/\/assignment\/\?a=1\./);
  return link.inputValue();
}

test('an assignment round-trips, lists its reading, and applies its presets with locked and hidden controls', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  const url = await buildAssignment(page);
  const code = new URL(url).searchParams.get('a')!;

  // Reopened in the builder, the same assignment gives the same link.
  await page.goto(`/assign/?a=${code}`);
  await expect(page.getByLabel('Link to share')).toHaveValue(url);
  await expect(page.getByLabel('Title')).toHaveValue('Week 3: attention');

  await page.goto(new URL(url).pathname + new URL(url).search);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Assignment: Week 3: attention');
  await expect(page.locator('.assignment-due')).toContainText('February 14, 2027');
  await expect(page.locator('.assignment-notices')).toHaveCount(0);
  const chapter = page.getByRole('region', { name: 'Transformers and attention' });
  await expect(chapter.getByRole('link', { name: 'Train one yourself' })).toBeVisible();
  await expect(chapter.getByRole('link', { name: 'One head is enough' })).toBeVisible();
  await chapter.getByRole('link', { name: 'Attention playground' }).click();

  await expect(page).toHaveURL(/\/lessons\/transformers\/\?.*ap\.task=sort.*#ap$/);
  const banner = page.getByRole('region', { name: 'Assignment' });
  await expect(banner).toContainText('Assignment: Week 3: attention');
  await expect(banner).toContainText('Train the playground before class.');
  await expect(banner.getByRole('link', { name: 'Back to the reading list' })).toBeVisible();
  const widget = await widgetReady(page, 'ap');
  expect(await liveState(page, 'ap')).toMatchObject({ task: 'sort', heads: 1 });
  const task = widget.locator('.control', { has: page.locator('#ap-task') });
  await expect(task).toHaveAttribute('data-assignment', 'locked');
  await expect(task).toHaveAttribute('inert', '');
  await expect(widget.locator('.control', { has: page.locator('#ap-heads') })).toBeHidden();
  await expect(widget.locator('.assignment-widget-note')).toContainText('Fixed by the assignment: Task sort');
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('garbled assignment links give notices, not crashes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const bad of ['1.not*base64', '1.AAAAAAAA', '7.abc', '']) {
    await page.goto(`/assignment/?a=${encodeURIComponent(bad)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Assignment link not readable');
    await expect(page.locator('.assignment-notices')).toBeVisible();
  }
  // A cut-off code on a lesson: the banner says so and the widgets still work.
  await page.goto('/lessons/transformers/?a=1.q1YqSM&sdp.d=32#sdp');
  await expect(page.getByRole('region', { name: 'Assignment' })).toContainText('could not be used');
  await widgetReady(page, 'sdp');
  expect(await liveState(page, 'sdp')).toMatchObject({ d: 32 });
  expect(errors).toEqual([]);
});
