/**
 * Self-checks (issue 14): graded right and wrong by their hashed keys, and from a widget's live state
 * and metrics (the page's widget API, never its DOM): a prediction graded against the explorer's
 * measurement, a task met by training the playground. The build's audience decides what the HTML holds.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { widgetReady } from './helpers';

const PAGE = '/lessons/transformers/';

test('a choice and a numeric check grade right and wrong, and the map counts the right answer', async ({ page }) => {
  await page.goto(PAGE);
  const check = page.locator('#check-score-std');
  await check.scrollIntoViewIfNeeded();
  await check.getByLabel('64', { exact: true }).check();
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(check.getByRole('status')).toHaveText(/Not quite/);
  await check.getByLabel('8', { exact: true }).check();
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(check.getByRole('status')).toHaveText('Right.');
  const numeric = page.locator('#check-gap-of-eight');
  await numeric.getByLabel(/Your answer/).fill('0.98');
  await numeric.getByRole('button', { name: 'Check' }).click();
  await expect(numeric.getByRole('status')).toHaveText(/Not quite: 0.9800/);
  await numeric.getByLabel(/Your answer/).fill('0,9997');
  await numeric.getByRole('button', { name: 'Check' }).click();
  await expect(numeric.getByRole('status')).toHaveText('Right: 0.9997.');
  await page.goto('/map/');
  await expect(page.locator('[data-progress-lesson="transformers"]')).toContainText(
    /2 of \d+ self-checks answered right/,
  );
});

test('a prediction is graded from the widget’s live result: wrong, then right', async ({ page }) => {
  await page.goto(PAGE);
  const check = page.locator('#check-sdp-predict-saturation');
  await check.scrollIntoViewIfNeeded();
  await check.getByLabel('below 50%').check();
  await check.getByRole('button', { name: 'Lock in my prediction' }).click();
  await expect(check.getByRole('status')).toContainText('Prediction locked in');
  // The default state does not meet the setup; the list says what is missing, read from the widget.
  await widgetReady(page, 'sdp');
  await expect(check.locator('[data-goal-list] li').first()).toContainText('Vector size d = 256 (now 16)');
  // The setup link reloads the page in that state; the locked prediction survives it.
  await check.getByRole('link', { name: 'Set up the demo for this check' }).click();
  await expect(page).toHaveURL(/sdp\.d=256/);
  await widgetReady(page, 'sdp');
  const graded = page.locator('#check-sdp-predict-saturation');
  await expect(graded.getByRole('status')).toContainText(
    /The widget measured largest softmax weight of the detailed query \d+(\.\d+)?%? \(/,
  );
  await expect(graded.getByRole('status')).toContainText('was not');
  await expect(graded).toHaveAttribute('data-result', 'wrong');

  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await widgetReady(page, 'sdp');
  const again = page.locator('#check-sdp-predict-saturation');
  await again.getByLabel('more than 90%').check();
  await again.getByRole('button', { name: 'Lock in my prediction' }).click();
  await expect(again.getByRole('status')).toContainText('your prediction was right');
  await expect(again).toHaveAttribute('data-result', 'right');
});

test('a task is met from the playground’s state and accuracy as it trains', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(`${PAGE}?ap.heads=2#ap`);
  const widget = await widgetReady(page, 'ap');
  const check = page.locator('#check-ap-one-head-95');
  await expect(check.locator('[data-goal-list]')).toContainText('○ Heads = 1 (now 2)');
  await page.goto(`${PAGE}?ap.task=reverse&ap.heads=1#ap`);
  await widgetReady(page, 'ap');
  await expect(check.locator('[data-goal-list]')).toContainText('✓ Heads = 1 (now 1)');
  await expect(check.locator('[data-goal-list]')).toContainText('○ held-out token accuracy ≥ 95%');
  await widget.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(check.getByRole('status')).toHaveText(/^Done/, { timeout: 120_000 });
  await expect(check.locator('[data-goal-list]')).toContainText('✓ held-out token accuracy ≥ 95%');
});

test('the build’s audience decides whether solutions and explanations are in the HTML', () => {
  const html = readFileSync('dist/lessons/transformers/index.html', 'utf8');
  const audience = html.match(/<meta name="dln-audience" content="([a-z]+)"/)![1];
  const solutions = (html.match(/class="solution"/g) ?? []).length;
  const explanations = (html.match(/data-explanation/g) ?? []).length;
  test.info().annotations.push({
    type: 'audience',
    description: `${audience}: ${solutions} solutions, ${explanations} explanations`,
  });
  if (audience === 'student') {
    expect(solutions).toBe(0);
    expect(explanations).toBe(0);
    expect(html).not.toContain('class="self-check-key"');
  } else {
    expect(solutions).toBeGreaterThan(5);
    expect(explanations).toBeGreaterThan(2);
    // The key's element, not its class name (the inlined style sheet names the class on every build).
    expect(html.includes('class="self-check-key"')).toBe(audience === 'instructor');
  }
  // Answer keys are never written out: the right option's text is not in the check's data.
  expect(html).not.toMatch(/data-answer=/);
});
