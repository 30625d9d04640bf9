/**
 * The model zoo explorer and the zoo's shared digit input, in the browser (wasm): evaluating the test
 * split gives the manifest's accuracy; a test digit is picked by class and number; a digit is drawn
 * with the mouse and with the keyboard, preprocessed, classified, and round-trips through the URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ZooManifest } from '../../src/math/zoo';
import { drawOne, watchPage, widgetReady } from './helpers';

const PAGE = '/models/';
const zoo = JSON.parse(readFileSync(join(process.cwd(), 'public/weights/zoo/manifest.json'), 'utf8')) as ZooManifest;
const entry = (name: string) => zoo.models.find((m) => m.name === name)!;

async function open(page: Page, query = '') {
  await page.goto(`${PAGE}${query ? `?${query}` : ''}#zoo`);
  return widgetReady(page, 'zoo');
}

const metric = (w: Locator, name: string) => w.getAttribute(`data-metric-${name}`);

test('evaluating the test split in the browser gives the manifest’s accuracy', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  const w = await open(page, 'zoo.model=mlp');
  await w.getByRole('button', { name: 'Evaluate MLP on the 2,000 test digits' }).click();
  await expect(w.getByTestId('evaluation-result')).toContainText('as recorded', { timeout: 60_000 });
  const m = entry('mlp');
  expect(Number(await metric(w, 'accuracy'))).toBe(m.test.accuracy);
  expect(Number(await metric(w, 'correct'))).toBe(m.test.correct);
  expect(Number(await metric(w, 'manifest-accuracy'))).toBe(m.test.accuracy);
  expect(Number(await metric(w, 'evaluation-ms'))).toBeGreaterThan(0);
  await expect(w.getByRole('img', { name: /Confusion matrix/ })).toBeVisible();
  await expect(w.getByRole('img', { name: 'Accuracy per true class' })).toBeVisible();
  // Another model: the CNN, scored again from its own verified weights.
  await w.getByLabel('Model', { exact: true }).selectOption('cnn');
  await w.getByRole('button', { name: 'Evaluate CNN on the 2,000 test digits' }).click();
  await expect(w).toHaveAttribute('data-metric-evaluated', 'cnn', { timeout: 60_000 });
  expect(Number(await metric(w, 'correct'))).toBe(entry('cnn').test.correct);
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('picks a test digit by class and number, shows it and the model’s answer, in the URL', async ({ page }) => {
  const w = await open(page);
  await expect(w.getByRole('img', { name: 'Test digit 0 of class 3, 28 × 28 pixels' })).toBeVisible();
  await expect(w.getByTestId('prediction')).toContainText('CNN says 3');
  const cls = w.getByLabel('Test digit class');
  await cls.focus();
  for (let i = 0; i < 4; i++) await cls.press('ArrowRight');
  await w.getByRole('button', { name: 'Next 7' }).click();
  await w.getByRole('button', { name: 'Next 7' }).click();
  await expect(w.getByRole('img', { name: 'Test digit 2 of class 7, 28 × 28 pixels' })).toBeVisible();
  await expect(w.getByText('(number 27 of the test split)')).toBeVisible();
  await expect(w.getByTestId('prediction')).toContainText(/CNN says \d \(\d+\.\d%\), (right|wrong: it is a 7)/);
  await expect.poll(() => new URL(page.url()).search).toBe('?zoo.digit=7&zoo.index=2');
  // A link to that state opens it.
  await page.reload();
  const again = await widgetReady(page, 'zoo');
  await expect(again.getByRole('img', { name: 'Test digit 2 of class 7, 28 × 28 pixels' })).toBeVisible();
});

test('draws a digit with the mouse: preprocessed to 28 × 28, classified, and round-tripped through the URL', async ({
  page,
}) => {
  const w = await open(page, 'zoo.model=mlp');
  await w.getByLabel('My drawing').check();
  await expect(w.getByText('Draw a digit on the pad to see the model’s answer.')).toBeVisible();
  await drawOne(page, w);
  await expect(
    w.getByRole('img', { name: /Your drawing as the model receives it, 28 × 28 pixels\. Ink box/ }),
  ).toBeVisible();
  await expect(
    w
      .getByText(/fitted into \d+ × 20 of MNIST's 20 × 20 box, centre of mass moved to \(1[34]\.\d, 1[34]\.\d\)/)
      .first(),
  ).toBeVisible();
  await expect(w).toHaveAttribute('data-metric-prediction', '1');
  const url = new URL(page.url());
  expect(url.searchParams.get('zoo.input')).toBe('drawn');
  const drawing = url.searchParams.get('zoo.drawing')!;
  expect(drawing).toMatch(/^[A-Za-z0-9_-]{4,}$/);
  // The same drawing back from the link: the same stroke, the same answer, no notice.
  await page.goto(url.toString());
  const again = await widgetReady(page, 'zoo');
  await expect(again.getByTestId('pad-count')).toContainText('1 stroke');
  await expect(again).toHaveAttribute('data-metric-prediction', '1');
  await expect(again.locator('.widget-notice')).toHaveCount(0);
  await again.getByRole('button', { name: 'Undo stroke' }).click();
  await expect(again.getByTestId('pad-count')).toContainText('0 strokes');
  await expect.poll(() => new URL(page.url()).searchParams.get('zoo.drawing')).toBeNull();
});

test('draws a digit with the keyboard alone', async ({ page }) => {
  const w = await open(page, 'zoo.model=mlp&zoo.input=drawn');
  const pad = w.getByRole('application', { name: 'Digit drawing pad' });
  await pad.focus();
  // A 7: from the top left across, then down to the bottom left (Shift+arrow = 8 grid levels).
  for (let i = 0; i < 3; i++) await pad.press('Shift+ArrowUp');
  for (let i = 0; i < 2; i++) await pad.press('Shift+ArrowLeft');
  await pad.press('Enter');
  await expect(w.locator('#zoo-pad-status')).toContainText('pen down');
  for (let i = 0; i < 4; i++) await pad.press('Shift+ArrowRight');
  for (let i = 0; i < 6; i++) {
    await pad.press('Shift+ArrowDown');
    if (i % 2 === 0) await pad.press('Shift+ArrowLeft');
  }
  await pad.press('Enter');
  await expect(w.getByTestId('pad-count')).toContainText('1 stroke');
  await expect(w.locator('#zoo-pad-status')).toContainText('pen up');
  await expect(w).toHaveAttribute('data-metric-prediction', /\d/);
  const drawing = new URL(page.url()).searchParams.get('zoo.drawing');
  expect(drawing?.length).toBeGreaterThanOrEqual(8);
  // Backspace takes the stroke away again.
  await pad.press('Backspace');
  await expect(w.getByTestId('pad-count')).toContainText('0 strokes');
});

test('a hostile drawing in the URL gets a notice and the widget keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const w = await open(page, `zoo.input=drawn&zoo.drawing=${encodeURIComponent('gIgQ<script>..%%')}`);
  await expect(w.locator('.widget-notice')).toContainText('Drawn digit:');
  // "gIgQ<script>" keeps gI, gQ, cr and ip; the empty stroke and "%%" are dropped.
  await expect(w.getByTestId('pad-count')).toContainText('1 stroke, 4 of 300 points');
  expect(errors).toEqual([]);
});

test('trains the chosen architecture from scratch, with the run controls and curves', async ({ page }) => {
  const w = await open(page, 'zoo.model=softmax&zoo.steps=100');
  await expect(w.getByText(/downloads the 7,000 training digits \(1\.1 MB\)/)).toBeVisible();
  await w.getByRole('button', { name: 'Train from scratch' }).click();
  await expect(w).toHaveAttribute('data-metric-train-step', '100', { timeout: 60_000 });
  await expect(w.getByRole('img', { name: 'Accuracy by training step' })).toBeVisible();
  expect(Number(await metric(w, 'validation-accuracy'))).toBeGreaterThan(0.7);
  expect(Number(await metric(w, 'steps-per-second'))).toBeGreaterThan(0);
  await w.getByRole('button', { name: 'Evaluate your trained model' }).click();
  await expect(w).toHaveAttribute('data-metric-evaluated', 'trained', { timeout: 60_000 });
  await expect(w.getByTestId('evaluation-result')).toContainText('Your trained model on the 2,000 test digits');
});

test('axe finds no violations in the explorer’s worked states (results, drawing pad, training curves)', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const w = await open(page, 'zoo.model=softmax&zoo.steps=50');
  await w.getByRole('button', { name: 'Evaluate Softmax regression on the 2,000 test digits' }).click();
  await expect(w.getByTestId('evaluation-result')).toBeVisible({ timeout: 60_000 });
  await w.getByRole('button', { name: 'Train from scratch' }).click();
  await expect(w).toHaveAttribute('data-metric-train-step', '50', { timeout: 60_000 });
  await w.getByLabel('My drawing').check();
  const pad = w.getByRole('application', { name: 'Digit drawing pad' });
  await pad.focus();
  await pad.press('Enter');
  await pad.press('Shift+ArrowDown');
  await pad.press('Enter');
  await expect(w).toHaveAttribute('data-metric-prediction', /\d/);
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    const results = await new AxeBuilder({ page }).include('#zoo').withTags(tags).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary, `${theme} theme`).toEqual([]);
  }
});
