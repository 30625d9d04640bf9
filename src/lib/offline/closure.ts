/**
 * Which built files a page needs to work offline: its closure, read from the built site (dist/) after
 * the build. From the page's HTML: scripts (and the URLs its inline scripts name), style sheets and the
 * url(…)s of its inline styles, module preloads, icons and the islands' component and renderer URLs.
 * From every JavaScript file reached: the files its string literals name (imported chunks, Worker
 * chunks, .wasm binaries: Vite writes them as "/_astro/…" or "./…" paths).
 * From style sheets: their url(…)s (KaTeX's fonts; woff2 only, which every browser with service
 * workers reads). From the site's data folders (public/weights, public/data): every file whose folder
 * path or file name a reached chunk names, since widgets build those URLs from a folder constant and a
 * file name (`${base}weights/denoiser-lab/${file}`).
 *
 * A heuristic by design, checked by tests/e2e/readers-offline.spec.ts: every request a lesson makes while
 * all its widgets reach ready must be in its closure. Node only (build time).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

export interface Closure {
  files: string[];
  bytes: number;
}

/** Every file under dir, as site paths ("/_astro/x.js"). */
export function siteFiles(dist: string, dir = dist): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return siteFiles(dist, path);
    return [`/${relative(dist, path).split(sep).join('/')}`];
  });
}

const HTML_REF_RE = /\b(?:src|href|component-url|renderer-url|before-hydration-url)="(\/[^"#?]*)(?:[?#][^"]*)?"/g;
const ANCHOR_RE = /<a\b[^>]*>/g;
const JS_LITERAL_RE = /["'`]((?:\.{1,2}\/|\/_astro\/)[^"'`\s]+?\.(?:js|mjs|css|wasm|json))["'`]/g;
const CSS_URL_RE = /url\(\s*["']?([^"')]+?)["']?\s*\)/g;
/**
 * Named by the code but never fetched here: tfjs's threaded-SIMD wasm loads only in a cross-origin
 * isolated page (COOP/COEP headers), which this static site never is (docs/stack-notes.md, 11).
 */
const NEVER_FETCHED = [/threaded-simd[^/]*\.wasm$/];
/** Folders of data the widgets fetch at run time. */
export const DATA_DIRS = ['/weights/', '/data/'];

export function pageClosure(dist: string, page: string, all: string[]): Closure {
  const exists = new Set(all);
  const htmlFile = page.endsWith('/') ? `${page}index.html` : page;
  const found = new Set<string>();
  const queue: string[] = [];
  const add = (path: string) => {
    const clean = decodeURI(path.split(/[?#]/)[0]);
    if (!exists.has(clean) || found.has(clean) || clean === htmlFile || NEVER_FETCHED.some((r) => r.test(clean)))
      return;
    found.add(clean);
    queue.push(clean);
  };

  // Links to other pages (<a href>) are not part of this one.
  const html = readFileSync(join(dist, htmlFile), 'utf8').replace(ANCHOR_RE, '<a>');
  for (const m of html.matchAll(HTML_REF_RE)) add(m[1]);
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const lit of m[1].matchAll(JS_LITERAL_RE)) add(posix.resolve(page, lit[1]));
  }

  const addStyleUrls = (css: string, dir: string) => {
    for (const m of css.matchAll(CSS_URL_RE)) {
      const url = m[1];
      if (url.startsWith('data:') || /\.(woff|ttf)$/.test(url.split(/[?#]/)[0])) continue;
      add(url.startsWith('/') ? url : posix.resolve(dir, url));
    }
  };
  // The site's style sheet is inlined into every page (astro.config.mjs): its url(…)s are the page's.
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) addStyleUrls(m[1], page);

  const texts: string[] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (/\.(js|mjs)$/.test(file)) {
      const text = readFileSync(join(dist, file), 'utf8');
      texts.push(text);
      const dir = posix.dirname(file);
      for (const m of text.matchAll(JS_LITERAL_RE)) add(m[1].startsWith('/') ? m[1] : posix.resolve(dir, m[1]));
    } else if (file.endsWith('.css')) {
      addStyleUrls(readFileSync(join(dist, file), 'utf8'), posix.dirname(file));
    }
  }

  // Data and weights named by the JavaScript reached.
  const code = texts.join('\n');
  for (const file of all) {
    if (!DATA_DIRS.some((d) => file.startsWith(d))) continue;
    const folder = posix.dirname(file).slice(1);
    // A nested folder ("weights/denoiser-lab") is specific enough to name all its files; a top one
    // ("data") is not, so its files must be named one by one.
    const byFolder = folder.includes('/') && (code.includes(`${folder}/`) || code.includes(`"${folder}"`));
    // A file name counts as a quoted literal or a path's end ("/mnist14.json"), not inside a longer name.
    const name = posix.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (byFolder || new RegExp(`["'\`/]${name}["'\`]`).test(code)) add(file);
  }

  const files = [...found].sort();
  const bytes = [htmlFile, ...files].reduce((sum, f) => sum + statSync(join(dist, f)).size, 0);
  return { files, bytes };
}
