// Renders formulas the lessons use in both of KaTeX's outputs, side by side, in headless Chromium, and
// writes docs/math-output-{light,dark}.png: the evidence behind the choice in docs/math-output.md (MathML
// everywhere, with an alignment's columns written as CSS). Run: node scripts/run-ts.mjs scripts/compare-math.ts
import katex from 'katex';
import { readFileSync, writeFileSync } from 'node:fs';
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
await browser.close();
console.log('wrote docs/math-output-light.png and docs/math-output-dark.png');
