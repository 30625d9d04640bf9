/**
 * The code pages' highlighting palette against WCAG 2.2 AA (1.4.3: 4.5:1 for text), in both themes, on
 * every code page the build wrote. The pages share one template and one pair of Shiki themes, so axe
 * checks the token spans of one code page in the browser (pages.spec.ts) and this test checks every
 * (token colour, background) pair of all of them from the built HTML: complete, and seconds instead of
 * minutes of axe walking tens of thousands of spans.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { allPages } from './registry';

const CODE_PAGES = allPages().filter((p) => p.startsWith('/code/'));

/** WCAG 2.x relative luminance of a #rrggbb or #rgb colour. */
function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('the contrast helper matches WCAG’s known ratios', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
});

test('there are code pages to check', () => expect(CODE_PAGES.length).toBeGreaterThan(0));

for (const path of CODE_PAGES) {
  test(`${path}: every highlighted token reaches 4.5:1 on its block's background, light and dark`, () => {
    const html = readFileSync(join(process.cwd(), 'dist', path, 'index.html'), 'utf8');
    const blocks = [...html.matchAll(/<pre class="astro-code[^"]*" style="([^"]*)"[^>]*>([\s\S]*?)<\/pre>/g)];
    expect(blocks.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const [, preStyle, body] of blocks) {
      const light = /background-color:(#[0-9a-f]+)/i.exec(preStyle)?.[1];
      const dark = /--shiki-dark-bg:(#[0-9a-f]+)/i.exec(preStyle)?.[1];
      expect(light && dark, preStyle).toBeTruthy();
      const pairs = new Set(
        [...body.matchAll(/style="color:(#[0-9a-f]+);--shiki-dark:(#[0-9a-f]+)"/gi)].map((m) => `${m[1]} ${m[2]}`),
      );
      pairs.add(
        `${/(?:^|;)color:(#[0-9a-f]+)/i.exec(preStyle)?.[1]} ${/--shiki-dark:(#[0-9a-f]+)/i.exec(preStyle)?.[1]}`,
      );
      for (const pair of pairs) {
        const [fgLight, fgDark] = pair.split(' ');
        const [cl, cd] = [contrast(fgLight, light!), contrast(fgDark, dark!)];
        if (cl < 4.5) failures.push(`light ${fgLight} on ${light}: ${cl.toFixed(2)}`);
        if (cd < 4.5) failures.push(`dark ${fgDark} on ${dark}: ${cd.toFixed(2)}`);
      }
    }
    expect(failures).toEqual([]);
  });
}
