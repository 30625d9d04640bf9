// What the bench's measurements share: dist/ served on loopback as a plain static host would (no
// compression: bench/lighthouse.mjs has its own compressing server), the system Chromium, and the page
// probe that collects main-thread long tasks and frame gaps.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { MIME } from './mime.mjs';

/**
 * Serves dist/ on 127.0.0.1 (a free port); onFile(path, type, body) sees every file sent, so worker and
 * wasm fetches can be counted. Unknown paths get dist/404.html with status 404.
 */
export async function serveDist(dist, onFile = () => {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(dist, path));
    if (!file.startsWith(dist)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': MIME['.html'] });
      return res.end(existsSync(join(dist, '404.html')) ? readFileSync(join(dist, '404.html')) : '');
    }
    const body = readFileSync(file);
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    onFile(path, type, body, file);
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Headless Chromium from the system (never a downloaded one), without background traffic. */
export function launchChromium() {
  return chromium.launch({
    executablePath: [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p)),
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * An init script: collects long tasks (>50 ms) and the longest gap between animation frames while
 * window.__bench.watching is true.
 */
export const PERF_PROBE = () => {
  window.__bench = { longTasks: [], maxFrameGap: 0, watching: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (window.__bench.watching) window.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  const tick = (t) => {
    if (window.__bench.watching) window.__bench.maxFrameGap = Math.max(window.__bench.maxFrameGap, t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/**
 * Contexts for the measurements: service workers blocked. The offline worker (src/lib/offline) fetches a
 * lesson's widget code and data after the page's load event so the lesson can be read offline; counting
 * those fetches would charge every widget's bytes to the page before any widget is visible.
 */
export const CONTEXT_OPTIONS = { viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' };

/** A page factory for the measurements: a fresh context per page, the probe installed. */
export function pageFactory(browser) {
  return async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    await page.addInitScript(PERF_PROBE);
    return { context, page };
  };
}

/**
 * Scrolls to a widget's top and keeps it there. Its top, because a widget taller than the window would be
 * centred, with its first part (a code cell's editor, the part that hydrates on visibility) above the
 * window; and again until it stays, because prose under `content-visibility: auto` is laid out at an
 * estimated height until it nears the window, so one jump can land elsewhere once it takes its real size.
 */
export async function scrollToWidget(page, id) {
  const el = page.locator(`#${id}`);
  for (let i = 0; i < 8; i++) {
    // Two frames after the jump: the prose brought near the window has its real height by then.
    const inView = await el.evaluate(
      (e) =>
        new Promise((done) => {
          e.scrollIntoView({ block: 'start' });
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const r = e.getBoundingClientRect();
              done(r.top > -2 && r.top < innerHeight / 2);
            }),
          );
        }),
    );
    if (inView) return;
  }
}

/** Waits for a widget's data-status="ready"; null when it is, else what it showed instead (the bench goes on). */
export async function waitReady(page, id, timeout = 120_000) {
  try {
    await page.waitForFunction((i) => document.getElementById(i)?.dataset.status === 'ready', id, { timeout });
    return null;
  } catch {
    const status = await page.evaluate((i) => document.getElementById(i)?.dataset.status ?? 'missing', id);
    return `not ready after ${timeout / 1000} s (data-status="${status}")`;
  }
}

/** A widget's published metric (data-metric-<name>) as a number, or null when it has none. */
export const readMetric = (root, name) =>
  root.getAttribute(`data-metric-${name}`).then((v) => (v === null ? null : Number(v)));
