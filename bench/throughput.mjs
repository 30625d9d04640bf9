// The training-throughput bench, in headless Chromium, inside module Workers as the widgets train:
//  - per backend (wasm, cpu): the plain matMul rate of square sizes, the backend's limit (GFLOP/s);
//  - each training loop (attention playground, denoiser lab, at their defaults): steps/s, kernels per
//    step, FLOPs per step (counted analytically in src/ml), achieved GFLOP/s and its share of the limit;
//  - the lab's network written with tfjs-layers and trained with model.fit on the same data and
//    backend (what a reader would write instead), and the lab's steps/s over it;
//  - wasm: a V8 CPU profile of each loop's worker from a Chromium trace: the share of time in wasm
//    (the kernels' arithmetic), in JavaScript (tfjs's op dispatch, tape and bookkeeping) and in GC;
//  - with --baseline=REF: the same loops built from that commit's src/, timed turn about with the
//    current code in the same run (before/after under the same load).
// bench/run.mjs calls measureThroughput(browser); `node bench/throughput.mjs [--quick] [--baseline=REF]`
// runs it alone and prints the same tables. The harness (bench/harness/*.ts) is bundled with esbuild
// into node_modules/.cache, never into dist/: the site does not ship tfjs-layers.
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'node_modules', '.cache', 'dln-bench');
const WASM_DIR = join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const BACKENDS = ['wasm', 'cpu'];
const LOOPS = ['playground', 'lab'];

const PAGE = `<!doctype html><meta charset="utf-8"><title>throughput bench</title><script type="module">
const workers = {};
window.call = (key, url, request) => new Promise((resolve, reject) => {
  const w = (workers[key] ??= new Worker(url, { type: 'module', name: key }));
  w.onmessage = (e) => (e.data.ok ? resolve(e.data.result) : reject(new Error(e.data.error)));
  w.onerror = (e) => reject(new Error(e.message || 'worker error'));
  w.postMessage(request);
});
</script>`;

const argValue = (name) => process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? null;

/** esbuild options shared by both workers: a browser module, tfjs's Node-only branches left out. */
const bundleOptions = (entry, outfile, plugins = []) => ({
  entryPoints: [join(ROOT, 'bench', 'harness', entry)],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
  external: ['fs', 'path', 'os', 'crypto', 'worker_threads', 'perf_hooks', 'util', 'node-fetch'],
  plugins,
});

/** Redirects every import that resolves into <ROOT>/src to the same file under <base>/src. */
function redirectSrc(base) {
  const from = join(ROOT, 'src');
  const to = join(base, 'src');
  return {
    name: 'redirect-src',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'redirected') return undefined;
        const target = resolve(args.resolveDir, args.path);
        if (!target.startsWith(from + '/')) return undefined;
        const moved = join(to, relative(from, target));
        return b.resolve(`./${relative(dirname(moved), moved)}`, {
          resolveDir: dirname(moved),
          kind: args.kind,
          pluginData: 'redirected',
        });
      });
    },
  };
}

async function buildHarness(baseline) {
  mkdirSync(OUT, { recursive: true });
  await build(bundleOptions('worker.ts', join(OUT, 'worker.js')));
  if (!baseline) return null;
  const commit = execSync(`git rev-parse --short ${baseline}`, { cwd: ROOT }).toString().trim();
  const base = join(OUT, `baseline-${commit}`);
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  execSync(`git archive ${commit} src | tar -x -C ${base}`, { cwd: ROOT });
  await build(bundleOptions('baseline-worker.ts', join(OUT, 'baseline-worker.js'), [redirectSrc(base)]));
  return commit;
}

function serve() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file =
      path === '/'
        ? null
        : path.startsWith('/wasm/')
          ? join(WASM_DIR, path.slice('/wasm/'.length))
          : join(OUT, path.slice(1));
    if (file && !file.startsWith(OUT) && !file.startsWith(WASM_DIR)) return res.writeHead(403).end();
    if (file && !existsSync(file)) return res.writeHead(404).end();
    const type = { '.js': 'text/javascript', '.wasm': 'application/wasm' }[file ? extname(file) : ''];
    res.writeHead(200, { 'content-type': type ?? 'text/html; charset=utf-8' });
    res.end(file ? readFileSync(file) : PAGE);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 2) => Number(x.toFixed(digits));

/**
 * Self time by kind in the busiest V8 CPU profile of a Chromium trace (the worker that trained):
 * wasm (the kernels' arithmetic), GC, and JavaScript (everything else that ran), with the top JS functions.
 */
function profileShares(traceBuffer) {
  const events = JSON.parse(traceBuffer.toString()).traceEvents ?? [];
  const profiles = new Map();
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    const p = profiles.get(key) ?? { nodes: new Map(), self: new Map() };
    profiles.set(key, p);
    const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
    for (const n of cpuProfile.nodes ?? []) p.nodes.set(n.id, n.callFrame);
    (cpuProfile.samples ?? []).forEach((id, i) => p.self.set(id, (p.self.get(id) ?? 0) + (timeDeltas[i] ?? 0)));
  }
  let best = null;
  for (const p of profiles.values()) {
    const kinds = { wasm: 0, js: 0, gc: 0, other: 0 };
    const js = new Map();
    for (const [id, us] of p.self) {
      const f = p.nodes.get(id) ?? { functionName: '', url: '' };
      const name = f.functionName || '(anonymous)';
      if (name === '(idle)' || name === '(program)' || name === '(root)') kinds.other += us;
      else if (name === '(garbage collector)') kinds.gc += us;
      else if (f.url?.startsWith('wasm://') || /^(wasm-function|\$)/.test(name) || f.codeType === 'wasm')
        kinds.wasm += us;
      else {
        kinds.js += us;
        js.set(name, (js.get(name) ?? 0) + us);
      }
    }
    const busy = kinds.wasm + kinds.js + kinds.gc;
    if (!best || busy > best.busy) best = { busy, kinds, js };
  }
  if (!best || best.busy === 0) return null;
  const share = (us) => round(us / best.busy, 3);
  return {
    sampledMs: round(best.busy / 1000, 0),
    wasm: share(best.kinds.wasm),
    js: share(best.kinds.js),
    gc: share(best.kinds.gc),
    topJs: [...best.js]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, us]) => `${name} ${(100 * share(us)).toFixed(1)}%`),
  };
}

export async function measureThroughput(browser, { quick = false, baseline = argValue('--baseline') } = {}) {
  const commit = await buildHarness(baseline);
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const call = (code, backend, request) =>
    page.evaluate(
      ([key, url, req]) => window.call(key, url, req),
      [`${code}-${backend}`, code === 'current' ? '/worker.js' : '/baseline-worker.js', { backend, ...request }],
    );
  const codes = commit ? ['current', 'baseline'] : ['current'];
  const results = { loadAverageBefore: loadavg().map((x) => round(x)), baseline: commit, backends: {}, profiles: {} };
  try {
    for (const backend of BACKENDS) {
      const m = await call('current', backend, { type: 'measure', quick });
      const entry = {
        backendInUse: m.backend,
        matMul: { size: m.matMul.size, gflops: round(m.matMul.gflops), bySize: m.matMul.bySize },
        loops: {},
      };
      let layersInfo = null;
      for (const loop of LOOPS) {
        // Turn about, current, baseline and (lab) the layers version, a few rounds each: the same load for all.
        const windowMs = quick ? 300 : backend === 'cpu' ? 1000 : 500;
        const rates = Object.fromEntries([...codes, 'layers'].map((c) => [c, []]));
        for (let r = 0; r < (quick ? 1 : 3); r++) {
          for (const code of codes) {
            rates[code].push((await call(code, backend, { type: 'loop', loop, windowMs, windows: 3 })).perSecond);
          }
          if (loop === 'lab') {
            // Epochs of 31 batches per timed fit call: about as long as the loop's windows.
            const epochs = quick ? 1 : backend === 'cpu' ? 2 : 5;
            const layers = await call('current', backend, { type: 'layers', epochs, fits: quick ? 1 : 3 });
            rates.layers.push(layers.stepsPerSecond);
            layersInfo = layers;
          }
        }
        const stepsPerSecond = median(rates.current);
        const flopsPerStep = m.flopsPerStep[loop];
        const gflops = (flopsPerStep * stepsPerSecond) / 1e9;
        const row = {
          stepsPerSecond: round(stepsPerSecond, 1),
          msPerStep: round(1000 / stepsPerSecond),
          kernelsPerStep: (await call('current', backend, { type: 'kernels', loop })).kernels,
          mflopPerStep: round(flopsPerStep / 1e6),
          gflops: round(gflops),
          shareOfMatMulLimit: round(gflops / m.matMul.gflops, 3),
        };
        if (commit) {
          const before = median(rates.baseline);
          row.baseline = {
            stepsPerSecond: round(before, 1),
            kernelsPerStep: (await call('baseline', backend, { type: 'kernels', loop })).kernels,
          };
          row.speedUp = round(stepsPerSecond / before);
        }
        if (loop === 'lab') {
          const layers = median(rates.layers);
          row.layersFit = {
            stepsPerSecond: round(layers, 1),
            examples: layersInfo.examples,
            numParameters: layersInfo.numParameters,
          };
          row.overLayersFit = round(stepsPerSecond / layers);
        }
        entry.loops[loop] = row;
      }
      results.backends[backend] = entry;
    }
    // Where the time goes on wasm: a V8 CPU profile of each loop's worker, from a Chromium trace.
    for (const code of codes) {
      for (const loop of LOOPS) {
        await call(code, 'wasm', { type: 'run', loop, ms: 200 }); // warm: wasm compiled, kernels set up
        await browser.startTracing(page, { categories: ['disabled-by-default-v8.cpu_profiler'] });
        await call(code, 'wasm', { type: 'run', loop, ms: quick ? 1000 : 3000 });
        results.profiles[`${loop}${code === 'baseline' ? ' (baseline)' : ''}`] = profileShares(
          await browser.stopTracing(),
        );
      }
    }
  } finally {
    await context.close();
    server.close();
  }
  results.loadAverageAfter = loadavg().map((x) => round(x));
  printThroughput(results);
  return results;
}

export function printThroughput(results) {
  console.log(
    `Training throughput (load average ${results.loadAverageBefore.join(' ')} → ${results.loadAverageAfter.join(' ')})`,
  );
  const rows = {};
  for (const [backend, e] of Object.entries(results.backends)) {
    for (const [loop, r] of Object.entries(e.loops)) {
      rows[`${loop} ${backend}`] = {
        'steps/s': r.stepsPerSecond,
        'ms/step': r.msPerStep,
        kernels: r.kernelsPerStep,
        'MFLOP/step': r.mflopPerStep,
        'GFLOP/s': r.gflops,
        'matMul GFLOP/s': e.matMul.gflops,
        'of limit': r.shareOfMatMulLimit,
        ...(r.baseline ? { 'before steps/s': r.baseline.stepsPerSecond, 'speed-up': r.speedUp } : {}),
        ...(r.layersFit ? { 'layers fit steps/s': r.layersFit.stepsPerSecond, 'over layers': r.overLayersFit } : {}),
      };
    }
  }
  console.table(rows);
  console.log('wasm profile (share of busy time):');
  console.table(
    Object.fromEntries(
      Object.entries(results.profiles).map(([k, p]) => [
        k,
        p && { wasm: p.wasm, js: p.js, gc: p.gc, 'sampled ms': p.sampledMs },
      ]),
    ),
  );
  for (const [k, p] of Object.entries(results.profiles)) if (p) console.log(`  ${k}: top JS ${p.topJs.join(', ')}`);
}

// Alone: node bench/throughput.mjs [--quick] [--baseline=REF]
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p)),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    await measureThroughput(browser, { quick: process.argv.includes('--quick') });
  } finally {
    await browser.close();
  }
}
