/**
 * The widget registry as the browser tests see it: every widget's declaration (src/widgets/<name>/
 * widget.ts: params, metrics, compute) and every place the built site shows one (a page, an id). Both
 * are discovered, not listed: a new widget in any lesson comes under the contract tests by itself.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatParam, type ParamSpec, type ParamSpecs } from '../../src/lib/params';
import type { WidgetDefinition } from '../../src/lib/widget';

const ROOT = process.cwd();
const DIST = join(ROOT, 'dist');

export interface WidgetInstance {
  /** Site path of the page, e.g. /lessons/transformers/. */
  page: string;
  id: string;
  definition: WidgetDefinition;
}

/** Every src/widgets/<name>/widget.ts, by widget name. */
export async function loadDefinitions(): Promise<Map<string, WidgetDefinition>> {
  const dir = join(ROOT, 'src', 'widgets');
  const out = new Map<string, WidgetDefinition>();
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'widget.ts');
    if (!existsSync(file)) continue;
    const { widget } = (await import(pathToFileURL(file).href)) as { widget: WidgetDefinition };
    if (widget.name !== name) throw new Error(`${relative(ROOT, file)} declares "${widget.name}", not "${name}"`);
    out.set(name, widget);
  }
  return out;
}

function htmlPages(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '_astro' ? [] : htmlPages(path);
    return name === 'index.html' ? [path] : [];
  });
}

const ROOT_RE = /<figure\b[^>]*\bdata-widget="([a-z0-9-]+)"[^>]*>/g;

/** Every widget on every built page, in page order. Needs `npm run build` first. */
export async function widgetInstances(): Promise<WidgetInstance[]> {
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` before the browser tests.');
  const definitions = await loadDefinitions();
  const out: WidgetInstance[] = [];
  for (const file of htmlPages().sort()) {
    const page = `/${relative(DIST, file).replace(/index\.html$/, '')}`;
    for (const m of readFileSync(file, 'utf8').matchAll(ROOT_RE)) {
      const id = m[0].match(/\bid="([^"]+)"/)?.[1];
      const definition = definitions.get(m[1]);
      if (!id || !definition) throw new Error(`${page}: widget "${m[1]}" has no id or no widget.ts`);
      out.push({ page, id, definition });
    }
  }
  return out;
}

/** Every page the build wrote (its site path), widgets or not. */
export function allPages(): string[] {
  return htmlPages()
    .sort()
    .map((file) => `/${relative(DIST, file).replace(/index\.html$/, '')}`);
}

/** Pages that show at least one widget. */
export function pagesOf(instances: WidgetInstance[]): string[] {
  return [...new Set(instances.map((i) => i.page))];
}

/**
 * A valid value other than `start` for each param (the generated round trip): a number one step away,
 * the next option, the other boolean. Text params take the widget's declared roundTrip value, if any.
 */
export function roundTripValues(definition: WidgetDefinition, start: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(definition.params as ParamSpecs)) {
    const declared = (definition.roundTrip as Record<string, unknown> | undefined)?.[key];
    const value = declared !== undefined ? declared : otherValue(spec, start[key]);
    if (value !== undefined && value !== start[key]) out[key] = value;
  }
  return out;
}

function otherValue(spec: ParamSpec, current: unknown): unknown {
  switch (spec.kind) {
    case 'number': {
      if (spec.scale === 'log') {
        const up = Number(((current as number) * 2).toPrecision(spec.digits ?? 2));
        return up <= spec.max ? up : Number(((current as number) / 2).toPrecision(spec.digits ?? 2));
      }
      const up = Number(((current as number) + spec.step).toFixed(6));
      return up <= spec.max ? up : Number(((current as number) - spec.step).toFixed(6));
    }
    case 'choice':
      return spec.options[(spec.options.indexOf(current as string) + 1) % spec.options.length];
    case 'boolean':
      return !current;
    case 'text':
      return undefined;
  }
}

/** An unusable raw value per param, and what the widget must do with it. */
export function garbledValues(definition: WidgetDefinition): { raw: Record<string, string>; labels: string[] } {
  const raw: Record<string, string> = {};
  const labels: string[] = [];
  for (const [key, spec] of Object.entries(definition.params as ParamSpecs)) {
    if (spec.kind === 'text') continue; // any text up to its length is a value; the widget's own checks read it
    raw[key] = { number: 'abc', choice: '<script>', boolean: 'maybe' }[spec.kind];
    labels.push(spec.label);
  }
  return { raw, labels };
}

/** The query string of a widget state: ?<id>.<key>=<value>… */
export function stateQuery(definition: WidgetDefinition, id: string, values: Record<string, unknown>): string {
  const params = definition.params as ParamSpecs;
  return new URLSearchParams(
    Object.entries(values).map(([k, v]) => [`${id}.${k}`, typeof v === 'string' ? v : formatParam(params[k], v)]),
  ).toString();
}
