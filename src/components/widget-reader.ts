/**
 * Two reader parts of every widget frame (src/components/WidgetFrame.astro), kept outside the widget's
 * island: they read the page's widget API (src/lib/widget-api.ts) and the page's address, never the
 * widget's DOM, and never touch its state.
 *
 * - Embed: an "Embed" item in the row under the widget's Copy link and Reset, once the widget is live. It
 *   gives the iframe snippet of this widget's embed page (/embed/<lesson>/<id>/, rendered alone from the
 *   registry) carrying the widget's current state, for a course page or an LMS. Only where an embed page
 *   exists: on a lesson and on an embed page.
 * - Print: a print-only line under the live figure with its settings and the URL of that state (this
 *   widget's keys alone), so a printed handout leads back to the same run.
 *
 * Without JavaScript the element stays empty: no inert button (the static figure prints its own line).
 */
import { WIDGET_UPDATE_EVENT, type LiveWidgetInfo } from '../lib/widget-api';
import { embedPath, embedSnippet, printedSettings, widgetQuery } from './embed-links';

class WidgetReader extends HTMLElement {
  private root: HTMLElement | null = null;
  private state: Record<string, unknown> = {};
  private printLine: HTMLParagraphElement | null = null;
  private code: HTMLTextAreaElement | null = null;
  private readonly onUpdate = (e: Event) => this.update((e as CustomEvent<LiveWidgetInfo>).detail);
  private readonly onPrint = () => this.refresh();

  connectedCallback() {
    this.root = this.closest<HTMLElement>('figure.widget');
    if (!this.root) return;
    this.root.addEventListener(WIDGET_UPDATE_EVENT, this.onUpdate);
    addEventListener('beforeprint', this.onPrint);
    const known = window.dlnWidgets?.get(this.root.id);
    if (known) this.update(known);
  }

  disconnectedCallback() {
    this.root?.removeEventListener(WIDGET_UPDATE_EVENT, this.onUpdate);
    removeEventListener('beforeprint', this.onPrint);
  }

  private update(info: LiveWidgetInfo) {
    this.state = info.state;
    if (!this.printLine) this.build();
    // After the shell's own effects of this render, which write the state into the address.
    setTimeout(() => this.refresh(), 0);
  }

  private build() {
    const id = this.root!.id;
    const path = this.dataset.embed === 'false' ? null : embedPath(location.pathname, id);
    if (path) {
      const tools = document.createElement('div');
      tools.className = 'widget-embed-tools';
      const panelId = `${id}-embed`;
      const toggle = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Embed' });
      toggle.setAttribute('aria-expanded', 'false');
      toggle.setAttribute('aria-controls', panelId);
      const panel = Object.assign(document.createElement('div'), {
        className: 'widget-embed',
        id: panelId,
        hidden: true,
      });
      const label = Object.assign(document.createElement('label'), {
        htmlFor: `${panelId}-code`,
        textContent: 'Embed code: this widget alone, in its current state, for a course page or an LMS',
      });
      this.code = Object.assign(document.createElement('textarea'), { id: `${panelId}-code`, readOnly: true, rows: 3 });
      this.code.addEventListener('focus', () => this.code?.select());
      // The page's copy button (src/components/CopyButton.astro), on the snippet's text area.
      const copy = document.createElement('dln-copy');
      copy.dataset.target = this.code.id;
      copy.dataset.label = 'Copy embed code';
      panel.append(label, this.code, copy);
      toggle.addEventListener('click', () => {
        panel.hidden = !panel.hidden;
        toggle.setAttribute('aria-expanded', String(!panel.hidden));
        this.refresh();
      });
      tools.append(toggle, panel);
      this.append(tools);
    }
    this.printLine = Object.assign(document.createElement('p'), { className: 'widget-print-state' });
    this.append(this.printLine);
  }

  /** The snippet and the printed line from the address as it is now (the widget writes its state there). */
  private refresh() {
    const root = this.root!;
    const query = widgetQuery(location.search, root.id);
    const path = this.dataset.embed === 'false' ? null : embedPath(location.pathname, root.id);
    if (this.code && path) {
      const title = `${document.getElementById(`${root.id}-title`)?.textContent ?? 'Widget'} (Deep Learning Notebook)`;
      // Room for the widget as it is now, rounded up to 50 px; the embed page also posts its height.
      const height = Math.ceil((root.getBoundingClientRect().height + 120) / 50) * 50;
      this.code.value = embedSnippet(`${location.origin}${path}${query}`, title, height);
    }
    if (this.printLine) {
      const url = `${location.origin}${location.pathname}${query}#${root.id}`;
      this.printLine.textContent = `This figure shows: ${printedSettings(this.state)}. The same state live: ${url}`;
    }
  }
}

if (!customElements.get('dln-widget-reader')) customElements.define('dln-widget-reader', WidgetReader);
