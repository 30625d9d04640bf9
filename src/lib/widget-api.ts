/**
 * The page's small API onto its live widgets, for what must not scrape the DOM: self-checks graded
 * against a widget's state and result, the contract tests, and the bench. Each hydrated widget
 * publishes its status, its decoded state and its metrics here on every change, and the same metrics
 * go on its root element as data-metric-* attributes.
 *
 *   window.dlnWidgets.get('ap')   → { id, name, status, state: { task: 'reverse', ... }, metrics: { ... } }
 *   root.addEventListener('dln:widget-update', (e) => e.detail)   (the event bubbles to document)
 */
import { metricAttribute } from './widget';
import type { WidgetStatus } from './runtime/status';

export type MetricValue = number | string | null;

export interface LiveWidgetInfo {
  id: string;
  name: string;
  status: WidgetStatus;
  state: Record<string, unknown>;
  metrics: Record<string, MetricValue>;
}

declare global {
  interface Window {
    dlnWidgets?: Map<string, LiveWidgetInfo>;
  }
}

export const WIDGET_UPDATE_EVENT = 'dln:widget-update';

/** Publishes a widget's current facts: the API map, its root's data attributes, and an update event. */
export function publishWidget(info: Omit<LiveWidgetInfo, 'name'>): void {
  const root = document.getElementById(info.id);
  if (!root) return;
  const full: LiveWidgetInfo = { ...info, name: root.dataset.widget ?? '' };
  window.dlnWidgets ??= new Map();
  window.dlnWidgets.set(info.id, full);
  root.dataset.status = info.status;
  for (const [key, value] of Object.entries(info.metrics)) {
    const attr = metricAttribute(key);
    if (value === null || value === undefined) root.removeAttribute(attr);
    else root.setAttribute(attr, typeof value === 'number' ? formatMetric(value) : value);
  }
  root.dispatchEvent(new CustomEvent(WIDGET_UPDATE_EVENT, { bubbles: true, detail: full }));
}

/** Numbers in attributes: integers as they are, others to 4 significant digits. */
function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
