/**
 * Code cells in the browser: Run and Ctrl+Enter give printed tables and a chart; an endless loop is
 * stopped at the time limit (and by Stop) while the page stays responsive; network, DOM and huge
 * allocations fail with a message; an error names its line; an edit round-trips through the URL and
 * Reset restores the lesson's code; CodeMirror loads only when a cell nears the viewport; axe after runs.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { CHUNK_REPORT } from '../../src/build/chunk-report.mjs';
import { watchPage, widgetReady } from './helpers';

const PAGE = '/lessons/transformers/';
const ID = 'cell-attention';

async function openCell(page: Page, query = '', id = ID, path = PAGE) {
  await page.goto(`${path}${query ? `?${query}` : ''}#${id}`);
  const cell = await widgetReady(page, id);
  await expect(cell.locator('.cell-editor')).toHaveAttribute('data-editor', 'ready');
  return cell;
}

/** Replaces the editor's code, as typing would (one insertion, no auto-indent). */
async function setCode(page: Page, cell: Locator, code: string) {
  await cell.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
}

const output = (cell: Locator) => cell.getByRole('region', { name: /^Output of the cell/ });
const run = (cell: Locator) => cell.getByRole('button', { name: 'Run', exact: true }).click();

test('Run prints the weights as tables and draws the heatmap; Ctrl+Enter runs an edit', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  const cell = await openCell(page);
  // Before the first run: the output recorded at build time.
  await expect(output(cell)).toContainText('recorded when the site was built');
  const started = Date.now();
  await run(cell);
  await expect(cell.locator('.widget-summary')).toContainText('Run 1 finished', { timeout: 30_000 });
  const runToOutputMs = Date.now() - started;
  await expect(output(cell).getByRole('table')).toHaveCount(2);
  await expect(
    output(cell)
      .getByRole('img', { name: /attention weights: 3 × 4 values/ })
      .last(),
  ).toBeVisible();
  await expect(output(cell)).toContainText('disposed after it');
  const metricMs = Number(await cell.getAttribute('data-metric-run-ms'));
  expect(metricMs).toBeGreaterThan(0);
  test.info().annotations.push({
    type: 'run-to-output',
    description: `${metricMs} ms (metric), ${runToOutputMs} ms (test clock)`,
  });

  await setCode(
    page,
    cell,
    'const x: number = 6 * 7;\nprint("answer", x);\nreturn { plot: { type: "line", data: [1, 4, 9] } };',
  );
  await page.keyboard.press('Control+Enter');
  await expect(output(cell)).toContainText('answer 42');
  await expect(output(cell).getByRole('img', { name: /line chart of 3 points/ })).toBeVisible();
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('an endless loop is stopped at the time limit, the page stays responsive, and the cell runs again', async ({
  page,
}) => {
  const cell = await openCell(page);
  await cell.getByLabel('Time limit').fill('1');
  await cell.getByLabel('Time limit').press('Tab');
  await setCode(page, cell, 'let n = 0;\nwhile (true) { n++; }');
  const clicked = Date.now();
  await run(cell);
  await expect(cell.getByRole('button', { name: 'Stop' })).toBeEnabled();
  // The page answers while the sandbox spins: a main-thread round trip well under the limit.
  const t = await page.evaluate(async () => {
    const s = performance.now();
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - s;
  });
  expect(t).toBeLessThan(200);
  await expect(output(cell)).toContainText('Stopped at the time limit of 1 s', { timeout: 15_000 });
  const stoppedAt = Date.now() - clicked;
  await expect(cell).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  test.info().annotations.push({
    type: 'limit',
    description: `stopped ${stoppedAt} ms after Run (limit 1 s); a fresh sandbox ready ${Date.now() - clicked} ms after Run; setTimeout(0) round trip while spinning ${t.toFixed(1)} ms`,
  });
  await setCode(page, cell, 'print(1 + 1);');
  await run(cell);
  await expect(output(cell)).toContainText('2');
  await expect(cell.locator('.widget-summary')).toContainText('finished');
});

test('Stop ends a running cell', async ({ page }) => {
  const cell = await openCell(page);
  await setCode(page, cell, 'while (true) {}');
  await run(cell);
  await cell.getByRole('button', { name: 'Stop' }).click();
  await expect(output(cell)).toContainText(/Stopped after \d+\.\d s/);
  await expect(cell).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
});

test('hostile code fails with a message and the page keeps working', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  const cell = await openCell(page);
  const cases: [string, RegExp][] = [
    ['await fetch("/")', /fetch is not available in a code cell/],
    ['importScripts("/x.js")', /importScripts is not available in a code cell/],
    ['new XMLHttpRequest()', /XMLHttpRequest is not available in a code cell/],
    ['document.body.innerHTML = "gone"', /document/],
    ['eval("1 + 1")', /eval/],
    [
      'const big = tf.zeros([60000, 60000]);\nprint(big.shape);',
      /RangeError on line 1:.*tf\.zeros\(\[60,000, 60,000\]\) \(float32\) would need 14\.4 GB; a cell may hold at most 1 GB of tensors at once/,
    ],
    // An op's output, checked where the backend (wasm or webgl) records it, before its memory is taken.
    [
      'const a = tf.ones([60000, 1]);\nconst outer = a.matMul(a.transpose());\nprint(outer.shape);',
      /RangeError on line 2:.*a tensor of shape \[(1, )?60,000, 60,000\] \(float32\) would need 14\.4 GB/,
    ],
    // A JavaScript array of the reader's own: the engine's error, completed with the limit.
    ['const big = new Float64Array(2 ** 40);', /RangeError on line 1:.*more memory than a cell can have/],
  ];
  for (const [code, message] of cases) {
    await setCode(page, cell, code);
    await run(cell);
    await expect(output(cell).locator('.cell-error')).toContainText(message, { timeout: 30_000 });
    const shown = await output(cell).locator('.cell-error').innerText();
    test.info().annotations.push({ type: 'hostile', description: `${code.split('\n')[0]} → ${shown}` });
    await expect(cell).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  }
  // The page's own DOM is untouched and another widget still works.
  await expect(page.locator('h1')).toBeVisible();
  await setCode(page, cell, 'print("still here");');
  await run(cell);
  await expect(output(cell)).toContainText('still here');
  expect(watch.foreign).toEqual([]);
});

test('an error names its line, and its button moves the cursor there', async ({ page }) => {
  const cell = await openCell(page);
  await setCode(page, cell, 'const a = 1;\nconst b = 2;\nnull.x;\nprint(a + b);');
  await run(cell);
  await expect(output(cell).locator('.cell-error')).toContainText('TypeError on line 3');
  await output(cell).getByRole('button', { name: 'Go to line 3' }).click();
  await expect(cell.locator('.cm-activeLine')).toHaveText('null.x;');
});

test('an edit round-trips through the URL, and Reset restores the lesson’s code', async ({ page, context }) => {
  const cell = await openCell(page);
  const edited = 'print("shared by a link", [1, 2, 3]);';
  await setCode(page, cell, edited);
  await expect.poll(() => new URL(page.url()).searchParams.get(`${ID}.code`)).not.toBeNull();
  const link = page.url();
  const other = await context.newPage();
  await other.goto(link);
  const shared = await widgetReady(other, ID);
  await expect(shared.locator('.cell-editor')).toHaveAttribute('data-editor', 'ready');
  await expect(shared.locator('.cm-content')).toHaveText(edited);
  await expect(shared.locator('.widget-summary')).toContainText('code from the link');
  await run(shared);
  await expect(output(shared)).toContainText('shared by a link');
  await shared.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(shared.locator('.cm-content')).toContainText('Three queries and four keys');
  await expect.poll(() => new URL(other.url()).search).not.toContain(`${ID}.code`);
  // A token that does not decode is refused with a notice; the lesson's code is shown.
  await other.goto(`${PAGE}?${ID}.code=not-a-real-token#${ID}`);
  const refused = await widgetReady(other, ID);
  await expect(refused.locator('.widget-notice')).toBeVisible();
  await expect(refused.locator('.cm-content')).toContainText('Three queries and four keys');
});

test('code too long for a link stays in the cell with a notice', async ({ page }) => {
  const cell = await openCell(page);
  // About 6,000 characters that hardly compress (a seeded stream), so the token passes the link's limit.
  let seed = 1;
  const noise = Array.from({ length: 6000 }, () => ((seed = (seed * 48271) % 2147483647) % 36).toString(36)).join('');
  await setCode(page, cell, `const s = "${noise}";\nprint(s.length);`);
  await expect(cell.locator('.widget-notice')).toContainText('a link holds at most 4,000');
  await run(cell);
  await expect(output(cell)).toContainText('6000');
});

test('an exercise link opens its solution in the cell', async ({ page }) => {
  await page.goto(PAGE);
  const href = await page
    .locator('#exercise-cell-longer-query')
    .getByRole('link', { name: /Set up/ })
    .getAttribute('href');
  const cell = await openCell(page, href!.replace(/^\?/, '').replace(/#.*$/, ''));
  await expect(cell.locator('.cm-content')).toContainText('[10, 0]');
});

test('CodeMirror is not in the page’s first chunks: it loads when a cell nears the viewport', async ({ page }) => {
  const report = JSON.parse(readFileSync(CHUNK_REPORT, 'utf8')) as { chunks: { file: string; modules: string[] }[] };
  const cmChunks = new Set(
    report.chunks
      .filter((c) => c.modules.some((m) => m.includes('@codemirror/view')))
      .map((c) => c.file.split('/').pop()!),
  );
  expect(cmChunks.size).toBeGreaterThan(0);
  const loaded: { file: string; bytes: number }[] = [];
  page.on('response', async (r) => {
    const file = new URL(r.url()).pathname.split('/').pop()!;
    if (file.endsWith('.js')) loaded.push({ file, bytes: Number(r.headers()['content-length'] ?? 0) });
  });
  await page.goto(PAGE);
  await page.waitForLoadState('networkidle');
  expect(loaded.filter((l) => cmChunks.has(l.file))).toEqual([]);
  await widgetReady(page, ID);
  await expect(page.locator(`#${ID} .cell-editor`)).toHaveAttribute('data-editor', 'ready');
  await expect.poll(() => loaded.filter((l) => cmChunks.has(l.file)).length).toBeGreaterThan(0);
});

test('axe finds no violations in a cell after runs with tables, a chart and an error, light and dark', async ({
  page,
}) => {
  const cell = await openCell(page);
  await run(cell);
  await expect(
    output(cell)
      .getByRole('img', { name: /3 × 4 values/ })
      .last(),
  ).toBeVisible({ timeout: 30_000 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).include(`#${ID}`).analyze();
    expect(results.violations, scheme).toEqual([]);
  }
  await setCode(page, cell, 'null.x;');
  await run(cell);
  await expect(output(cell).locator('.cell-error')).toBeVisible();
  const results = await new AxeBuilder({ page }).include(`#${ID}`).analyze();
  expect(results.violations).toEqual([]);
});

test('the diffusion cell noises a zoo digit and plots its moments', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  const cell = await openCell(page, '', 'cell-noise-digit', '/lessons/diffusion/');
  await run(cell);
  await expect(output(cell).getByRole('img', { name: /moments of the pixels: line chart/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    output(cell)
      .getByRole('img', { name: /x_t at t = 250: 28 × 28 values/ })
      .last(),
  ).toBeVisible();
  await expect(output(cell)).toContainText('0.524085');
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('the MoE cells: a tilted router’s balancing loss and its gradient, from the exercise link', async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page, baseURL!);
  const { solutionStates } = await import('../../content/lessons/mixture-of-experts/cells');
  const cell = await openCell(page, solutionStates.balanceLoss, 'cell-balance', '/lessons/mixture-of-experts/');
  await run(cell);
  await expect(output(cell)).toContainText('α N Σ f P = 0.03010   α · balanceLoss(f, P) = 0.03010', {
    timeout: 30_000,
  });
  await expect(output(cell).getByRole('img', { name: /load f and mean probability P per expert/ })).toBeVisible();
  const route = await openCell(page, '', 'cell-route', '/lessons/mixture-of-experts/');
  await run(route);
  await expect(output(route)).toContainText('assignments per expert: [55, 72, 74, 55]', { timeout: 30_000 });
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});
