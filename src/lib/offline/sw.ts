/**
 * The service worker (bundled by src/lib/offline/integration.ts into dist/sw.js after every build, with
 * that build's offline manifest inlined). Built on Workbox (precaching, routing, strategies).
 *
 * What it keeps: every chapter the reader visits, whole: its page, its widgets' JavaScript, their Worker
 * chunks, the .wasm binaries and the weights and data they fetch (the page's closure, computed at build
 * time from the built files: src/lib/offline/closure.ts). The lesson page asks for this after it loads
 * ({ type: 'keep' }), and the worker answers with the bytes kept. A small offline page is precached.
 *
 * How it serves: pages and every file that is not content-hashed (weights, data, the search index) go
 * to the network first and fall back to the cache only when the network fails, so a reader online always
 * gets the current edition; content-hashed files (/_astro/…) never change, so any cached copy serves.
 *
 * How it updates: a new build is a new sw.js (its manifest and build id change). It installs, takes
 * over at once (skipWaiting, clientsClaim), re-keeps every chapter the old one kept at the new edition
 * (hashed files copied from the old cache, everything else fetched fresh), then deletes the old build's
 * cache. Open pages are told ({ type: 'updated' }) and offer a reload; nobody stays on a stale build.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

interface OfflineManifest {
  build: string;
  /** Per page path: the files it needs (site paths) and their total size in bytes. */
  pages: Record<string, { files: string[]; bytes: number }>;
  /** Precached: the offline page and its files, with revisions. */
  precache: { url: string; revision: string | null }[];
}

declare const __DLN_OFFLINE__: OfflineManifest;

// The worker's global scope, typed narrowly (the project compiles against the DOM library).
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  data: unknown;
  ports: readonly MessagePort[];
  source: { postMessage(m: unknown): void } | null;
}
interface WorkerScope {
  skipWaiting(): Promise<void>;
  addEventListener(type: 'activate' | 'install', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'message', fn: (e: ExtendableMessageEvent) => void): void;
  clients: { matchAll(o?: { type?: string }): Promise<{ postMessage(m: unknown): void }[]> };
  location: Location;
}
const sw = self as unknown as WorkerScope;

const MANIFEST = __DLN_OFFLINE__;
const PREFIX = 'dln-pages-';
const CACHE = `${PREFIX}${MANIFEST.build}`;
/** The list of kept pages lives in the cache itself, under this key. */
const KEPT_KEY = '/__dln-offline/kept.json';

sw.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(MANIFEST.precache);

const samePath = (url: string) => new URL(url, sw.location.origin).pathname;
/**
 * Cached responses are matched by URL alone: servers send `Vary: Origin` (Vite's preview does), and a
 * module script's request carries an Origin header that the worker's own fetch did not.
 */
const MATCH = { ignoreVary: true } as const;
const isHashed = (path: string) => path.startsWith('/_astro/');

// Pages: network first (always the current edition online), kept by path (the query is widget state).
const pageStrategy = new NetworkFirst({
  cacheName: CACHE,
  matchOptions: MATCH,
  plugins: [
    { cacheKeyWillBeUsed: async ({ request }) => new URL(request.url).origin + samePath(request.url) },
    {
      // Offline and never visited: the precached offline page.
      handlerDidError: async () => (await matchPrecache('/offline/')) ?? Response.error(),
    },
  ],
});
registerRoute(({ request, url }) => request.mode === 'navigate' && url.origin === sw.location.origin, pageStrategy);

// Content-hashed files: any cached copy (this build's or an older one's) is the right one.
registerRoute(
  ({ url }) => url.origin === sw.location.origin && isHashed(url.pathname),
  async ({ request }) => {
    const hit = await caches.match(request, { ...MATCH, ignoreSearch: true });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') (await caches.open(CACHE)).put(request, response.clone());
    return response;
  },
);

// Everything else of the site (weights, data, search index, icons): network first, cache offline.
registerRoute(
  ({ url, request }) =>
    url.origin === sw.location.origin && request.method === 'GET' && !url.pathname.startsWith('/sw.js'),
  new NetworkFirst({ cacheName: CACHE, matchOptions: MATCH }),
);

async function readKept(cache: Cache): Promise<string[]> {
  const r = await cache.match(KEPT_KEY, MATCH);
  try {
    const list = r ? ((await r.json()) as unknown) : [];
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** Fetches a page's whole closure into this build's cache; hashed files are copied when cached anywhere. */
async function keep(page: string): Promise<{ ok: boolean; bytes: number; files: number; missing: string[] }> {
  const entry = MANIFEST.pages[page];
  if (!entry) return { ok: false, bytes: 0, files: 0, missing: [page] };
  const cache = await caches.open(CACHE);
  const missing: string[] = [];
  const queue = [page, ...entry.files];
  const work = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      try {
        if (await cache.match(path, MATCH)) continue;
        const old = isHashed(path) ? await caches.match(path, MATCH) : undefined;
        if (old) {
          await cache.put(path, old);
          continue;
        }
        const response = await fetch(path, { cache: 'no-cache' });
        if (!response.ok) throw new Error(String(response.status));
        await cache.put(path, response);
      } catch {
        missing.push(path);
      }
    }
  };
  // A few at a time: the reader's own requests go first.
  await Promise.all([work(), work(), work(), work()]);
  const kept = await readKept(cache);
  if (missing.length === 0 && !kept.includes(page)) {
    kept.push(page);
    await cache.put(KEPT_KEY, new Response(JSON.stringify(kept), { headers: { 'content-type': 'application/json' } }));
  }
  return { ok: missing.length === 0, bytes: entry.bytes, files: entry.files.length + 1, missing };
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
      const previously = new Set<string>();
      for (const name of names) for (const p of await readKept(await caches.open(name))) previously.add(p);
      // Chapters kept at the old edition are kept at the new one; chapters that no longer exist are not.
      for (const page of previously) if (MANIFEST.pages[page]) await keep(page);
      for (const name of names) await caches.delete(name);
      if (names.length > 0) {
        for (const client of await sw.clients.matchAll({ type: 'window' })) {
          client.postMessage({ type: 'dln-offline-updated', build: MANIFEST.build });
        }
      }
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; page?: string } | null;
  const reply = (m: unknown) => (event.ports[0] ?? event.source)?.postMessage(m);
  if (data?.type === 'keep' && typeof data.page === 'string') {
    event.waitUntil(
      keep(data.page).then((r) => reply({ type: 'dln-offline-kept', page: data.page, build: MANIFEST.build, ...r })),
    );
  } else if (data?.type === 'status') {
    event.waitUntil(
      (async () => {
        const kept = await readKept(await caches.open(CACHE));
        const pages = kept.map((p) => ({ page: p, bytes: MANIFEST.pages[p]?.bytes ?? 0 }));
        reply({ type: 'dln-offline-status', build: MANIFEST.build, pages });
      })(),
    );
  } else if (data?.type === 'forget') {
    event.waitUntil(
      (async () => {
        for (const name of await caches.keys()) if (name.startsWith(PREFIX)) await caches.delete(name);
        reply({ type: 'dln-offline-forgotten' });
      })(),
    );
  }
});
