/**
 * The addresses and text of a widget's Embed item and printed line (./widget-reader.ts): pure functions
 * of the page's address and the widget's state, tested in tests/unit/readers-embed-links.test.ts.
 */

/** /embed/<lesson>/<id>/ for a widget on this page, or null where the page is not a lesson or an embed. */
export function embedPath(pathname: string, widgetId: string): string | null {
  const lesson = pathname.match(/^\/(?:lessons|embed)\/([a-z0-9-]+)\//)?.[1];
  return lesson ? `/embed/${lesson}/${widgetId}/` : null;
}

/** The widget's own keys (and the backend choice) of a query string. */
export function widgetQuery(search: string, widgetId: string): string {
  const out = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.startsWith(`${widgetId}.`) || key === 'backend') out.append(key, value);
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedSnippet(src: string, title: string, height: number): string {
  return `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** The readable settings of a state, for the printed line (long text values, a drawn data set, stay in the URL). */
export function printedSettings(state: Record<string, unknown>): string {
  return Object.entries(state)
    .filter(([, v]) => v !== '' && v !== null && typeof v !== 'object' && String(v).length <= 40)
    .map(([k, v]) => `${k} ${typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v)}`)
    .join(', ');
}
