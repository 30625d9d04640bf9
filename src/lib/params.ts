/**
 * The params DSL: a widget declares its state once, and everything else (URL encoding, validation,
 * controls, Reset, props checking) derives from that declaration.
 *
 *   export const params = defineParams({
 *     heads: intParam({ default: 2, min: 1, max: 4, label: 'Heads', doc: 'Attention heads per layer' }),
 *     task: choiceParam({ default: 'reverse', options: ['reverse', 'sort'], label: 'Task' }),
 *   });
 *
 * URL form: `?<widgetId>.<key>=<value>`. Decoding never throws: unknown keys are ignored, numbers are
 * parsed strictly then clamped and snapped, choices are checked against their list, and every
 * correction yields a short human-readable notice. Pure functions, no DOM: they run in Node tests too.
 */

interface BaseSpec<T> {
  default: T;
  /** Visible control label. */
  label: string;
  /** One sentence for the control's description (shown as help text). */
  doc?: string;
}

export interface NumberSpec extends BaseSpec<number> {
  kind: 'number';
  min: number;
  max: number;
  /** Values snap to min + k·step. For `scale: 'log'` they snap to `digits` significant digits instead. */
  step: number;
  /** 'log' draws the slider over log10(value): right for learning rates and temperatures. */
  scale?: 'linear' | 'log';
  /** Significant digits kept on a log scale. */
  digits?: number;
  unit?: string;
}

export interface ChoiceSpec<T extends string = string> extends BaseSpec<T> {
  kind: 'choice';
  options: readonly T[];
  /** Display names; the URL always carries the option key. */
  optionLabels?: Partial<Record<T, string>>;
}

export interface BooleanSpec extends BaseSpec<boolean> {
  kind: 'boolean';
}

export interface TextSpec extends BaseSpec<string> {
  kind: 'text';
  maxLength: number;
}

export type ParamSpec = NumberSpec | ChoiceSpec<string> | BooleanSpec | TextSpec;
export type ParamSpecs = Record<string, ParamSpec>;

export type ValueOf<S extends ParamSpec> = S extends NumberSpec
  ? number
  : S extends ChoiceSpec<infer T>
    ? T
    : S extends BooleanSpec
      ? boolean
      : string;

export type ParamValues<S extends ParamSpecs> = { [K in keyof S]: ValueOf<S[K]> };

export function numberParam(spec: Omit<NumberSpec, 'kind'>): NumberSpec {
  return checkNumberSpec({ kind: 'number', ...spec });
}

/** An integer-valued number (step 1 unless told otherwise). */
export function intParam(spec: Omit<NumberSpec, 'kind' | 'step'> & { step?: number }): NumberSpec {
  return checkNumberSpec({ kind: 'number', step: 1, ...spec });
}

export function choiceParam<const T extends string>(spec: Omit<ChoiceSpec<T>, 'kind'>): ChoiceSpec<T> {
  if (!spec.options.includes(spec.default)) throw new Error(`choice default ${spec.default} is not an option`);
  return { kind: 'choice', ...spec };
}

export function booleanParam(spec: Omit<BooleanSpec, 'kind'>): BooleanSpec {
  return { kind: 'boolean', ...spec };
}

export function textParam(spec: Omit<TextSpec, 'kind'>): TextSpec {
  return { kind: 'text', ...spec };
}

export function defineParams<const S extends ParamSpecs>(specs: S): S {
  return specs;
}

function checkNumberSpec(spec: NumberSpec): NumberSpec {
  const { min, max, step } = spec;
  if (!(min <= max) || !(step > 0)) throw new Error(`bad number spec for ${spec.label}`);
  if (spec.scale === 'log' && !(min > 0)) throw new Error(`log scale needs min > 0 (${spec.label})`);
  if (snapNumber(spec, spec.default) !== spec.default) {
    throw new Error(`default ${spec.default} of ${spec.label} is not on its grid`);
  }
  return spec;
}

/** Clamp to [min, max], then snap: to the step grid, or to significant digits on a log scale. */
export function snapNumber(spec: NumberSpec, value: number): number {
  const clamped = Math.min(spec.max, Math.max(spec.min, value));
  if (spec.scale === 'log') {
    const snapped = Number(clamped.toPrecision(spec.digits ?? 2));
    return Math.min(spec.max, Math.max(spec.min, snapped));
  }
  const k = Math.round((clamped - spec.min) / spec.step);
  // Round away binary noise (0.1 + 0.2) at the step's own precision.
  const decimals = Math.max(0, -Math.floor(Math.log10(spec.step)) + 2);
  const snapped = Number((spec.min + k * spec.step).toFixed(decimals));
  return Math.min(spec.max, snapped);
}

// Strict: optional sign, digits, optional fraction, optional exponent. Rejects '', '0x10', '1,5', 'Infinity'.
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export interface Coerced<T> {
  value: T;
  /** Set when the raw value was unusable or out of range: says what was used instead. */
  notice?: string;
}

/**
 * Turns one raw string (from a URL or a typed field) into a valid value. Never throws. An unusable value
 * becomes `fallback`: the page's starting value (the MDX prop, else the param's default).
 */
export function coerceParam<S extends ParamSpec>(
  spec: S,
  raw: string,
  name = spec.label,
  fallback: ValueOf<S> = spec.default as ValueOf<S>,
): Coerced<ValueOf<S>> {
  const shown = raw.length > 24 ? `${raw.slice(0, 24)}…` : raw;
  type V = ValueOf<S>;
  switch (spec.kind) {
    case 'number': {
      const trimmed = raw.trim();
      const n = NUMBER_RE.test(trimmed) ? Number(trimmed) : NaN;
      if (!Number.isFinite(n)) {
        return { value: fallback, notice: `${name}: "${shown}" is not a number; using ${fallback}.` };
      }
      const value = snapNumber(spec, n);
      if (n < spec.min) return { value: value as V, notice: `${name}: ${shown} is below the minimum; using ${value}.` };
      if (n > spec.max) return { value: value as V, notice: `${name}: ${shown} is above the maximum; using ${value}.` };
      if (value !== n) return { value: value as V, notice: `${name}: ${shown} rounded to ${value}.` };
      return { value: value as V };
    }
    case 'choice': {
      if (spec.options.includes(raw)) return { value: raw as V };
      return {
        value: fallback,
        notice: `${name}: "${shown}" is not one of ${spec.options.join(', ')}; using ${fallback}.`,
      };
    }
    case 'boolean': {
      if (raw === '1' || raw === 'true') return { value: true as V };
      if (raw === '0' || raw === 'false') return { value: false as V };
      return {
        value: fallback,
        notice: `${name}: "${shown}" is not on/off (1 or 0); using ${fallback ? 'on' : 'off'}.`,
      };
    }
    case 'text': {
      if (raw.length > spec.maxLength) {
        return {
          value: raw.slice(0, spec.maxLength) as V,
          notice: `${name}: text longer than ${spec.maxLength} characters was cut.`,
        };
      }
      return { value: raw as V };
    }
  }
}

export function formatParam(spec: ParamSpec, value: unknown): string {
  if (spec.kind === 'boolean') return value ? '1' : '0';
  return String(value);
}

export function defaultValues<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) out[key] = spec.default;
  return out as ParamValues<S>;
}

export interface Decoded<S extends ParamSpecs> {
  values: ParamValues<S>;
  notices: string[];
}

/**
 * Reads a widget's state from a query string. `base` holds the page author's props (already valid):
 * precedence is URL > base > defaults. Keys of other widgets and unknown keys are ignored.
 */
export function decodeParams<S extends ParamSpecs>(
  specs: S,
  search: URLSearchParams,
  widgetId: string,
  base: Partial<ParamValues<S>> = {},
): Decoded<S> {
  const values: Record<string, unknown> = { ...defaultValues(specs), ...base };
  const notices: string[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    const raw = search.get(`${widgetId}.${key}`);
    if (raw === null) continue;
    const { value, notice } = coerceParam(spec, raw, spec.label, values[key] as ValueOf<typeof spec>);
    values[key] = value;
    if (notice) notices.push(notice);
  }
  return { values: values as ParamValues<S>, notices };
}

/**
 * Writes a widget's state into a copy of `search`, leaving other widgets' keys alone and omitting
 * every value equal to the page's own starting state (`base` over defaults), so links stay short.
 */
export function encodeParams<S extends ParamSpecs>(
  specs: S,
  values: ParamValues<S>,
  search: URLSearchParams,
  widgetId: string,
  base: Partial<ParamValues<S>> = {},
): URLSearchParams {
  const out = new URLSearchParams(search);
  const start = { ...defaultValues(specs), ...base } as Record<string, unknown>;
  for (const [key, spec] of Object.entries(specs)) {
    const name = `${widgetId}.${key}`;
    const value = (values as Record<string, unknown>)[key];
    if (value === start[key]) out.delete(name);
    else out.set(name, formatParam(spec, value));
  }
  return out;
}

/**
 * Checks the props a lesson author wrote in MDX. Unlike URL input these come from us, so an invalid
 * prop fails the build with a message naming the widget and the prop, instead of being corrected.
 */
export function validateProps<S extends ParamSpecs>(
  specs: S,
  props: Record<string, unknown>,
  widgetName: string,
): Partial<ParamValues<S>> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(props)) {
    const spec = specs[key];
    if (!spec || raw === undefined) continue;
    const { value, notice } = coerceParam(spec, formatParam(spec, raw), key);
    if (notice || (spec.kind === 'number' && typeof raw !== 'number')) {
      throw new Error(
        `<${widgetName}> prop ${key}=${JSON.stringify(raw)} is invalid: ${notice ?? 'expected a number'}`,
      );
    }
    out[key] = value;
  }
  return out as Partial<ParamValues<S>>;
}
