/**
 * The page side of <SelfCheck> (SelfCheck.astro): a custom element that grades the reader's answer.
 * Choice and numeric answers are compared by hash with the keys the build wrote; task and predict
 * checks follow the widget's live facts through the page's widget API: window.dlnWidgets for the
 * current facts, and the bubbling 'dln:widget-update' event for every change (src/lib/widget-api.ts).
 * Results go to the reader's progress in this browser (src/lib/progress.ts).
 */
import { recordCheck, updateProgress } from '../../lib/progress';
import {
  answerKey,
  bucketOf,
  describeCondition,
  evaluateGoal,
  normaliseNumber,
  type Goal,
  type GoalPart,
  type LiveFacts,
  type PredictOption,
} from '../../lib/self-check';
import type { LiveWidgetInfo, WIDGET_UPDATE_EVENT as UpdateEvent } from '../../lib/widget-api';

// The event's name, checked against the API's constant at compile time (importing the value would bring
// the API module and its params dependency onto every lesson page).
const WIDGET_UPDATE_EVENT: typeof UpdateEvent = 'dln:widget-update';

interface Labels {
  state: Record<string, string>;
  metrics: Record<string, { label: string; unit?: string }>;
}

function formatValue(value: unknown, unit?: string): string {
  if (typeof value !== 'number') return value === undefined || value === null ? 'not yet known' : String(value);
  if (unit === 'share') return `${(value * 100).toFixed(1)}%`;
  return Number.isInteger(value) ? value.toLocaleString('en') : String(Number(value.toPrecision(4)));
}

function formatWant(want: GoalPart['want'], unit?: string): string {
  if (unit === 'share' && typeof want === 'object' && !want.oneOf) {
    const pct = (v: number) => `${+(v * 100).toFixed(1)}%`;
    if (want.min !== undefined && want.max !== undefined) return `between ${pct(want.min)} and ${pct(want.max)}`;
    if (want.min !== undefined) return `≥ ${pct(want.min)}`;
    if (want.max !== undefined) return `≤ ${pct(want.max)}`;
  }
  return describeCondition(want);
}

const lessonSlug = () => location.pathname.match(/^\/(?:lessons|embed)\/([^/]+)\//)?.[1] ?? null;

class SelfCheckElement extends HTMLElement {
  private done = false;
  private prediction: number | null = null;
  private listener: ((e: Event) => void) | null = null;

  connectedCallback() {
    const form = this.querySelector('form');
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    if (this.dataset.kind === 'task') this.follow();
    // A locked-in prediction survives the reload that "Set up the demo" causes (this tab only).
    const saved = this.dataset.kind === 'predict' ? this.storage()?.getItem(this.predictKey) : null;
    if (saved !== null && saved !== undefined) {
      const input = this.querySelector<HTMLInputElement>(`input[type=radio][value="${Number(saved)}"]`);
      if (input) {
        input.checked = true;
        this.lockPrediction(Number(saved));
      }
    }
  }

  private get predictKey() {
    return `dln-predict-${this.checkId}`;
  }

  private storage(): Storage | null {
    try {
      return sessionStorage;
    } catch {
      return null;
    }
  }

  disconnectedCallback() {
    if (this.listener) document.removeEventListener(WIDGET_UPDATE_EVENT, this.listener);
  }

  private get checkId() {
    return this.dataset.checkId!;
  }

  private labels(): Labels {
    return JSON.parse(this.dataset.labels ?? '{"state":{},"metrics":{}}') as Labels;
  }

  private say(text: string, tone: 'right' | 'wrong' | 'info') {
    const out = this.querySelector<HTMLElement>('[data-feedback]')!;
    out.textContent = text;
    out.dataset.tone = tone;
  }

  private reveal() {
    this.querySelector<HTMLElement>('[data-explanation]')?.removeAttribute('hidden');
  }

  private record(ok: boolean) {
    const slug = lessonSlug();
    if (slug) updateProgress((p) => recordCheck(p, slug, this.checkId, ok));
    this.dataset.result = ok ? 'right' : 'wrong';
  }

  private chosen(): number | null {
    const input = this.querySelector<HTMLInputElement>('input[type=radio]:checked');
    return input ? Number(input.value) : null;
  }

  private submit() {
    const kind = this.dataset.kind;
    const keys = JSON.parse(this.dataset.keys ?? '[]') as string[];
    if (kind === 'choice') {
      const i = this.chosen();
      if (i === null) return this.say('Choose an answer first.', 'info');
      const ok = keys.includes(answerKey(this.checkId, String(i)));
      this.say(ok ? 'Right.' : 'Not quite. Think again, then try another answer.', ok ? 'right' : 'wrong');
      this.record(ok);
      this.reveal();
    } else if (kind === 'numeric') {
      const raw = this.querySelector<HTMLInputElement>('input[type=text]')!.value;
      const decimals = Number(this.dataset.decimals ?? 0);
      const value = normaliseNumber(raw, decimals);
      if (value === null) return this.say(`"${raw.slice(0, 20)}" is not a number: type digits, such as 0.35.`, 'info');
      const ok = keys.includes(answerKey(this.checkId, value));
      this.say(
        ok ? `Right: ${value}.` : `Not quite: ${value} is off. Check your working and try again.`,
        ok ? 'right' : 'wrong',
      );
      this.record(ok);
      this.reveal();
    } else if (kind === 'predict') {
      const i = this.chosen();
      if (i === null) return this.say('Choose your prediction first.', 'info');
      try {
        this.storage()?.setItem(this.predictKey, String(i));
      } catch {
        // Without storage the prediction holds until the page reloads.
      }
      this.lockPrediction(i);
    }
  }

  private lockPrediction(i: number) {
    this.prediction = i;
    for (const input of this.querySelectorAll<HTMLInputElement>('input[type=radio]')) input.disabled = true;
    this.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled = true;
    this.querySelector<HTMLElement>('[data-goal-list][hidden]')?.removeAttribute('hidden');
    this.say('Prediction locked in. Now run the widget: the check grades it when the conditions below hold.', 'info');
    this.follow();
  }

  /** Follows the widget's live facts: now, and on every update it publishes. */
  private follow() {
    const id = this.dataset.checkWidget!;
    const update = (info: LiveWidgetInfo | undefined) => this.onFacts(info ? (info as LiveFacts) : null);
    update(window.dlnWidgets?.get(id));
    if (this.listener) return;
    this.listener = (e: Event) => {
      const detail = (e as CustomEvent<LiveWidgetInfo>).detail;
      if (detail?.id === id) update(detail);
    };
    document.addEventListener(WIDGET_UPDATE_EVENT, this.listener);
  }

  private onFacts(facts: LiveFacts | null) {
    if (this.done) return;
    const goal = JSON.parse(this.dataset.goal ?? '{}') as Goal;
    const { met, parts } = evaluateGoal(goal, facts);
    this.showGoal(parts, facts);
    if (!met) return;
    if (this.dataset.kind === 'task') {
      this.done = true;
      this.say('Done: the widget shows everything this check asks for.', 'right');
      this.record(true);
      this.reveal();
    } else if (this.dataset.kind === 'predict' && this.prediction !== null) {
      const metric = this.dataset.metric!;
      const value = facts!.metrics[metric];
      if (typeof value !== 'number') return;
      this.done = true;
      const options = JSON.parse(this.dataset.options ?? '[]') as PredictOption[];
      const bucket = bucketOf(value, options);
      const ok = bucket === this.prediction;
      const { label, unit } = this.labels().metrics[metric];
      const measured = `The widget measured ${label} ${formatValue(value, unit)}`;
      const outcome = bucket >= 0 ? ` (${options[bucket].label})` : '';
      this.say(
        ok
          ? `${measured}${outcome}: your prediction was right.`
          : `${measured}${outcome}: your prediction, "${options[this.prediction].label}", was not. What did you miss?`,
        ok ? 'right' : 'wrong',
      );
      this.record(ok);
      this.reveal();
      this.storage()?.removeItem(this.predictKey);
    }
  }

  private showGoal(parts: GoalPart[], facts: LiveFacts | null) {
    const list = this.querySelector<HTMLElement>('[data-goal-list]');
    if (!list) return;
    const labels = this.labels();
    const items = parts.map((p) => {
      const metric = p.kind === 'metrics' ? labels.metrics[p.key] : undefined;
      const name = p.kind === 'state' ? (labels.state[p.key] ?? p.key) : (metric?.label ?? p.key);
      const unit = metric?.unit;
      const now = facts ? `now ${formatValue(p.actual, unit)}` : 'widget not loaded yet';
      return `${p.ok ? '✓' : '○'} ${name} ${formatWant(p.want, unit)} (${now})`;
    });
    // Rewritten only when the text changes: a training widget publishes several times a second.
    const text = items.join('\n');
    if (list.dataset.text === text) return;
    list.dataset.text = text;
    list.replaceChildren(
      ...items.map((t, i) => {
        const li = document.createElement('li');
        li.textContent = t;
        li.dataset.ok = String(parts[i].ok);
        return li;
      }),
    );
  }
}

if (!customElements.get('dln-self-check')) customElements.define('dln-self-check', SelfCheckElement);
