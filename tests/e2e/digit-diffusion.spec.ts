import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { watchPage, widgetReady } from './helpers';

// The chapter's page once it lands; until then a scratch page mounts the widget at the same path.
const PAGE = '/lessons/diffusion/';

test('loads lazily, draws the forward view, and moving t changes the image and the URL', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  await page.goto(PAGE);
  const w = await widgetReady(page, 'digit-diffusion');
  await expect(w.locator('.badge')).toContainText('wasm');
  const noisy = w.getByRole('figure', { name: 'x_t at t = 300' }).getByRole('img');
  await expect(noisy).toHaveAttribute('aria-label', /The 0 at t = 300 \(linear schedule\): ᾱ_t = 0\.\d+, SNR = /);
  const before = await noisy.getAttribute('aria-label');
  await w.getByRole('slider', { name: 'Noise level t' }).fill('700');
  const after = w.getByRole('figure', { name: 'x_t at t = 700' }).getByRole('img');
  await expect(after).toHaveAttribute('aria-label', /The 0 at t = 700 \(linear schedule\)/);
  expect(await after.getAttribute('aria-label')).not.toBe(before);
  await expect(page).toHaveURL(/digits\.t=700/);
  // The first grid is drawn on load and judged in numbers.
  await expect(w.locator('[aria-live="polite"]')).toContainText(
    /16 samples of digit 3 with DDIM, 50 steps, guidance 2, in \d+\.\d s; \d+ of 16 look most like a 3/,
  );
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('Sample draws a new grid of the asked digit and states the result in numbers', async ({ page }) => {
  await page.goto(PAGE);
  const w = await widgetReady(page, 'digit-diffusion');
  await w.getByRole('slider', { name: 'Digit to generate' }).fill('7');
  await w.getByRole('slider', { name: 'DDIM steps' }).fill('10');
  await expect(page).toHaveURL(/digits\.digit=7/);
  await w.getByRole('button', { name: 'Sample', exact: true }).click();
  const live = w.locator('[aria-live="polite"]');
  await expect(live).toContainText(
    /16 samples of digit 7 with DDIM, 10 steps, guidance 2, in \d+\.\d s; \d+ of 16 look/,
  );
  await expect(w.getByRole('img', { name: /^Sample 16, asked for a 7: nearest real digit is a \d$/ })).toBeVisible();
  await expect(w.getByRole('list', { name: /16 samples of 7: \d+ of 16 look most like a 7/ })).toBeVisible();
  // The scrubber goes back to the starting noise.
  const scrub = w.getByRole('slider', { name: 'Frame of the run' });
  await scrub.fill('0');
  await expect(w.getByText('Step 0 of 10, t = 1000')).toBeVisible();
  // No tensors pile up in the worker across runs.
  const tensors = Number(await w.getAttribute('data-metric-tensors'));
  await w.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(live).toContainText(/16 samples of digit 7/);
  await expect(w).toHaveAttribute('data-metric-tensors', String(tensors));
});

test('a long DDPM run can be paused, resumed and stopped', async ({ page }) => {
  await page.goto(`${PAGE}?digits.sampler=ddpm`);
  const w = page.locator('[data-widget="digit-diffusion"]');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await w.getByRole('button', { name: 'Pause' }).click();
  await expect(w.locator('[aria-live="polite"]')).toContainText(/Sampling paused at step \d+ of 1000/);
  await w.getByRole('button', { name: 'Resume' }).click();
  await expect(w).toHaveAttribute('data-status', 'running');
  await w.getByRole('button', { name: 'Stop' }).click();
  await expect(w.locator('[aria-live="polite"]')).toContainText(/Sampling stopped at step \d+ of 1000/);
  await expect(w).toHaveAttribute('data-status', 'ready');
});

test('settings round-trip through the URL; garbled values get notices', async ({ page }) => {
  await page.goto(`${PAGE}?digits.image=13&digits.schedule=cosine&digits.t=500&digits.digit=5&digits.seed=9#digits`);
  const w = await widgetReady(page, 'digit-diffusion');
  await expect(w.getByRole('slider', { name: 'Real digit' })).toHaveValue('13');
  await expect(w.getByRole('combobox', { name: 'Noise schedule (forward view)' })).toHaveValue('cosine');
  await expect(w.getByRole('figure', { name: 'x_t at t = 500' }).getByRole('img')).toHaveAttribute(
    'aria-label',
    /The 3 at t = 500 \(cosine schedule\)/,
  );
  await expect(w.locator('[aria-live="polite"]')).toContainText(/16 samples of digit 5/);
  await w.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(w.getByRole('slider', { name: 'Digit to generate' })).toHaveValue('3');
  await expect(page).not.toHaveURL(/digits\./);

  await page.goto(`${PAGE}?digits.digit=12&digits.t=x`);
  const g = await widgetReady(page, 'digit-diffusion');
  const notice = g.locator('.widget-notice');
  await expect(notice).toContainText('Digit to generate: 12 is above the maximum; using 9.');
  await expect(notice).toContainText('Noise level t: "x" is not a number; using 300.');
  await expect(g.locator('[aria-live="polite"]')).toContainText(/16 samples of digit 9/);
});

test('the widget passes axe', async ({ page }) => {
  await page.goto(PAGE);
  await widgetReady(page, 'digit-diffusion');
  const results = await new AxeBuilder({ page }).include('[data-widget="digit-diffusion"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});
