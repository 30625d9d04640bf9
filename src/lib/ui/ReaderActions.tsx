/**
 * Two small parts of the widget shell for readers and educators (src/lib/ui/WidgetShell.tsx):
 *
 * - EmbedAction: the "Embed" item beside Copy link. It gives the iframe snippet of this widget's embed
 *   page (/embed/<lesson>/<id>/, rendered alone from the registry), carrying the widget's current state,
 *   for a course page or an LMS. Shown only where an embed page exists: on a lesson and on an embed page.
 * - PrintState: a print-only line under the figure with the URL of the state it shows, so a printed
 *   handout leads back to the same run.
 *
 * Neither touches the widget's state: they read the page's address.
 */
import { useEffect, useState } from 'preact/hooks';
import { copyText } from '../url-state';

/** /embed/<lesson>/<id>/ for a widget on this page, or null where the page is not a lesson or an embed. */
export function embedPath(pathname: string, widgetId: string): string | null {
  const lesson = pathname.match(/^\/(?:lessons|embed)\/([a-z0-9-]+)\//)?.[1];
  return lesson ? `/embed/${lesson}/${widgetId}/` : null;
}

/** The widget's own keys (and the backend choice) of a query string. */
export function widgetQuery(search: string, widgetId: string): string {
  const params = new URLSearchParams(search);
  const out = new URLSearchParams();
  for (const [key, value] of params) if (key.startsWith(`${widgetId}.`) || key === 'backend') out.append(key, value);
  const text = out.toString();
  return text ? `?${text}` : '';
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedSnippet(src: string, title: string, height: number): string {
  return `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

export function EmbedAction({ widgetId }: { widgetId: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const path = typeof location === 'undefined' ? null : embedPath(location.pathname, widgetId);
  if (!path) return null;

  const root = document.getElementById(widgetId);
  const title = `${document.getElementById(`${widgetId}-title`)?.textContent ?? 'Widget'} (Deep Learning Notebook)`;
  // Room for the widget as it is now, rounded up to 50 px; the embed page also posts its height.
  const height = Math.ceil(((root?.getBoundingClientRect().height ?? 700) + 120) / 50) * 50;
  const snippet = embedSnippet(`${location.origin}${path}${widgetQuery(location.search, widgetId)}`, title, height);
  const panelId = `${widgetId}-embed`;

  const copy = async () => {
    setCopied((await copyText(snippet)) ? 'copied' : 'failed');
    setTimeout(() => setCopied('idle'), 2500);
  };

  return (
    <>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Embed
      </button>
      {open && (
        <div class="widget-embed" id={panelId}>
          <label for={`${panelId}-code`}>
            Embed code: this widget alone, in its current state, for a course page or an LMS
          </label>
          <textarea
            id={`${panelId}-code`}
            readOnly
            rows={3}
            value={snippet}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" onClick={copy}>
            {copied === 'copied' ? 'Embed code copied' : copied === 'failed' ? 'Copy failed' : 'Copy embed code'}
          </button>
        </div>
      )}
    </>
  );
}

export function PrintState({ widgetId, values }: { widgetId: string; values: Record<string, unknown> }) {
  // The URL is read when the reader prints too: the state may have changed since the last render.
  const [, setPrinting] = useState(0);
  useEffect(() => {
    const refresh = () => setPrinting((n) => n + 1);
    addEventListener('beforeprint', refresh);
    return () => removeEventListener('beforeprint', refresh);
  }, []);
  const settings = Object.entries(values)
    // Long text values (a drawn data set) are in the URL; the line keeps to the readable settings.
    .filter(([, v]) => v !== '' && typeof v !== 'object' && String(v).length <= 40)
    .map(([k, v]) => `${k} ${typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v)}`)
    .join(', ');
  // This widget's keys only: the printed URL restores this figure, whatever the other widgets show.
  const url = `${location.origin}${location.pathname}${widgetQuery(location.search, widgetId)}#${widgetId}`;
  return (
    <p class="widget-print-state">
      This figure shows: {settings}. The same state live: <span class="widget-print-url">{url}</span>
    </p>
  );
}
