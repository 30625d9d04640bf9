/**
 * Browser side of widget state: reads the page's query string and writes a widget's state back with
 * history.replaceState (no new history entry per slider tick, so Back still leaves the page).
 * The encoding rules themselves are pure and live in params.ts.
 */
import type { ParamSpecs, ParamValues } from './params';
import { decodeParams, encodeParams } from './params';

export function currentSearch(): URLSearchParams {
  return new URLSearchParams(location.search);
}

export function readWidgetState<S extends ParamSpecs>(specs: S, widgetId: string, base: Partial<ParamValues<S>>) {
  return decodeParams(specs, currentSearch(), widgetId, base);
}

export function writeWidgetState<S extends ParamSpecs>(
  specs: S,
  values: ParamValues<S>,
  widgetId: string,
  base: Partial<ParamValues<S>>,
): void {
  const search = encodeParams(specs, values, currentSearch(), widgetId, base).toString();
  // Keep the hash: a link to a widget state is usually also a link to its section.
  const url = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
  history.replaceState(history.state, '', url);
}

/** A link to this page, this widget's state, and the widget itself. */
export function widgetLink(widgetId: string): string {
  const url = new URL(location.href);
  url.hash = widgetId;
  return url.toString();
}

/** Copies text; where the Clipboard API is refused (http, permissions) falls back to a hidden textarea. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
