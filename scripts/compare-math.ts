// Renders formulas the lessons use in both of KaTeX's outputs, side by side, in headless Chromium, and
// writes docs/math-output-{light,dark}.png: the evidence behind the choice in docs/math-output.md (MathML
// everywhere, with an alignment's columns written as CSS). Then, for every formula of the built lessons
// (their TeX is each <math>'s alttext in dist/, so build first), lays out the MathML dist/ ships and this
// checkout's compaction of the same TeX, and prints how far their widths and heights differ: a change to the
// compaction is meant to draw the same thing with fewer elements. Run: node scripts/run-ts.mjs scripts/compare-math.ts
import katex from 'katex';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import compact from '../src/lib/rehype-compact-mathml';

const FORMULAS: [string, string, boolean][] = [
  [
    'closed form',
    String.raw`q(x_t \mid x_0) = \mathcal{N}\big(\sqrt{\bar\alpha_t}\, x_0,\ (1 - \bar\alpha_t) I\big)`,
    true,
  ],
  [
    'attention',
    String.raw`\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\!\left(\frac{Q K^\top}{\sqrt{d_k}}\right) V`,
    true,
  ],
  ['sum, limits', String.raw`\mathcal{L} = -\frac{1}{N} \sum_{i=1}^{N} \log p_\theta(y_i \mid x_i)`, true],
  [
    'matrix',
    String.raw`R(\omega) = \begin{bmatrix} \cos \omega & \sin \omega \\ -\sin \omega & \cos \omega \end{bmatrix}`,
    true,
  ],
  [
    'underbrace',
    String.raw`x = \underbrace{\sqrt{\alpha}\,x_0}_{\text{signal}} + \underbrace{\sqrt{1-\alpha}\,\varepsilon}_{\text{noise}}`,
    true,
  ],
  ['accents, inline', String.raw`\hat x_0,\ \tilde\varepsilon,\ \bar\alpha_t,\ \mathbb{E}[\varepsilon^2] = 1`, false],
  [
    'accents, spaces',
    String.raw`\hat\varepsilon_\theta(x_t, t),\ \sqrt{\bar\alpha_t}\,\hat x_0 + \sqrt{1-\bar\alpha_t}\;\tilde\mu_t,\ \bar 1\qquad \hat{\mathbf{x}}`,
    false,
  ],
  [
    'aligned (columns as CSS)',
    String.raw`\begin{aligned} x_t &= \sqrt{\alpha_t}\, x_{t-1} + \sqrt{1-\alpha_t}\, \varepsilon \\ &= \sqrt{\alpha_t \alpha_{t-1}}\, x_{t-2} + \dots \end{aligned}`,
    true,
  ],
];

const compactMathml = (html: string) => {
  // The same transformation the build applies (src/lib/rehype-compact-mathml.ts), through rehype.
  const file = unified().use(rehypeParse, { fragment: true }).use(compact).use(rehypeStringify).processSync(html);
  return String(file);
};

const rows = FORMULAS.map(([name, tex, display]) => {
  const html = katex.renderToString(tex, { displayMode: display, output: 'html' });
  const both = katex.renderToString(tex, { displayMode: display });
  return `<tr><th>${name}</th><td>${html}</td><td>${compactMathml(both)}</td></tr>`;
});
const css = readFileSync('node_modules/katex/dist/katex.min.css', 'utf8').replace(
  /url\(fonts\//g,
  'url(file://' + process.cwd() + '/node_modules/katex/dist/fonts/',
);
const mathCss = readFileSync('src/styles/math.css', 'utf8').replace(
  /url\('@fontsource[^)]*\)\s*format\('woff2'\)/,
  "url('file://" +
    process.cwd() +
    "/node_modules/@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2') format('woff2')",
);
const page = (theme: string) => `<!doctype html><html><head><meta charset="utf-8"><style>${css}\n${mathCss}
body{font:16px system-ui,sans-serif;margin:16px;background:${theme === 'dark' ? '#14161a' : '#fff'};color:${theme === 'dark' ? '#e8e8e8' : '#1a1a1a'}}
table{border-collapse:collapse} th,td{border:1px solid #8888;padding:6px 10px;text-align:left;vertical-align:middle} thead th{font-weight:600}
</style></head><body><table><thead><tr><th>formula</th><th>KaTeX HTML (before)</th><th>MathML, compacted (now)</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--allow-file-access-from-files'],
});
for (const theme of ['light', 'dark']) {
  const p = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  writeFileSync(`/tmp/compare-math-${theme}.html`, page(theme));
  await p.goto(`file:///tmp/compare-math-${theme}.html`);
  await p.evaluate(() => document.fonts.ready);
  await p.locator('table').screenshot({ path: `docs/math-output-${theme}.png` });
  await p.close();
}
console.log('wrote docs/math-output-light.png and docs/math-output-dark.png');

/**
 * Every distinct formula of the built lessons: its TeX (alttext, HTML-unescaped), whether displayed, and the
 * <math> the built page ships (the compaction of the commit dist/ was built from).
 */
function lessonFormulas(): { tex: string; display: boolean; shipped: string }[] {
  const root = 'dist/lessons';
  if (!existsSync(root)) return [];
  const entities: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&' };
  const unescape = (t: string) =>
    t
      .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&(lt|gt|quot|amp);/g, (_, e: string) => entities[e]);
  const seen = new Map<string, { tex: string; display: boolean; shipped: string }>();
  for (const slug of readdirSync(root)) {
    const file = `${root}/${slug}/index.html`;
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/<math\b([^>]*)>[\s\S]*?<\/math>/g)) {
      const tex = /alttext="([^"]*)"/.exec(m[1]);
      if (!tex) continue;
      const f = { tex: unescape(tex[1]), display: /display="block"/.test(m[1]), shipped: m[0] };
      seen.set(`${f.display}|${f.tex}`, f);
    }
  }
  return [...seen.values()];
}

const formulas = lessonFormulas();
if (formulas.length) {
  // The shipped <math> (as built in dist/) against this checkout's compaction of the same TeX, side by side.
  const cells = formulas.map(({ tex, display, shipped }) => {
    const both = katex.renderToString(tex, { displayMode: display, throwOnError: false });
    const before = display ? `<span class="katex-display">${shipped}</span>` : shipped;
    return `<div class="pair"><span class="raw">${before}</span><span class="ours">${compactMathml(both)}</span></div>`;
  });
  const p = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  writeFileSync(
    '/tmp/compare-math-widths.html',
    `<!doctype html><html><head><meta charset="utf-8"><style>${mathCss}
    body{font:16px system-ui,sans-serif} .pair span{display:inline-block} .katex-display{margin:0}</style></head><body>${cells.join('')}</body></html>`,
  );
  await p.goto('file:///tmp/compare-math-widths.html');
  await p.evaluate(() => document.fonts.ready);
  const sizes = await p.$$eval('.pair', (pairs) =>
    pairs.map((pair) => {
      const box = (sel: string) => pair.querySelector(sel)?.querySelector('math')?.getBoundingClientRect();
      const a = box('.raw');
      const b = box('.ours');
      return a && b ? { dw: b.width - a.width, dh: b.height - a.height, w: a.width } : null;
    }),
  );
  const missing = sizes.filter((s) => s === null).length;
  if (missing) console.log(`  ${missing} formulas had no MathML on one side (not compared)`);
  const compared = sizes.flatMap((s, i) => (s ? [{ ...s, tex: formulas[i].tex }] : []));
  const over = (px: number) => compared.filter((s) => Math.abs(s.dw) > px || Math.abs(s.dh) > px).length;
  const worst = [...compared].sort((x, y) => Math.abs(y.dw) - Math.abs(x.dw)).slice(0, 8);
  console.log(
    `${formulas.length} distinct formulas of the built lessons, as built in dist/ against this checkout's compaction:`,
  );
  console.log(`  width or height differs by more than 0.5 px: ${over(0.5)}; by more than 2 px: ${over(2)}`);
  console.log('  largest width differences (px):');
  for (const s of worst)
    console.log(`    ${s.dw.toFixed(2)} (of ${s.w.toFixed(0)}), height ${s.dh.toFixed(2)}: ${s.tex}`);
  await p.close();
}
await browser.close();
