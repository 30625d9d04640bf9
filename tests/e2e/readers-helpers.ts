/** Shared by the readers-*.spec.ts files: the built lessons, and JavaScript weighed as it loads. */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';

/** Every built lesson page, with the text and anchor of its first h2 section. */
export function builtLessons(): { path: string; slug: string; firstSection: { id: string; text: string } }[] {
  return readdirSync('dist/lessons')
    .sort()
    .map((slug) => {
      const html = readFileSync(`dist/lessons/${slug}/index.html`, 'utf8');
      const body = html.slice(html.indexOf('class="lesson-body"'));
      const m = body.match(/<h2 id="([^"]+)"[^>]*>([\s\S]*?)<\/h2>/)!;
      return { path: `/lessons/${slug}/`, slug, firstSection: { id: m[1], text: m[2].replace(/<[^>]+>/g, '').trim() } };
    });
}

/** Records the JavaScript a page loads (gzip size of each body), from now on. */
export function weighScripts(page: Page) {
  const loaded: { url: string; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  const onResponse = (r: Response) => {
    const url = new URL(r.url());
    if (!/\.m?js$/.test(url.pathname) || r.status() !== 200) return;
    pending.push(
      r
        .body()
        .then((b) => void loaded.push({ url: url.pathname, gzip: gzipSync(b).length }))
        .catch(() => {}),
    );
  };
  page.on('response', onResponse);
  return {
    async total(filter: (url: string) => boolean = () => true) {
      await Promise.all(pending);
      return loaded.filter((l) => filter(l.url)).reduce((s, l) => s + l.gzip, 0);
    },
    async urls() {
      await Promise.all(pending);
      return loaded.map((l) => l.url);
    },
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
