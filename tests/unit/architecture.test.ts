/**
 * The layering ARCHITECTURE.md describes, checked on the source: imports point one way
 * (content → widgets → ml / math / lib), and TensorFlow.js stays out of everything a page loads.
 * ESLint gives the same rules as fast feedback per file (eslint.config.js); this test also follows
 * imports transitively, which a per-file lint cannot.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const SRC = join(ROOT, 'src');

interface Import {
  spec: string;
  /** `import type`, `export type`, or every named specifier marked `type`. */
  typeOnly: boolean;
  /** Resolved file inside the project, or null for packages. */
  file: string | null;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.(ts|tsx|astro|mjs)$/.test(name) ? [path] : [];
  });
}

const IMPORT_RE =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveFile(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = normalize(join(dirname(from), spec.replace(/\?.*$/, '')));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base;
}

function importsOf(file: string): Import[] {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.astro')) text = text.split('---')[1] ?? '';
  // Comments mention imports in prose; drop them.
  text = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[4] ?? m[5] ?? m[6];
    const clause = m[3] ?? '';
    const named = clause.match(/\{([^}]*)\}/)?.[1];
    const allNamedTypes =
      !!named &&
      !clause.replace(/\{[^}]*\}/, '').replace(/[\s,]/g, '') &&
      named
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '));
    out.push({ spec, typeOnly: !!m[2] || allNamedTypes, file: resolveFile(file, spec) });
  }
  return out;
}

const files = walk(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(ROOT, f);
const inside = (f: string | null, dir: string) => !!f && rel(f).startsWith(`${dir}/`);
const widgetOf = (f: string) => rel(f).match(/^src\/widgets\/([^/]+)\//)?.[1] ?? null;

/**
 * Files that run on the page (or render it at build time): views, wrappers, params, charts, summaries,
 * controllers, registry entries, static figures and compute modules of widgets, and the site's
 * components, layouts, pages and UI kit. What runs in a Worker (worker.ts and the sessions it imports)
 * is found by following imports, not by name.
 */
const PAGE_SIDE_NAME =
  /(View|Parts|Panel|Plane)\.tsx$|\.astro$|\/(params|charts|summary|controller|widget|static-figure|compute|protocol)\.ts$/;
const pageRoots = files.filter(
  (f) =>
    (inside(f, 'src/widgets') && PAGE_SIDE_NAME.test(f)) ||
    inside(f, 'src/components') ||
    inside(f, 'src/layouts') ||
    inside(f, 'src/pages') ||
    inside(f, 'src/lib/ui'),
);

/** Every file a page-side root reaches by value imports (type imports vanish when compiled). */
function pageClosure(): Map<string, string> {
  const reachedFrom = new Map<string, string>();
  const queue = pageRoots.map((f) => [f, f] as const);
  while (queue.length) {
    const [file, root] = queue.shift()!;
    if (reachedFrom.has(file)) continue;
    reachedFrom.set(file, root);
    for (const imp of graph.get(file) ?? []) {
      if (!imp.typeOnly && imp.file && graph.has(imp.file)) queue.push([imp.file, root]);
    }
  }
  return reachedFrom;
}

describe('architecture: imports point one way', () => {
  it('src/lib never imports src/ml or src/widgets', () => {
    const bad = files
      .filter((f) => inside(f, 'src/lib'))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((i) => inside(i.file, 'src/ml') || inside(i.file, 'src/widgets'))
          .map((i) => `${rel(f)} → ${i.spec}`),
      );
    expect(bad).toEqual([]);
  });

  it('src/math imports nothing but src/math, and never tfjs', () => {
    const bad = files
      .filter((f) => inside(f, 'src/math'))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((i) => (i.file ? !inside(i.file, 'src/math') : /^@tensorflow\//.test(i.spec)))
          .map((i) => `${rel(f)} → ${i.spec}`),
      );
    expect(bad).toEqual([]);
  });

  it('src/ml never imports widgets, the UI kit, components, Plot or Preact', () => {
    const bad = files
      .filter((f) => inside(f, 'src/ml'))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter(
            (i) =>
              inside(i.file, 'src/widgets') ||
              inside(i.file, 'src/lib/ui') ||
              inside(i.file, 'src/components') ||
              /^(preact|@observablehq\/plot|astro)/.test(i.spec),
          )
          .map((i) => `${rel(f)} → ${i.spec}`),
      );
    expect(bad).toEqual([]);
  });

  it('a widget imports no sibling widget except a *-shared folder', () => {
    const bad = files
      .filter((f) => widgetOf(f))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((i) => {
            if (!i.file) return false;
            const other = widgetOf(i.file);
            return other !== null && other !== widgetOf(f) && !other.endsWith('-shared');
          })
          .map((i) => `${rel(f)} → ${i.spec}`),
      );
    expect(bad).toEqual([]);
  });

  it('page-side code imports only types from src/ml and never @tensorflow, even transitively', () => {
    const closure = pageClosure();
    const bad: string[] = [];
    for (const [file, root] of closure) {
      for (const i of graph.get(file) ?? []) {
        if (i.typeOnly) continue;
        if (
          inside(i.file, 'src/ml') ||
          /^@tensorflow\//.test(i.spec) ||
          rel(i.file ?? '') === 'src/lib/tf-runtime.ts'
        ) {
          bad.push(`${rel(root)} … ${rel(file)} → ${i.spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
    // The check has teeth: the page-side set includes every widget's view and controller.
    expect(pageRoots.filter((f) => f.endsWith('controller.ts')).length).toBeGreaterThanOrEqual(3);
  });

  it('the import scanner sees value and type imports as they are written', () => {
    const probe = join(SRC, 'lib/runtime/worker-controller.ts');
    const imports = graph.get(probe)!;
    expect(imports.find((i) => i.spec === './status')?.typeOnly).toBe(false);
    expect(imports.find((i) => i.spec === '../backend-choice')?.typeOnly).toBe(true);
  });
});

describe('the widget registry', () => {
  it('names, for every widget, code files that exist (its code page shows them)', async () => {
    const entries = import.meta.glob<{ widget: { name: string; source: readonly string[] } }>(
      '../../src/widgets/*/widget.ts',
      {
        eager: true,
      },
    );
    const widgets = Object.values(entries).map((e) => e.widget);
    expect(widgets.length).toBeGreaterThanOrEqual(6);
    const missing = widgets.flatMap((w) =>
      w.source.filter((p) => !statSync(join(ROOT, p), { throwIfNoEntry: false })).map((p) => `${w.name}: ${p}`),
    );
    expect(missing).toEqual([]);
    for (const w of widgets) expect(w.source.length, w.name).toBeGreaterThan(0);
  });
});
