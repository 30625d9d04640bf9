import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { encodeDrawing } from '../../src/widgets/diffusion-shared/points-codec';
import { watchPage, widgetReady } from './helpers';

const PAGE = '/lessons/diffusion/';
const NAME = 'denoiser-lab';

/** A drawn ring of 16 points (one class): what the forward-process explorer's link would carry. */
const RING = encodeDrawing({
  points: Array.from({ length: 16 }, (_, i) => [
    0.7 * Math.cos((2 * Math.PI * i) / 16),
    0.7 * Math.sin((2 * Math.PI * i) / 16),
  ]),
  labels: null,
});

test('loads pre-trained weights, samples at once, and the Sample button animates noise into data', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  await page.goto(PAGE);
  const lab = await widgetReady(page, NAME);
  await expect(lab.locator('.badge')).toContainText('wasm');
  await expect(lab.getByText(/Pre-trained weights loaded: moons-linear-T1000\.bin \(\d+ kB/)).toBeVisible();
  await expect(lab).toHaveAttribute('data-metric-source', 'pretrained');
  // The first run needs no click (and is not animated).
  const live = lab.locator('[aria-live="polite"]');
  await expect(live).toContainText(
    /1000 samples with DDIM, 50 steps, in [\d.]+ s: sliced Wasserstein [\d.]+ \(noise baseline [\d.]+/,
  );
  const slider = lab.getByLabel('Sampling frame');
  await expect(slider).toHaveValue('50');

  const sampleButton = lab.getByRole('button', { name: 'Sample', exact: true });
  await sampleButton.click();
  // Played back from the noise: the frame slider follows the stream, then (once the run is done and the
  // button is back) replays the run from the noise and ends on the samples.
  await expect(slider).not.toHaveValue('50');
  await expect(sampleButton).toBeEnabled({ timeout: 20_000 });
  await expect(slider).toHaveValue('50', { timeout: 20_000 });
  await expect(live).toContainText(
    /sliced Wasserstein [\d.]+ \(noise baseline [\d.]+; fresh data [\d.]+\), beats half/,
  );
  const quality = Number(await lab.getAttribute('data-metric-quality'));
  expect(quality).toBeGreaterThan(0);
  expect(Number(await lab.getAttribute('data-metric-sample-ms'))).toBeGreaterThan(0);
  // The reader can step back through the frames without animation.
  await lab.getByRole('button', { name: 'Previous frame' }).click();
  await expect(slider).toHaveValue('49');
  // Guidance towards class 1 puts most samples on class 1's data, and says how many.
  await lab.getByLabel('Generate class').selectOption('1');
  await expect(live).toContainText(/\d+% of them lie nearest to class 1's data/);
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('with reduced motion, Sample shows the final frame at once and the buttons step through frames', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(PAGE);
  const lab = await widgetReady(page, NAME);
  await expect(lab.locator('[aria-live="polite"]')).toContainText(/sliced Wasserstein/);
  await lab.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(lab).toHaveAttribute('data-status', 'running');
  await expect(lab).toHaveAttribute('data-status', 'ready');
  await expect(lab.getByLabel('Sampling frame')).toHaveValue('50');
  await expect(lab.getByRole('button', { name: 'Play animation' })).toBeVisible();
  await lab.getByRole('button', { name: 'Previous frame' }).click();
  await lab.getByRole('button', { name: 'Previous frame' }).click();
  await expect(lab.getByLabel('Sampling frame')).toHaveValue('48');
  await expect(lab.getByText(/step 48 of 50, t = 40/)).toBeVisible();
});

test('DDPM takes all T steps, shows its progress and can be stopped', async ({ page }) => {
  // 2,000 points through 1,000 steps: seconds of work, long enough to see and stop.
  await page.goto(`${PAGE}?lab.sampler=ddpm&lab.samples=2000`);
  const lab = page.locator(`[data-widget="${NAME}"]`);
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByText(/Sampling step \d+ of 1000/)).toBeVisible({ timeout: 60_000 });
  await expect(lab.getByLabel('DDIM steps')).toBeDisabled();
  await lab.getByRole('button', { name: 'Stop sampling' }).click();
  await expect(lab).toHaveAttribute('data-status', 'ready');
  await expect(lab.getByRole('button', { name: 'Stop sampling' })).toHaveCount(0);
  await expect(lab.getByRole('button', { name: 'Sample', exact: true })).toBeEnabled();
});

test('a drawn set from a link has no pre-trained weights: it trains from scratch, then samples', async ({ page }) => {
  await page.goto(`${PAGE}?lab.dataset=drawn&lab.points=${RING}&lab.trainSteps=200`);
  const lab = await widgetReady(page, NAME);
  await expect(
    lab.getByText(/No pre-trained weights for these settings: there are no pre-trained weights for a drawing/),
  ).toBeVisible();
  await expect(lab.locator('[aria-live="polite"]')).toContainText('press Train from scratch');
  await lab.getByRole('button', { name: 'Train from scratch' }).click();
  await expect(lab).toHaveAttribute('data-status', 'running');
  await expect(lab).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(lab.getByText('Step 200 of 200')).toBeVisible();
  await expect(lab.getByRole('img', { name: 'Training loss by step' })).toBeVisible();
  await expect(lab).toHaveAttribute('data-metric-steps-per-second', /\d/);
  // Training done: the lab samples the new model by itself and scores it.
  await expect(lab.locator('[aria-live="polite"]')).toContainText(
    /Trained 200 of 200 steps \(\d+ steps\/s\)\..*1000 samples with DDIM, 50 steps/,
  );
  // Reset training goes back to an untrained model with the same settings.
  await lab.getByRole('button', { name: 'Reset training' }).click();
  await expect(lab.getByText('Step 0 of 200')).toBeVisible();
});

test('a drawn set without points gets a clear message', async ({ page }) => {
  await page.goto(`${PAGE}?lab.dataset=drawn`);
  const lab = page.locator(`[data-widget="${NAME}"]`);
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByRole('alert')).toContainText('No drawing was given');
  await expect(lab.getByRole('button', { name: 'Train from scratch' })).toBeDisabled();
  await lab.getByLabel('Data set').selectOption('rings');
  await expect(lab).toHaveAttribute('data-metric-source', 'pretrained', { timeout: 60_000 });
});

test('settings round-trip through the URL, and Reset restores the defaults', async ({ page }) => {
  await page.goto(`${PAGE}?lab.sampler=ddpm&lab.T=100&lab.seed=7&lab.dataset=rings#lab`);
  const lab = await widgetReady(page, NAME);
  await expect(lab.getByLabel('Sampler')).toHaveValue('ddpm');
  await expect(lab.getByLabel('Seed')).toHaveValue('7');
  await expect(lab.getByLabel('Data set')).toHaveValue('rings');
  await expect(lab.getByText(/pre-trained weights exist only for T = 1000/)).toBeVisible();
  await lab.getByLabel('Noise schedule').selectOption('cosine');
  await expect(page).toHaveURL(/lab\.schedule=cosine/);
  await expect(page).toHaveURL(/lab\.seed=7/);
  await lab.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(lab.getByLabel('Sampler')).toHaveValue('ddim');
  await expect(page).not.toHaveURL(/lab\./);
  await expect(lab).toHaveAttribute('data-metric-source', 'pretrained', { timeout: 60_000 });
});

test('a garbled URL gives notices and the lab still works', async ({ page }) => {
  await page.goto(`${PAGE}?lab.steps=abc&lab.guidance=99&lab.points=%%`);
  const lab = await widgetReady(page, NAME);
  const notices = lab.locator('.widget-notice');
  await expect(notices).toContainText('DDIM steps: "abc" is not a number; using 50.');
  await expect(notices).toContainText('Guidance scale w: 99 is above the maximum; using 10.');
  await expect(lab.locator('[aria-live="polite"]')).toContainText(/sliced Wasserstein [\d.]+/);
});

test('the lab has no axe violations, in light and dark', async ({ page }) => {
  await page.goto(`${PAGE}?lab.cls=1&lab.guidance=2`);
  const lab = await widgetReady(page, NAME);
  await expect(lab.locator('[aria-live="polite"]')).toContainText(/sliced Wasserstein/);
  await lab.getByRole('button', { name: 'Train from scratch' }).click();
  await expect(lab.getByText(/Step [1-9]\d* of 1500/)).toBeVisible();
  await lab.getByRole('button', { name: 'Pause' }).click();
  await expect(lab).toHaveAttribute('data-status', 'ready');
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    const results = await new AxeBuilder({ page }).include(`[data-widget="${NAME}"]`).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary, `${theme} theme`).toEqual([]);
  }
});

test('Train from scratch pressed as soon as the pre-trained model is ready really trains', async ({ page }) => {
  // A regression test: the automatic first sample used to fire after the click and pause the new training.
  await page.goto(`${PAGE}?lab.trainSteps=200`);
  const lab = await widgetReady(page, NAME);
  await lab.getByRole('button', { name: 'Train from scratch' }).click();
  await expect(lab).toHaveAttribute('data-metric-source', 'scratch');
  await expect(lab.getByText('Step 200 of 200')).toBeVisible({ timeout: 60_000 });
  await expect(lab).toHaveAttribute('data-metric-train-step', '200');
});
