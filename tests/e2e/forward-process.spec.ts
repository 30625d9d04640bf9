import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

/** The diffusion lesson embeds <ForwardProcessExplorer id="fwd" labId="lab" />. */
const PAGE = '/lessons/diffusion/';

async function openWidget(page: Page, query = '') {
  await page.goto(`${PAGE}${query}`);
  const widget = page.locator('[data-widget="forward-process"]');
  // The island hydrates client:visible: bring its top near the viewport, as a reader scrolling down would
  // (on a phone the whole static figure is taller than the screen), then wait on the contract's status.
  await widget.locator('.widget-title').scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-status', 'ready');
  return widget;
}

const summaryOf = (widget: Locator) => widget.locator('.widget-summary[aria-live="polite"]');
const padCount = (widget: Locator) => widget.getByTestId('pad-count');

test('the explorer hydrates, reaches ready and draws its charts without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const widget = await openWidget(page);
  await expect(widget.getByRole('img', { name: /Scatter of 600 points x_t at t = 250 of 1000/ })).toBeVisible();
  await expect(widget.getByRole('img', { name: /ᾱ_t of the linear and cosine schedules/ })).toBeVisible();
  await expect(widget.getByRole('img', { name: /log10 SNR of the linear and cosine schedules/ })).toBeVisible();
  await expect(summaryOf(widget)).toContainText(/t = 250 of 1000, cosine: ᾱ_t = 0\.85, .*variance per coordinate/);
  expect(errors).toEqual([]);
});

test('moving the t slider changes the numbers and the URL', async ({ page }) => {
  const widget = await openWidget(page);
  const before = await summaryOf(widget).textContent();
  const slider = widget.getByLabel('Step t shown');
  await slider.focus();
  for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
  await expect(summaryOf(widget)).toContainText('t = 255 of 1000');
  expect(await summaryOf(widget).textContent()).not.toBe(before);
  await expect(page).toHaveURL(/[?&]fwd\.t=255(&|$)/);
  await slider.press('End');
  await expect(summaryOf(widget)).toContainText('t = 1000 of 1000');
  await expect(page).toHaveURL(/[?&]fwd\.t=1000(&|$)/);
});

test('draw by mouse and keyboard; the drawing survives a reload and feeds the lab link', async ({ page }) => {
  const widget = await openWidget(page);
  await widget.getByLabel('Data set').selectOption({ label: 'My drawing' });
  // No points yet: the scatter says so instead of breaking.
  await expect(widget.getByRole('img', { name: /No points at t = 250/ })).toBeVisible();
  await expect(summaryOf(widget)).toContainText('no points to noise');

  const pad = widget.getByRole('application', { name: 'Drawing pad' });
  const box = (await pad.boundingBox())!;
  for (const [fx, fy] of [
    [0.3, 0.3],
    [0.7, 0.3],
    [0.5, 0.7],
  ]) {
    await pad.click({ position: { x: box.width * fx, y: box.height * fy } });
  }
  await expect(padCount(widget)).toHaveText('3 of 200 points');

  // Keyboard: the cross moves with the arrows (Shift: bigger steps), Enter and Space place points.
  await pad.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Space');
  await expect(padCount(widget)).toHaveText('5 of 200 points');
  await page.keyboard.press('Backspace');
  await expect(padCount(widget)).toHaveText('4 of 200 points');
  // A second pen class makes a labelled drawing.
  await widget.getByRole('radio', { name: 'Class 2' }).check();
  await pad.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(widget.getByText('5 of 200 points (class 1: 4, class 2: 1)')).toBeVisible();
  await expect(page).toHaveURL(/[?&]fwd\.dataset=drawn(&|$)/);
  await expect(page).toHaveURL(/[?&]fwd\.points=(~|%7E)[A-Za-z0-9_-]{15}(&|$)/);
  await expect(summaryOf(widget)).toContainText('variance per coordinate');

  const link = widget.getByRole('link', { name: 'Train the denoiser on this drawing' });
  const href = new URL((await link.getAttribute('href'))!, page.url());
  const points = new URL(page.url()).searchParams.get('fwd.points');
  expect(href.searchParams.get('lab.points')).toBe(points);
  expect(href.searchParams.get('lab.dataset')).toBe('drawn');
  expect(href.searchParams.get('fwd.points')).toBe(points);
  expect(href.hash).toBe('#lab');

  // Undo takes back the last placement; reload keeps what the URL holds.
  await widget.getByRole('button', { name: 'Undo' }).click();
  await expect(padCount(widget)).toHaveText('4 of 200 points');
  await page.reload();
  const again = page.locator('[data-widget="forward-process"]');
  await again.locator('.widget-title').scrollIntoViewIfNeeded();
  await expect(again).toHaveAttribute('data-status', 'ready');
  await expect(again.getByLabel('Data set')).toHaveValue('drawn');
  await expect(padCount(again)).toHaveText('4 of 200 points');
  await expect(again.getByRole('button', { name: 'Dismiss' })).toHaveCount(0);

  // A ready-made shape, then Clear.
  await again.getByRole('button', { name: 'Start from a smiley (3 classes)' }).click();
  await expect(again.getByText(/class 1: \d+, class 2: \d+, class 3: \d+/)).toBeVisible();
  await again.getByRole('button', { name: 'Clear' }).click();
  await expect(padCount(again)).toHaveText('0 of 200 points');
});

test('a garbled URL shows notices and the widget still works', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const widget = await openWidget(page, '?fwd.t=abc&fwd.points=AA!!&fwd.T=5');
  const notice = widget.getByRole('status').filter({ has: page.getByRole('button', { name: 'Dismiss' }) });
  await expect(notice).toContainText('Step t shown: "abc" is not a number');
  await expect(notice).toContainText('Diffusion steps T: 5 is below the minimum; using 10');
  await expect(notice).toContainText('Drawn points: 1 unreadable point dropped');
  // t = 250 (the default) is past T = 10: clamped, and said so.
  await expect(widget.getByText('Step t = 250 is past the last step T = 10: showing t = 10.')).toBeVisible();
  await expect(summaryOf(widget)).toContainText('t = 10 of 10');
  const slider = widget.getByLabel('Step t shown');
  await expect(slider).toHaveValue('10');
  await slider.focus();
  await slider.press('Home');
  await expect(summaryOf(widget)).toContainText('t = 0 of 10');
  await widget.getByLabel('Data set').selectOption('drawn');
  await expect(padCount(widget)).toHaveText('1 of 200 points');
  expect(errors).toEqual([]);
});

test('Play sweeps t to T; reduced motion turns it off', async ({ page }) => {
  const widget = await openWidget(page, '?fwd.T=100&fwd.t=0');
  await widget.getByRole('button', { name: 'Play t = 0 … 100' }).click();
  await expect(widget).toHaveAttribute('data-status', 'running');
  await expect(widget).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  await expect(summaryOf(widget)).toContainText('t = 100 of 100');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect(widget.getByRole('button', { name: /^Play/ })).toBeDisabled();
  await expect(widget.getByText(/Play is off because your system asks for reduced motion/)).toBeVisible();
});

test('the pad fits a 360 px phone and keeps 24 px targets', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const widget = await openWidget(page, '?fwd.dataset=drawn');
  const pad = widget.getByRole('application', { name: 'Drawing pad' });
  const padBox = (await pad.boundingBox())!;
  expect(padBox.x).toBeGreaterThanOrEqual(0);
  expect(padBox.x + padBox.width).toBeLessThanOrEqual(360);
  await pad.click({ position: { x: padBox.width / 2, y: padBox.height / 2 } });
  await expect(padCount(widget)).toHaveText('1 of 200 points');
  const targets = [
    widget.getByRole('button', { name: 'Undo' }),
    widget.getByRole('button', { name: 'Clear' }),
    widget.getByRole('radio', { name: 'Class 3' }),
    widget.getByRole('button', { name: /Start from a heart/ }),
  ];
  for (const target of targets) {
    const b = (await target.boundingBox())!;
    expect(b.height).toBeGreaterThanOrEqual(24);
    expect(b.width).toBeGreaterThanOrEqual(24);
    expect(b.x + b.width).toBeLessThanOrEqual(360);
  }
  // Nothing in the widget pushes the page sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('axe finds no violations in the explorer, with and without the pad, light and dark', async ({ page }) => {
  test.setTimeout(180_000);
  for (const query of ['', '?fwd.dataset=drawn&fwd.points=~AA0__1gg2']) {
    await openWidget(page, query);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      const results = await new AxeBuilder({ page }).include('[data-widget="forward-process"]').analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary, `${theme} theme, ${query || 'defaults'}`).toEqual([]);
    }
  }
});

test('a full pad says so and takes no more points', async ({ page }) => {
  const widget = await openWidget(page, `?fwd.dataset=drawn&fwd.points=${'gg'.repeat(200)}`);
  await expect(padCount(widget)).toHaveText('200 of 200 points');
  const pad = widget.getByRole('application', { name: 'Drawing pad' });
  await pad.click({ position: { x: 20, y: 20 } });
  await expect(widget.getByText(/The pad holds at most 200 points/)).toBeVisible();
  await expect(padCount(widget)).toHaveText('200 of 200 points');
  await pad.press('Backspace');
  await expect(padCount(widget)).toHaveText('199 of 200 points');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the static figure shows the default state at five steps and the schedules', async ({ page }) => {
    await page.goto(PAGE);
    const widget = page.locator('[data-widget="forward-process"]');
    await expect(widget).toHaveAttribute('data-status', 'loading');
    for (const t of [0, 100, 250, 500, 1000]) {
      await expect(
        widget.getByRole('img', {
          name: `Scatter of 250 points x_t at t = ${t} of 1000 (cosine schedule)`,
          exact: false,
        }),
      ).toBeVisible();
    }
    await expect(widget.getByRole('img', { name: /ᾱ_t of the linear and cosine schedules/ })).toBeVisible();
    await expect(widget.getByText(/t = 250 of 1000, cosine: ᾱ_t = 0\.85/)).toBeVisible();
  });
});

test('a drag leaves points along its stroke, and one Undo takes the stroke back', async ({ page }) => {
  const widget = await openWidget(page, '?fwd.dataset=drawn');
  const pad = widget.getByRole('application', { name: 'Drawing pad' });
  // Mouse positions are viewport pixels: the whole pad must be on screen.
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 12 });
  await page.mouse.up();
  // 0.6 of the pad's 2.16 units is 1.3: a point where the stroke starts and one every 0.05 after it.
  await expect(padCount(widget)).not.toHaveText('0 of 200 points');
  const count = Number((await padCount(widget).textContent())!.split(' ')[0]);
  expect(count).toBeGreaterThanOrEqual(24);
  expect(count).toBeLessThanOrEqual(28);
  await widget.getByRole('button', { name: 'Undo' }).click();
  await expect(padCount(widget)).toHaveText('0 of 200 points');
});
