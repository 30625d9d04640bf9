/**
 * The widget registry's entry type. Each widget folder declares, once, in its widget.ts: its name (the
 * root's data-widget), title, caption, default id, params and the metrics it reports. The Astro
 * wrapper, the contract tests (tests/e2e), the bench and the embed pages all read these declarations,
 * so a new widget comes under contract without any test list being edited. Pure data: no DOM, no tfjs.
 */
import { defaultValues, validateProps, type ParamSpecs, type ParamValues } from './params';

export interface MetricSpec {
  /** What the number is, in words ("training steps per second"). */
  label: string;
  unit?: string;
}

export interface WidgetDefinition<S extends ParamSpecs = ParamSpecs> {
  /** data-widget value and the folder's name, e.g. "attention-playground". */
  name: string;
  /** The <Name> used in MDX, for build-time messages about bad props. */
  component: string;
  title: string;
  caption: string;
  /** Id used when the lesson gives none (ids namespace the URL state: ?<id>.<key>=...). */
  defaultId: string;
  params: S;
  /**
   * Numbers the widget reports while it runs: written on its root as data-metric-<kebab-name> and
   * published through the page's widget API (src/lib/widget-api.ts). The bench reads them.
   */
  metrics: Record<string, MetricSpec>;
  /** 'model': tfjs runs in a Worker (backends, fallbacks, tensors); 'plain': plain JavaScript on the page. */
  compute: 'model' | 'plain';
  /**
   * The code the widget runs, most important first (project-relative paths: its model in src/ml, its
   * math in src/math, its session or compute module): shown read-only, highlighted at build time, on the
   * widget's code page (/code/<name>/), which the widget links to.
   */
  source: readonly string[];
  /**
   * For the generated contract tests: values to use in the URL round trip instead of the generated ones
   * (each param's first valid value other than the default), where those would leave the widget unable
   * to show its controls (say why beside the value).
   */
  roundTrip?: Partial<ParamValues<S>>;
}

export function defineWidget<const S extends ParamSpecs>(definition: WidgetDefinition<S>): WidgetDefinition<S> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`widget name "${definition.name}" is not kebab-case`);
  if (!/^[a-z][a-z0-9-]*$/.test(definition.defaultId))
    throw new Error(`widget id "${definition.defaultId}" is invalid`);
  for (const key of Object.keys(definition.metrics)) {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(key)) throw new Error(`metric "${key}" of ${definition.name} is not camelCase`);
  }
  return definition;
}

/** The root attribute a metric is written to: stepsPerSecond → data-metric-steps-per-second. */
export function metricAttribute(key: string): string {
  return `data-metric-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export interface PreparedWidget<S extends ParamSpecs> {
  id: string;
  /** The MDX props, validated: the page's starting state over the defaults. */
  base: Partial<ParamValues<S>>;
  /** The state the page starts in (what the static figure shows). */
  start: ParamValues<S>;
}

/**
 * What an Astro wrapper does with its props: picks the id, validates the MDX props against the params
 * (a bad prop fails the build with the widget and prop named), and works out the starting state.
 */
export function prepareWidget<S extends ParamSpecs>(
  definition: WidgetDefinition<S>,
  props: Record<string, unknown>,
): PreparedWidget<S> {
  const { id = definition.defaultId, ...rest } = props as { id?: string } & Record<string, unknown>;
  if (typeof id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(id)) {
    throw new Error(`<${definition.component} id=${JSON.stringify(id)}>: use lowercase letters, digits and dashes`);
  }
  const base = validateProps(definition.params, rest, definition.component);
  return { id, base, start: { ...defaultValues(definition.params), ...base } };
}
