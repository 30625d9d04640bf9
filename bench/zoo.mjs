// The digit model zoo in the browser (wasm), measured through the model zoo explorer on /models/:
//  - per model: time to score the 2,000 test digits (the worker's compute time; and from the click to the
//    result, which for the first evaluation includes downloading the weights and the test split), first
//    run and the median of three warm runs;
//  - per model: live-training steps per second (the chosen architecture from scratch, its recipe);
//  - the data a chapter loads: each file's bytes as this server sends them (no HTTP compression), their
//    gzip size (what a host that compresses responses would send) and their decoded size, for evaluating
//    one model (manifests, test split, weights) and for training (train and validation splits on top).
// bench/run.mjs calls benchZoo(browser, BASE). Alone: `node bench/zoo.mjs` serves dist/ itself (build first).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMetric } from './serve.mjs';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const MODELS = ['softmax', 'mlp', 'cnn', 'robust-cnn'];
/** Training is measured for this long (or until the budget is spent), per model. */
const TRAIN_SECONDS = 20;
const LABELS = { softmax: 'Softmax regression', mlp: 'MLP', cnn: 'CNN', 'robust-cnn': 'Adversarially trained CNN' };

const kb = (bytes) => Math.round(bytes / 100) / 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function openExplorer(browser, BASE, query) {
  // Service workers blocked, as in every measurement (bench/serve.mjs).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const files = [];
  page.on('response', async (r) => {
    const path = new URL(r.url()).pathname;
    if (!/^\/(data|weights)\/zoo\//.test(path) && !/\.(js|wasm)$/.test(path)) return;
    try {
      const body = await r.body();
      files.push({ path, bytes: body.length });
    } catch {
      // A response without a body (a redirect): nothing to count.
    }
  });
  await page.goto(`${BASE}/models/?backend=wasm&${query}#zoo`, { waitUntil: 'load' });
  const root = page.locator('[data-widget="zoo-explorer"]');
  await root.locator('.widget-title').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('zoo')?.dataset.status === 'ready', null, {
    timeout: 120_000,
  });
  return { context, page, root, files };
}

const metric = readMetric;

/** The first evaluation of the page (the result panel appears when it is in). */
async function evaluate(page, root, label) {
  await root.getByRole('button', { name: `Evaluate ${label} on the 2,000 test digits` }).click();
  await page.waitForFunction(
    () => {
      const el = document.getElementById('zoo');
      return el?.dataset.status === 'ready' && el.querySelector('[data-testid="evaluation-result"]');
    },
    null,
    { timeout: 120_000, polling: 50 },
  );
  return {
    computeMs: await metric(root, 'evaluation-ms'),
    wallMs: await metric(root, 'evaluation-wall-ms'),
    correct: await metric(root, 'correct'),
    accuracy: await metric(root, 'accuracy'),
    manifestAccuracy: await metric(root, 'manifest-accuracy'),
  };
}

/** Each zoo file's sizes: as served here, gzip of that, and decoded (a split's .gz unpacked). */
function sizes(path, bytes, DIST) {
  const body = readFileSync(join(DIST, path));
  const decoded = path.endsWith('.gz') ? gunzipSync(body).length : body.length;
  return { path, servedBytes: bytes, gzipBytes: gzipSync(body, { level: 9 }).length, decodedBytes: decoded };
}

export async function benchZoo(browser, BASE, { DIST = join(process.cwd(), 'dist') } = {}) {
  const out = { evaluation: {}, training: {}, data: { files: {} } };
  for (const name of MODELS) {
    const { context, page, root, files } = await openExplorer(browser, BASE, `zoo.model=${name}`);
    const first = await evaluate(page, root, LABELS[name]);
    const warm = [];
    for (let i = 0; i < 3; i++) {
      // The button re-enables once the result is in; a new evaluation replaces it.
      warm.push(await evaluateAgain(page, root, LABELS[name]));
    }
    out.evaluation[name] = {
      first,
      warmComputeMs: median(warm.map((w) => w.computeMs)),
      warmWallMs: median(warm.map((w) => w.wallMs)),
      matchesManifest: first.accuracy === first.manifestAccuracy,
    };
    const zooFiles = files
      .filter((f) => /^\/(data|weights)\/zoo\//.test(f.path))
      .map((f) => sizes(f.path, f.bytes, DIST));
    for (const f of zooFiles)
      out.data.files[f.path] = { servedKB: kb(f.servedBytes), gzipKB: kb(f.gzipBytes), decodedKB: kb(f.decodedBytes) };
    const sum = (list, key) => list.reduce((s, f) => s + f[key], 0);
    out.data[name] = {
      evaluate: {
        files: zooFiles.map((f) => f.path),
        servedKB: kb(sum(zooFiles, 'servedBytes')),
        gzipKB: kb(sum(zooFiles, 'gzipBytes')),
        decodedKB: kb(sum(zooFiles, 'decodedBytes')),
      },
      jsGzipKB: kb(
        files
          .filter((f) => f.path.endsWith('.js'))
          .reduce((s, f) => s + gzipSync(readFileSync(join(DIST, f.path))).length, 0),
      ),
      wasmKB: kb(files.filter((f) => f.path.endsWith('.wasm')).reduce((s, f) => s + f.bytes, 0)),
    };
    await context.close();
  }
  for (const name of MODELS) {
    const steps = 3000;
    const opened = await openExplorer(browser, BASE, `zoo.model=${name}&zoo.steps=${steps}`);
    const { context, page, root, files } = opened;
    const before = files.length;
    await root.getByRole('button', { name: 'Train from scratch' }).click();
    // The clock starts at the first step (the training digits download first).
    await page.waitForFunction(() => Number(document.getElementById('zoo')?.dataset.metricTrainStep) > 0, null, {
      timeout: 120_000,
    });
    const t0 = Date.now();
    await page
      .waitForFunction((n) => Number(document.getElementById('zoo')?.dataset.metricTrainStep) >= n, steps, {
        timeout: TRAIN_SECONDS * 1000,
        polling: 200,
      })
      .catch(() => {});
    out.training[name] = {
      stepsPerSecond: await metric(root, 'steps-per-second'),
      steps: await metric(root, 'train-step'),
      wallSeconds: (Date.now() - t0) / 1000,
      validationAccuracy: await metric(root, 'validation-accuracy'),
    };
    const pause = root.getByRole('button', { name: 'Pause' });
    if (await pause.count()) await pause.click();
    if (name === MODELS[0]) {
      const extra = files
        .slice(before)
        // Response bodies are counted as they finish: the test split (read at ready) can land late here.
        .filter((f) => /^\/data\/zoo\/(train|validation)\./.test(f.path))
        .map((f) => sizes(f.path, f.bytes, DIST));
      for (const f of extra)
        out.data.files[f.path] = {
          servedKB: kb(f.servedBytes),
          gzipKB: kb(f.gzipBytes),
          decodedKB: kb(f.decodedBytes),
        };
      out.data.trainingAdds = {
        files: extra.map((f) => f.path),
        servedKB: kb(extra.reduce((s, f) => s + f.servedBytes, 0)),
        gzipKB: kb(extra.reduce((s, f) => s + f.gzipBytes, 0)),
        decodedKB: kb(extra.reduce((s, f) => s + f.decodedBytes, 0)),
      };
    }
    await context.close();
  }
  return out;
}

/** A warm evaluation: the same model again (its weights and the test digits are in the worker). */
async function evaluateAgain(page, root, label) {
  const before = await root.getAttribute('data-metric-evaluation-wall-ms');
  await root.getByRole('button', { name: `Evaluate ${label} on the 2,000 test digits` }).click();
  await page.waitForFunction(
    (prev) => {
      const el = document.getElementById('zoo');
      return el?.dataset.status === 'ready' && el.dataset.metricEvaluationWallMs !== prev;
    },
    before,
    { timeout: 120_000, polling: 20 },
  );
  return { computeMs: await metric(root, 'evaluation-ms'), wallMs: await metric(root, 'evaluation-wall-ms') };
}

// ---- alone: serve dist/ and run

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { launchChromium, serveDist } = await import('./serve.mjs');
  const DIST = join(process.cwd(), 'dist');
  const server = await serveDist(DIST);
  const browser = await launchChromium();
  const results = await benchZoo(browser, server.base, { DIST });
  console.log(JSON.stringify(results, null, 2));
  await browser.close();
  server.close();
}
