/**
 * Self-checks: the grading rules, pure and shared by the build (which writes answer keys) and the page
 * (which grades). Three kinds of question:
 *
 *   choice    one right option among several; the page holds only a hash of the right index.
 *   numeric   a number typed to a stated precision; the page holds hashes of every accepted value on
 *             that precision's grid (answer ± tolerance), never the answer itself.
 *   predict   "predict, then run": the reader commits to a range, then runs the widget; the check
 *             grades the prediction against the widget's own measurement once the setup's conditions
 *             hold, so the key is the live result, not a number written in the lesson.
 *   task      "make the widget do X": graded live from the widget's state and metrics as published by
 *             the page's widget API (src/lib/widget-api.ts: window.dlnWidgets), never from the DOM.
 *
 * Hashes keep the answer out of sight in the page, not secret: a determined reader can try every
 * option. They are there so the student build carries no readable answer (src/lib/audience.ts).
 */
import { sha256HexSync } from './sha256';

/** One answer's key: a short SHA-256 of the check's id and the normalised answer. */
export function answerKey(checkId: string, normalised: string): string {
  return sha256HexSync(new TextEncoder().encode(`dln-self-check:${checkId}:${normalised}`)).slice(0, 16);
}

// Strict like the URL params: sign, digits, one decimal point or comma, optional exponent.
const NUMBER_RE = /^[+-]?(\d+[.,]?\d*|[.,]\d+)(e[+-]?\d+)?$/i;

/** A typed number rounded to `decimals` places, as text; null when it is not a number. */
export function normaliseNumber(raw: string, decimals: number): string | null {
  const trimmed = raw.trim().replace(/\s/g, '').replace(/[−–]/, '-');
  if (!NUMBER_RE.test(trimmed)) return null;
  const n = Number(trimmed.replace(',', '.'));
  if (!Number.isFinite(n)) return null;
  const fixed = n.toFixed(decimals);
  return /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
}

/** Every value on the `decimals` grid within answer ± tolerance, as normalised text. */
export function acceptedNumbers(answer: number, tolerance: number, decimals: number): string[] {
  if (!(tolerance >= 0) || !Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new Error(`numeric self-check: tolerance ${tolerance} and decimals ${decimals} must be ≥ 0 (decimals ≤ 6)`);
  }
  const unit = 10 ** -decimals;
  const lo = Math.ceil((answer - tolerance) / unit - 1e-9);
  const hi = Math.floor((answer + tolerance) / unit + 1e-9);
  if (hi < lo)
    throw new Error(`numeric self-check: no value with ${decimals} decimals lies within ${answer} ± ${tolerance}`);
  if (hi - lo > 400)
    throw new Error(`numeric self-check: ${hi - lo + 1} accepted values; widen the grid (fewer decimals)`);
  const out: string[] = [];
  for (let k = lo; k <= hi; k++) out.push(normaliseNumber(String(k * unit), decimals)!);
  return out;
}

/** A condition on one value: equal to a literal, or within bounds, or one of a list. */
export type Condition = string | number | boolean | { min?: number; max?: number; oneOf?: (string | number)[] };

/** What a task (or a prediction's setup) asks of a widget: its status, state and metrics. */
export interface Goal {
  /** Default 'ready' or 'running': any status but loading and error. */
  status?: string;
  state?: Record<string, Condition>;
  metrics?: Record<string, Condition>;
}

export interface GoalPart {
  /** 'state' or 'metrics'. */
  kind: 'state' | 'metrics';
  key: string;
  ok: boolean;
  actual: unknown;
  want: Condition;
}

export interface LiveFacts {
  status: string;
  state: Record<string, unknown>;
  metrics: Record<string, unknown>;
}

export function meets(value: unknown, want: Condition): boolean {
  if (typeof want !== 'object') return value === want;
  if (want.oneOf) return want.oneOf.includes(value as string | number);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return (want.min === undefined || value >= want.min) && (want.max === undefined || value <= want.max);
}

/** Checks a goal against a widget's published facts; null facts (widget not live yet) meet nothing. */
export function evaluateGoal(goal: Goal, facts: LiveFacts | null): { met: boolean; parts: GoalPart[] } {
  const parts: GoalPart[] = [];
  for (const kind of ['state', 'metrics'] as const) {
    for (const [key, want] of Object.entries(goal[kind] ?? {})) {
      const actual = facts ? facts[kind][key] : undefined;
      parts.push({ kind, key, want, actual, ok: !!facts && meets(actual, want) });
    }
  }
  const statusOk =
    !!facts && (goal.status ? facts.status === goal.status : facts.status === 'ready' || facts.status === 'running');
  return { met: statusOk && parts.every((p) => p.ok), parts };
}

/** A condition in words: "= 1", "≥ 0.95", "between 0.1 and 0.2", "one of a, b". */
export function describeCondition(want: Condition): string {
  if (typeof want !== 'object') return `= ${String(want)}`;
  if (want.oneOf) return `one of ${want.oneOf.join(', ')}`;
  if (want.min !== undefined && want.max !== undefined) return `between ${want.min} and ${want.max}`;
  if (want.min !== undefined) return `≥ ${want.min}`;
  if (want.max !== undefined) return `≤ ${want.max}`;
  return 'any value';
}

export interface PredictOption {
  label: string;
  min?: number;
  max?: number;
}

/** The option whose range holds a measured value ([min, max): the last option also takes its max). */
export function bucketOf(value: number, options: PredictOption[]): number {
  return options.findIndex(
    (o, i) =>
      (o.min === undefined || value >= o.min) &&
      (o.max === undefined || value < o.max || (i === options.length - 1 && value === o.max)),
  );
}

/** Build-time checks of a goal against the widget's declared params and metrics. */
export function checkGoal(
  goal: Goal,
  params: Record<string, unknown>,
  metrics: Record<string, unknown>,
  where: string,
) {
  for (const key of Object.keys(goal.state ?? {})) {
    if (!(key in params)) throw new Error(`${where}: the widget has no param "${key}"`);
  }
  for (const key of Object.keys(goal.metrics ?? {})) {
    if (!(key in metrics)) throw new Error(`${where}: the widget declares no metric "${key}"`);
  }
}
