/**
 * The calibration lab in the browser (wasm): a zoo model's validation and test logits come from the
 * Worker, the temperature fitted on validation matches the committed seeded run, accuracy is unchanged
 * after scaling, the binning controls change ECE and round-trip through the URL, and axe finds nothing;
 * a matrix fitted on 200 validation digits overfits (its fitting NLL far below the temperature's, its
 * test NLL above) and does better on all 1,000, with axe in both themes;
 * the MLP trained here for one epoch trains in the Worker and scores as the committed seeded run did;
 * its training pauses, steps and resumes from the keyboard, and a reset frees it until Train.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { CalibrationRun } from '../../src/ml/evaluation-calibration';
import type { TrainedRun } from '../../src/widgets/evaluation-calibration/trained-run';
import { watchPage, widgetReady } from './helpers';

const PAGE = '/lessons/evaluation/';
const run = JSON.parse(
  readFileSync(join(process.cwd(), 'src/widgets/evaluation-calibration/static-run.json'), 'utf8'),
) as CalibrationRun;
const model = (name: string) => run.models.find((m) => m.name === name)!;
const trainedRun = JSON.parse(
  readFileSync(join(process.cwd(), 'public/data/evaluation/calibration-trained.json'), 'utf8'),
) as TrainedRun;

async function open(page: Page, query = '') {
  await page.goto(`${PAGE}${query ? `?${query}` : ''}#cal`);
  return widgetReady(page, 'cal');
}

const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
const metric = async (w: Locator, name: string) => Number(await w.getAttribute(`data-metric-${name}`));

test('the calibration lab reproduces the seeded run and keeps accuracy under temperature scaling', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  const w = await open(page);
  await expect(w).toHaveAttribute('data-metric-model', 'robust-cnn');
  const r = model('robust-cnn');
  expect(await metric(w, 'temperature')).toBeCloseTo(r.temperature, 3);
  expect(await metric(w, 'accuracy-before')).toBe(r.accuracy);
  expect(await metric(w, 'accuracy-after')).toBe(r.accuracy);
  expect(await metric(w, 'ece-before')).toBeCloseTo(r.before.ece, 4);
  expect(await metric(w, 'ece-after')).toBeCloseTo(r.after.ece, 4);
  await expect(w.getByTestId('calibration-table')).toContainText('T = 0.68');
  await expect(w.getByRole('img', { name: /Reliability diagram, as trained, 15 equal-width bins/ })).toBeVisible();
  await w.getByLabel('After scaling').check();
  await expect(w.getByRole('img', { name: /Reliability diagram, after temperature scaling/ })).toBeVisible();
  // Another model: softmax regression, whose ECE temperature scaling raises.
  await w.getByLabel('Model', { exact: true }).selectOption('softmax');
  await expect(w).toHaveAttribute('data-metric-model', 'softmax', { timeout: 60_000 });
  const s = model('softmax');
  expect(await metric(w, 'ece-after')).toBeGreaterThan(await metric(w, 'ece-before'));
  expect(await metric(w, 'temperature')).toBeCloseTo(s.temperature, 3);
  await expect.poll(() => query(page)).toEqual({ 'cal.model': 'softmax', 'cal.scaled': '1' });
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('bins: equal mass at 30 changes ECE, empties no bin, and a link reopens that state', async ({ page }) => {
  const w = await open(page, 'cal.model=mlp&cal.bins=30');
  await expect(w).toHaveAttribute('data-metric-model', 'mlp');
  const widthEce = await metric(w, 'ece-before');
  expect(await metric(w, 'empty-bins')).toBeGreaterThanOrEqual(3);
  await w.getByLabel('Bins', { exact: true }).selectOption('mass');
  await expect.poll(() => metric(w, 'empty-bins')).toBe(0);
  expect(await metric(w, 'ece-before')).not.toBeCloseTo(widthEce, 4);
  await expect.poll(() => query(page)).toEqual({ 'cal.model': 'mlp', 'cal.bins': '30', 'cal.binning': 'mass' });
  await page.reload();
  const again = await widgetReady(page, 'cal');
  await expect(again.getByLabel('Bins', { exact: true })).toHaveValue('mass');
  for (const theme of ['light', 'dark']) await expectAccessible(page, theme);
});

test('matrix scaling: on 200 fitting digits it fits them below the temperature and overfits the test digits; all 1,000 do better', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  const w = await open(page);
  const robust = model('robust-cnn');
  const row = (fit: number) => robust.sweep.find((x) => x.fit === fit)!;
  // The default state fits both maps on all 1,000 validation digits; the table has all three columns.
  await expect(w).toHaveAttribute('data-metric-fit-count', '1000');
  expect(await metric(w, 'accuracy-matrix')).toBeCloseTo(row(1000).matrixTest.accuracy, 2);
  const table = w.getByTestId('calibration-table');
  await expect(table.getByRole('columnheader', { name: 'Matrix' })).toBeVisible();
  await expect(table).toContainText('NLL on the 1,000 fitting digits');
  await w.getByLabel('After scaling').check();
  await w.getByLabel('Calibration map').selectOption('matrix');
  await expect(
    w.getByRole('img', { name: /Reliability diagram, after matrix scaling, 15 equal-width bins/ }),
  ).toBeVisible();
  expect(await metric(w, 'accuracy')).toBe(await metric(w, 'accuracy-matrix'));
  // 200 fitting digits: the matrix's NLL on them falls to ~0, far below the temperature's; on the test
  // digits it is worse than the temperature, and its accuracy moves while the temperature's cannot.
  await w.getByLabel('Fitting digits').fill('200');
  await expect(w).toHaveAttribute('data-metric-fit-count', '200', { timeout: 30_000 });
  expect(await metric(w, 'fit-nll-matrix')).toBeLessThan(0.001);
  expect(await metric(w, 'fit-nll-temperature')).toBeGreaterThan(0.05);
  expect(await metric(w, 'nll-matrix')).toBeGreaterThan(await metric(w, 'nll-after'));
  expect(await metric(w, 'ece-matrix')).toBeGreaterThan(await metric(w, 'ece-after'));
  expect(await metric(w, 'accuracy-after')).toBe(robust.accuracy);
  expect(await metric(w, 'accuracy-matrix')).toBeCloseTo(row(200).matrixTest.accuracy, 2);
  expect(await metric(w, 'temperature')).toBeCloseTo(row(200).temperature, 3);
  const overfit = { nll: await metric(w, 'nll-matrix'), accuracy: await metric(w, 'accuracy-matrix') };
  await expect(w.getByTestId('calibration-overfit')).toContainText('it overfits');
  await expect(w.getByRole('img', { name: /after matrix scaling fitted on 200 digits/ })).toBeVisible();
  await expect(table).toContainText('NLL on the 200 fitting digits');
  await expect.poll(() => query(page)).toEqual({ 'cal.scaled': '1', 'cal.map': 'matrix', 'cal.fit': '200' });
  for (const theme of ['light', 'dark']) await expectAccessible(page, theme);
  // All 1,000 again: the matrix does better on the test digits than with 200.
  await w.getByLabel('Fitting digits').press('End');
  await expect(w).toHaveAttribute('data-metric-fit-count', '1000');
  expect(await metric(w, 'nll-matrix')).toBeLessThan(overfit.nll);
  expect(await metric(w, 'accuracy-matrix')).toBeGreaterThan(overfit.accuracy);
  await expect.poll(() => query(page)).toEqual({ 'cal.scaled': '1', 'cal.map': 'matrix' });
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

/** No axe violations (WCAG 2.2 AA and best practice) inside the lab, in the given theme. */
async function expectAccessible(page: Page, theme: string) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];
  await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
  const results = await new AxeBuilder({ page }).include('#cal').withTags(tags).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${theme} theme`).toEqual([]);
}

test('trained here: the MLP pauses, steps and resumes; one epoch scores like the seeded run, resets, trains again and its link reopens it', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  const w = await open(page);
  await expect(w).toHaveAttribute('data-metric-tensors', /\d+/);
  const idle = await metric(w, 'tensors');
  await w.getByLabel('Model source').selectOption('trained');
  await expect(w.getByLabel('Model', { exact: true })).toHaveCount(0);
  // The default 10 epochs train (about 15 s): pause them, one step from the keyboard, resume.
  const label = w.locator('label[for="cal-training-progress"]');
  const stepOf = async () => Number(/Step (\d+) of/.exec((await label.textContent()) ?? '')![1]);
  await w.getByRole('button', { name: 'Pause' }).click({ timeout: 60_000 });
  const resume = w.getByRole('button', { name: 'Resume training' });
  await expect(resume).toBeVisible();
  await expect(label).toContainText('paused');
  await expect(w).toHaveAttribute('data-status', 'ready');
  // The training controls on screen (paused) keep the contract's accessibility too.
  await expectAccessible(page, 'light');
  const at = await stepOf();
  await w.getByRole('button', { name: 'Step', exact: true }).press('Enter');
  await expect(label).toContainText(`Step ${at + 1} of 1090`);
  await resume.press('Enter');
  await expect(w.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(stepOf).toBeGreaterThan(at + 1);
  const epochs = w.getByLabel('Training epochs');
  await epochs.focus();
  await epochs.press('Home');
  await expect(w).toHaveAttribute('data-metric-epochs', '1', { timeout: 120_000 });
  await expect(w).toHaveAttribute('data-metric-source', 'trained');
  await expect(w.getByTestId('calibration-training')).toContainText('for 1 epoch, 109 steps');
  const one = trainedRun.runs.find((r) => r.epochs === 1)!;
  expect(await metric(w, 'accuracy-after')).toBe(await metric(w, 'accuracy-before'));
  expect(await metric(w, 'accuracy-before')).toBeCloseTo(one.calibration.accuracy, 2);
  expect(await metric(w, 'mean-confidence-before')).toBeCloseTo(one.calibration.before.meanConfidence, 2);
  expect(await metric(w, 'ece-before')).toBeCloseTo(one.calibration.before.ece, 2);
  expect(await metric(w, 'train-ms')).toBeGreaterThan(0);
  await expect(w.getByRole('img', { name: /Reliability diagram, as trained, 15 equal-width bins/ })).toBeVisible();
  const accuracy = await metric(w, 'accuracy-before');
  // Reset training: nothing on show, the model freed; Train trains the same epoch again, to the same scores.
  await w.getByRole('button', { name: 'Reset training' }).click();
  await expect(label).toContainText('Step 0 of 109 · reset: press Train');
  await expect(w.getByTestId('calibration-table')).toHaveCount(0);
  await expect.poll(() => metric(w, 'tensors')).toBe(idle);
  await w.getByRole('button', { name: 'Train', exact: true }).press('Enter');
  await expect(w).toHaveAttribute('data-metric-epochs', '1', { timeout: 120_000 });
  expect(await metric(w, 'accuracy-before')).toBe(accuracy);
  await expect.poll(() => query(page)).toEqual({ 'cal.source': 'trained', 'cal.epochs': '1' });
  await page.reload();
  const again = await widgetReady(page, 'cal');
  await expect(again).toHaveAttribute('data-metric-epochs', '1', { timeout: 120_000 });
  await expect(again.getByLabel('Training epochs')).toHaveValue('1');
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});
