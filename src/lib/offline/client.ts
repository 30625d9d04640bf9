/**
 * The page side of offline reading (src/lib/offline/sw.ts is the worker): registers /sw.js in the built
 * site (never in `astro dev`), asks it to keep the lesson being read with everything its widgets need,
 * shows what was kept, and offers a reload when a new edition has taken over. Nothing here runs before
 * the page's load event.
 */

export interface KeepReply {
  type: 'dln-offline-kept';
  page: string;
  ok: boolean;
  bytes: number;
  files: number;
  missing: string[];
}
export interface StatusReply {
  type: 'dln-offline-status';
  build: string;
  pages: { page: string; bytes: number }[];
}

const supported = () => typeof navigator !== 'undefined' && 'serviceWorker' in navigator;

/** Sends the active worker a message and waits for its answer (null without a worker, or after 60 s). */
export async function askWorker<T>(message: object, timeoutMs = 60_000): Promise<T | null> {
  if (!supported()) return null;
  const reg = await Promise.race([
    navigator.serviceWorker.ready,
    new Promise<null>((r) => setTimeout(() => r(null), 5000)),
  ]);
  if (!reg?.active) return null;
  const channel = new MessageChannel();
  const answer = new Promise<T | null>((resolve) => {
    channel.port1.onmessage = (e) => resolve(e.data as T);
    setTimeout(() => resolve(null), timeoutMs);
  });
  reg.active.postMessage(message, [channel.port2]);
  return answer;
}

export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function say(text: string) {
  const out = document.querySelector<HTMLElement>('[data-offline-status]');
  if (!out) return;
  out.textContent = text;
  out.hidden = false;
}

async function keepThisPage() {
  say('Saving this chapter for offline reading…');
  const reply = await askWorker<KeepReply>({ type: 'keep', page: location.pathname });
  if (!reply) return say('This chapter could not be saved for offline reading in this browser.');
  if (reply.ok) say(`Saved for offline reading on this device, with its widgets (${megabytes(reply.bytes)}).`);
  else say(`Saved in part for offline reading: ${reply.missing.length} files could not be fetched.`);
  document.documentElement.dataset.offline = reply.ok ? 'kept' : 'partial';
}

function offerReload() {
  const toast = document.querySelector<HTMLElement>('[data-update-toast]');
  if (!toast) return;
  toast.hidden = false;
  toast.querySelector('button')?.addEventListener('click', () => location.reload(), { once: true });
}

export function registerOffline() {
  if (!supported() || !import.meta.env.PROD) return;
  // The worker announces a new edition only to pages open when it took over: pages of the old build.
  navigator.serviceWorker.addEventListener('message', (e) => {
    if ((e.data as { type?: string } | null)?.type === 'dln-offline-updated') offerReload();
  });
  const start = async () => {
    try {
      await navigator.serviceWorker.register('/sw.js');
    } catch {
      return;
    }
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
    if (/^\/lessons\/[a-z0-9-]+\/$/.test(location.pathname) && !saveData) await keepThisPage();
  };
  if (document.readyState === 'complete') void start();
  else addEventListener('load', () => void start(), { once: true });
}
