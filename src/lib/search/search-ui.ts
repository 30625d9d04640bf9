/**
 * The search dialog, loaded on first open (src/components/Search.astro). A native modal <dialog>
 * (focus moves in and back, Escape closes) with a labelled search field, a polite status line with the
 * number of results, and results as links: each page, then its matching sections, straight to their
 * anchors. Pagefind (/pagefind/pagefind.js, its wasm and index fragments) is imported on first open,
 * from the site itself.
 */
import { el } from '../dom';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: { title: string; url: string; excerpt: string }[];
}
interface Pagefind {
  init?: () => Promise<void>;
  options?: (o: Record<string, unknown>) => Promise<void>;
  debouncedSearch: (
    q: string,
    o?: object,
    ms?: number,
  ) => Promise<{ results: { data: () => Promise<PagefindResultData> }[] } | null>;
}

const MAX_PAGES = 8;
const MAX_SECTIONS = 4;

let pagefind: Promise<Pagefind> | null = null;
function loadPagefind(): Promise<Pagefind> {
  // A path, not a module Vite bundles: the index is written after the build, into dist/pagefind/.
  const url = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (p) => {
    await p.options?.({ excerptLength: 24 });
    await p.init?.();
    return p;
  });
  return pagefind;
}

/** Pagefind's excerpts are the site's own text with <mark> around matches: keep only those marks. */
function excerpt(html: string): HTMLElement {
  const p = el('p', { className: 'search-excerpt' });
  const tmp = document.createElement('template');
  tmp.innerHTML = html;
  for (const node of tmp.content.childNodes) {
    if (node.nodeName === 'MARK') p.append(el('mark', {}, node.textContent ?? ''));
    else p.append(node.textContent ?? '');
  }
  return p;
}

export function searchDialog() {
  const input = el('input', { type: 'search', id: 'search-input', autocomplete: 'off', spellcheck: false });
  const status = el('p', { className: 'search-status', id: 'search-status' });
  status.setAttribute('role', 'status');
  const results = el('ol', { className: 'search-results' });
  const close = el('button', { type: 'button', className: 'search-close' }, 'Close');
  const dialog = el(
    'dialog',
    { className: 'search-dialog' },
    el(
      'form',
      { method: 'dialog', className: 'search-form', role: 'search' },
      el('label', { htmlFor: 'search-input' }, 'Search the lessons'),
      el('div', { className: 'search-row' }, input, close),
    ),
    status,
    results,
  );
  dialog.setAttribute('aria-label', 'Search the lessons');
  input.setAttribute('aria-describedby', 'search-status');
  close.addEventListener('click', () => dialog.close());
  // In a search field the first Escape would only clear the text: here it closes the dialog at once.
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      dialog.close();
    }
  });
  // Following a result closes the dialog (an anchor on this same page would otherwise stay behind it).
  results.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('a')) dialog.close();
  });
  document.body.append(dialog);

  let query = 0;
  const run = async () => {
    const q = input.value.trim();
    const mine = ++query;
    if (!q) {
      results.replaceChildren();
      status.textContent = 'Type a word or phrase from the lessons.';
      return;
    }
    let pf: Pagefind;
    try {
      pf = await loadPagefind();
    } catch {
      status.textContent = 'Search is not available here: its index is written by `npm run build`.';
      return;
    }
    const found = await pf.debouncedSearch(q, {}, 200);
    if (!found || mine !== query) return;
    const pages = await Promise.all(found.results.slice(0, MAX_PAGES).map((r) => r.data()));
    if (mine !== query) return;
    results.replaceChildren(
      ...pages.map((page) => {
        const sections = (page.sub_results ?? []).filter((s) => s.url !== page.url).slice(0, MAX_SECTIONS);
        return el(
          'li',
          {},
          el('a', { href: page.url, className: 'search-page' }, page.meta.title ?? page.url),
          excerpt(page.excerpt),
          ...(sections.length
            ? [
                el(
                  'ul',
                  { className: 'search-sections' },
                  ...sections.map((s) => el('li', {}, el('a', { href: s.url }, s.title), excerpt(s.excerpt))),
                ),
              ]
            : []),
        );
      }),
    );
    const n = found.results.length;
    status.textContent = n === 0 ? `No results for “${q}”.` : `${n} page${n === 1 ? '' : 's'} found for “${q}”.`;
  };
  input.addEventListener('input', () => void run());
  // Start fetching Pagefind as the dialog opens, not at the first keystroke.
  const open = () => {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    void loadPagefind().catch(() => {});
    void run();
  };
  return { open };
}
