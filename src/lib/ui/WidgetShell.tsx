/**
 * The live half of every widget frame (the static half is src/components/WidgetFrame.astro):
 * status sentence (aria-live), backend badge, notices for corrected input, error display, and the
 * Copy link / Reset pair. It also mirrors the widget's status onto the frame's root element, where
 * tests, the bench and CSS read `data-status`.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ParamSpecs } from '../params';
import { copyText, widgetLink } from '../url-state';
import type { WidgetState } from './use-widget-state';

/** Badge text for widgets whose math is a few plain numbers: no tfjs is loaded for them. */
export const PLAIN_JS_BACKEND = 'plain JavaScript (no tensors needed)';

export type WidgetStatus = 'loading' | 'ready' | 'running' | 'error';

interface Props {
  widgetId: string;
  status: WidgetStatus;
  /** One sentence with the current result in numbers; announced politely to screen readers. */
  summary: string;
  /** e.g. "wasm" or "plain JavaScript (no tensors needed)". */
  backend?: string;
  /** The widget's state hook: its notices, and Reset. */
  state: Pick<WidgetState<ParamSpecs>, 'notices' | 'dismissNotices' | 'reset'>;
  error?: string | null;
  children: ComponentChildren;
}

export function WidgetShell(props: Props) {
  const { widgetId, status, summary, backend, error } = props;
  const { notices, dismissNotices, reset } = props.state;
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    const root = document.getElementById(widgetId);
    if (!root) return;
    root.dataset.status = status;
    root.dataset.hydrated = '';
  }, [widgetId, status]);

  const copy = async () => {
    const ok = await copyText(widgetLink(widgetId));
    setCopied(ok ? 'copied' : 'failed');
    setTimeout(() => setCopied('idle'), 2500);
  };

  // At build time the island renders an empty shell: controls without JavaScript would be inert, and
  // the static figure beside it already shows the default state.
  if (typeof window === 'undefined') return <div class="widget-live" />;

  return (
    <div class="widget-live">
      {notices.length > 0 && (
        <div class="widget-notice" role="status">
          <ul>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" onClick={dismissNotices}>
            Dismiss
          </button>
        </div>
      )}
      {error && (
        <div class="widget-error" role="alert">
          <strong>Something went wrong:</strong> {error}
        </div>
      )}
      {props.children}
      <div class="widget-footer">
        <p class="widget-summary" aria-live="polite">
          {summary}
        </p>
        <div class="widget-actions">
          {backend && (
            <span class="badge" title="Where this widget computes">
              runs on: {backend}
            </span>
          )}
          <button type="button" onClick={copy}>
            {copied === 'copied' ? 'Link copied' : copied === 'failed' ? 'Copy failed' : 'Copy link'}
          </button>
          <button type="button" onClick={reset}>
            Reset
          </button>
        </div>
      </div>
    </div>
  );
}
