/**
 * The leaderboard and metrics labs in the browser (wasm): the Worker's logits reproduce the committed
 * seeded runs at the labs' starting states, a control changes the study and round-trips through the URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LeaderboardRun } from '../../src/widgets/evaluation-leaderboard/static-data';
import type { MetricsRun } from '../../src/widgets/evaluation-metrics/static-figure';
import { watchPage, widgetReady } from './helpers';

const PAGE = '/lessons/evaluation/';
const json = <T>(path: string) => JSON.parse(readFileSync(join(process.cwd(), path), 'utf8')) as T;
const LB_RUN = json<LeaderboardRun>('src/widgets/evaluation-leaderboard/static-run.json');
const MET_RUN = json<MetricsRun>('src/widgets/evaluation-metrics/static-run.json');
const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
const metric = async (w: Locator, name: string) => Number(await w.getAttribute(`data-metric-${name}`));

test('the leaderboard lab reproduces the seeded run, and a bigger reused test set changes it', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  await page.goto(`${PAGE}#lb`);
  const w = await widgetReady(page, 'lb');
  await expect(w).toHaveAttribute('data-metric-model', 'softmax');
  const start = LB_RUN.models.find((m) => m.name === 'softmax')!.start;
  const last = start.points.at(-1)!;
  expect(await metric(w, 'reported')).toBeCloseTo(last.reported, 3);
  expect(await metric(w, 'fresh')).toBeCloseTo(last.fresh, 3);
  expect(await metric(w, 'gap1000')).toBeCloseTo(last.reported - last.fresh, 3);
  await expect(w.getByTestId('leaderboard-table')).toContainText('fresh test set of 1,800');
  await w.getByLabel('Reused test set (digits)').fill('1000');
  await w.getByLabel('Reused test set (digits)').press('Enter');
  await expect(w.getByTestId('leaderboard-table')).toContainText('fresh test set of 1,000', { timeout: 30_000 });
  await expect.poll(() => query(page)).toEqual({ 'lb.holdout': '1000' });
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('the metrics lab reproduces the seeded run, and a rare class keeps its positives few', async ({ page }) => {
  await page.goto(`${PAGE}#met`);
  const w = await widgetReady(page, 'met');
  await expect(w).toHaveAttribute('data-metric-model', 'cnn');
  const s = MET_RUN.models.find((m) => m.name === 'cnn')!.study;
  expect(await metric(w, 'recall')).toBeCloseTo(s.metrics.recall, 3);
  expect(await metric(w, 'thick-recall')).toBeCloseTo(s.slices[2].metrics.recall, 3);
  expect(await metric(w, 'auroc')).toBeCloseTo(s.auroc, 3);
  await page.goto(`${PAGE}?met.prevalence=0.01#met`);
  const rare = await widgetReady(page, 'met');
  await expect(rare).toHaveAttribute('data-metric-positives', '18', { timeout: 30_000 });
  await expect(rare.getByTestId('metrics-table')).toContainText('18 of them 1s');
});
