/**
 * The live half of every widget frame (the static half is src/components/WidgetFrame.astro):
 * status sentence (aria-live), backend badge, notices for corrected input, error display, and the
 * Copy link / Reset pair. It publishes the widget's status, state and metrics (src/lib/widget-api.ts):
 * onto the frame's root element, where tests, the bench and CSS read `data-status` and `data-metric-*`,
 * and into the page's widget API.
 *
 * Hydration: the island's server HTML is an empty shell (controls without JavaScript would be inert;
 * the static figure beside it shows the default state). The first client render must produce the same
 * empty shell, or Preact reports a mismatch for every element; the widget appears one render later.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ParamSpecs } from '../params';
import type { WidgetStatus } from '../runtime/status';
import { copyText, widgetLink } from '../url-state';
import { publishWidget, type MetricValue } from '../widget-api';
import type { WidgetState } from './use-widget-state';

/** Badge text for widgets whose math is a few plain numbers: no tfjs is loaded for them. */
export const PLAIN_JS_BACKEND = 'plain JavaScript (no tensors needed)';

export type { WidgetStatus };

interface Props {
  widgetId: string;
  status: WidgetStatus;
  /** One sentence with the current result in numbers; announced politely to screen readers. */
  summary: string;
  /** e.g. "wasm" or "plain JavaScript (no tensors needed)". */
  backend?: string;
  /** The widget's state hook: its values, notices, and Reset. */
  state: Pick<WidgetState<ParamSpecs>, 'values' | 'notices' | 'dismissNotices' | 'reset'>;
  error?: string | null;
  /** The numbers the widget declares in its widget.ts metrics (null while unknown). */
  metrics?: Record<string, MetricValue>;
  children: ComponentChildren;
}

export function WidgetShell(props: Props) {
  const { widgetId, status, summary, backend, error } = props;
  const { values, notices, dismissNotices, reset } = props.state;
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [hydrated, setHydrated] = useState(false);

  useEffect(() => setHydrated(true), []);
  // Every render: status, values and metrics are small, and the API must never lag the screen.
  useEffect(() => {
    publishWidget({ id: widgetId, status, state: values as Record<string, unknown>, metrics: props.metrics ?? {} });
    // The live widget is on screen from the render after hydration: the static figure can go.
    if (hydrated) document.getElementById(widgetId)?.setAttribute('data-hydrated', '');
  });

  const copy = async () => {
    const ok = await copyText(widgetLink(widgetId));
    setCopied(ok ? 'copied' : 'failed');
    setTimeout(() => setCopied('idle'), 2500);
  };

  if (!hydrated) return <div class="widget-live" />;

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

/** The shell of a plain-math widget: always ready once hydrated (it computes as the reader types), no tfjs. */
export function PlainWidgetShell(props: Omit<Props, 'status' | 'backend'> & { status?: WidgetStatus }) {
  return <WidgetShell status="ready" {...props} backend={PLAIN_JS_BACKEND} />;
}
