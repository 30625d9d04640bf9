// The zoo chapters' compute-heavy labs, measured through their own widgets on the built lessons:
//  - security: one robustness curve per zoo model on wasm (FGSM, PGD and random signs at 7 ε over the
//    widget's default test digits), the worker's compute time as the widget reports it (data-metric-curve-ms)
//    and the wall time from the click; the attack lab's time to attack one digit comes with the widget
//    section of bench/run.mjs (its attackMs metric at ready);
//  - efficiency: the latency lab's timing table (median ms per forward pass per model variant and batch
//    size, warm-up discarded) on each backend, read from the table the reader sees: a page runs one backend,
//    so each backend is a fresh page opened with ?backend=;
//  - the zoo chapters' labs while a reader drags a slider: twenty one-step changes 150 ms apart, then until
//    the widget is ready again, the longest main-thread task and the longest gap between frames (the
//    widget contract allows no task over 50 ms; bench/serve.mjs's page probe collects them).
// bench/run.mjs calls benchChapters(newPage, BASE) (pages from serve.mjs's pageFactory). Alone: see the end.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readMetric, scrollToWidget, waitReady } from './serve.mjs';

const ZOO = ['softmax', 'mlp', 'cnn', 'robust-cnn'];
const BACKENDS = ['wasm', 'webgl', 'cpu'];

const metric = readMetric;

async function openWidget(newPage, url, widgetId) {
  const { context, page } = await newPage();
  await page.goto(url, { waitUntil: 'load' });
  const root = page.locator(`#${widgetId}`);
  await scrollToWidget(page, widgetId);
  const problem = await waitReady(page, widgetId, 180_000);
  if (problem) throw new Error(`${url} #${widgetId}: ${problem}`);
  return { context, page, root };
}

async function robustnessCurves(newPage, BASE) {
  const out = {};
  for (const model of ZOO) {
    const { context, page, root } = await openWidget(
      newPage,
      `${BASE}/lessons/security/?backend=wasm&rob.model=${model}`,
      'rob',
    );
    const t0 = Date.now();
    await root.getByRole('button', { name: 'Compute the curve' }).click();
    await page.waitForFunction(() => document.getElementById('rob')?.getAttribute('data-metric-curve-ms'), null, {
      timeout: 900_000,
      polling: 200,
    });
    out[model] = {
      backend: await root.getAttribute('data-metric-backend'),
      digits: Number(new URL(page.url()).searchParams.get('rob.count') ?? 200),
      points: await metric(root, 'points'),
      computeMs: await metric(root, 'curve-ms'),
      wallMs: Date.now() - t0,
      cleanAccuracy: await metric(root, 'clean-accuracy'),
      fgsm03: await metric(root, 'fgsm03'),
      pgd03: await metric(root, 'pgd03'),
    };
    await context.close();
  }
  return out;
}

async function latencyTables(newPage, BASE) {
  const out = {};
  for (const backend of BACKENDS) {
    // From opening the page: the lab starts timing as soon as it is ready.
    const t0 = Date.now();
    const { context, page, root } = await openWidget(
      newPage,
      `${BASE}/lessons/efficiency/?backend=${backend}`,
      'latency',
    );
    // Done when every variant has a row and no timing is running (the progress bar is gone).
    await page.waitForFunction(
      () => {
        const el = document.getElementById('latency');
        return el?.getAttribute('data-metric-timed') === '10' && !document.getElementById('latency-progress');
      },
      null,
      { timeout: 900_000, polling: 250 },
    );
    const table = await root.locator('table.latency-table').evaluate((t) => ({
      head: [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
      rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim())),
    }));
    out[backend] = {
      backendInUse: await root.getAttribute('data-metric-backend'),
      wallMsFromOpen: Date.now() - t0,
      columns: table.head,
      rows: table.rows,
    };
    await context.close();
  }
  return out;
}

/** Widgets and the slider dragged on each (the param's control has the id `${widget}-${param}`). */
const DRAGGED = [
  ['/lessons/evaluation/', 'met', 'threshold'],
  ['/lessons/evaluation/', 'met', 'prevalence'],
  ['/lessons/evaluation/', 'shift', 'severity'],
  ['/lessons/evaluation/', 'cal', 'bins'],
  ['/lessons/efficiency/', 'quant', 'bits'],
  ['/lessons/efficiency/', 'prune', 'sparsity'],
  ['/lessons/security/', 'atk', 'epsilon'],
];

async function sliderDrags(newPage, BASE) {
  const out = [];
  for (const [path, id, param] of DRAGGED) {
    const { context, page } = await openWidget(newPage, `${BASE}${path}?backend=wasm`, id);
    const slider = page.locator(`#${id}-${param}`);
    if ((await slider.count()) === 0) {
      out.push({ widget: id, param, problem: `no control #${id}-${param}` });
      await context.close();
      continue;
    }
    await slider.focus();
    await page.evaluate(() => {
      window.__bench.longTasks = [];
      window.__bench.maxFrameGap = 0;
      window.__bench.watching = true;
    });
    for (let i = 0; i < 20; i++) {
      await slider.press(i < 10 ? 'ArrowRight' : 'ArrowLeft');
      await page.waitForTimeout(150);
    }
    const problem = await waitReady(page, id, 300_000);
    if (problem) throw new Error(`${path} #${id} after the drags: ${problem}`);
    const probe = await page.evaluate(() => ({ ...window.__bench, watching: undefined }));
    out.push({
      widget: id,
      param,
      longestTaskMs: probe.longTasks.length ? Math.round(Math.max(...probe.longTasks)) : 0,
      tasksOver50ms: probe.longTasks.length,
      longestFrameGapMs: Math.round(probe.maxFrameGap),
    });
    await context.close();
  }
  return out;
}

export async function benchChapters(newPage, BASE) {
  return {
    robustnessCurve: await robustnessCurves(newPage, BASE),
    latency: await latencyTables(newPage, BASE),
    sliderDrags: await sliderDrags(newPage, BASE),
  };
}

/** Prints the tables of benchChapters' result. */
export function printChapters(r) {
  console.log('\nRobustness curve on wasm (FGSM, PGD, random signs at 7 ε):');
  console.table(
    Object.fromEntries(
      Object.entries(r.robustnessCurve).map(([m, c]) => [
        m,
        { digits: c.digits, points: c.points, 'compute s': c.computeMs / 1000, 'wall s': c.wallMs / 1000 },
      ]),
    ),
  );
  console.log('\nSliders dragged (20 steps, 150 ms apart), main thread:');
  console.table(r.sliderDrags);
  for (const [backend, t] of Object.entries(r.latency)) {
    console.log(`\nLatency lab on ${t.backendInUse} (asked ${backend}), median ms per forward pass:`);
    console.table(
      Object.fromEntries(
        t.rows.map((row) => [row[0], Object.fromEntries(t.columns.slice(1).map((c, i) => [c, row[i + 1]]))]),
      ),
    );
  }
}

// ---- alone (after `npm run build`): serve dist/, measure, and store the result as bench/results.json's
// `chapters` (the rest of the file is npm run bench's).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { launchChromium, pageFactory, serveDist } = await import('./serve.mjs');
  const server = await serveDist(join(process.cwd(), 'dist'));
  const browser = await launchChromium();
  const chapters = await benchChapters(pageFactory(browser), server.base);
  await browser.close();
  server.close();
  printChapters(chapters);
  const file = join(process.cwd(), 'bench', 'results.json');
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(
    file,
    `${JSON.stringify({ ...results, chapters, sectionDates: { ...results.sectionDates, chapters: new Date().toISOString() } }, null, 2)}\n`,
  );
  console.log('wrote bench/results.json (chapters)');
}
