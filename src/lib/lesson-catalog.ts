/**
 * What a lesson's MDX source says about its widgets, exercises and self-checks, read at build time from
 * the MDX syntax tree (never by running the lesson): which widget component each tag is (from the
 * lesson's own `import X from '…/widgets/<folder>/<File>.astro'` lines), the literal props the tag gives
 * it, and the h2 section it sits in. The embed pages render a widget with exactly these props; the
 * assignment builder lists sections, exercises and widgets from the same reading.
 *
 * Props must be literals (strings, numbers, booleans, arrays and objects of them): a widget tag whose
 * props are computed fails the build here, with the lesson and the tag named, instead of giving an
 * embed page that differs from the lesson. Build-time only (Node): no DOM.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mathFromMarkdown } from 'mdast-util-math';
import { toString } from 'mdast-util-to-string';
import { math } from 'micromark-extension-math';

/**
 * The MDX syntax modules, imported by a name TypeScript does not follow: their type declarations
 * augment hast's node types for the whole program (mdast-util-mdx-jsx), which would change the types
 * the site's rehype plugins see. Typed here by what this file uses.
 */
type Extension = Parameters<typeof fromMarkdown>[1] extends infer O ? NonNullable<O> : never;
async function mdxSyntax(): Promise<{
  syntax: NonNullable<Extension['extensions']>[number];
  tree: NonNullable<Extension['mdastExtensions']>[number];
}> {
  const names = ['micromark-extension-mdxjs', 'mdast-util-mdx'];
  const [micromark, mdast] = (await Promise.all(names.map((n) => import(/* @vite-ignore */ n)))) as [
    { mdxjs: () => NonNullable<Extension['extensions']>[number] },
    { mdxFromMarkdown: () => NonNullable<Extension['mdastExtensions']>[number] },
  ];
  return { syntax: micromark.mdxjs(), tree: mdast.mdxFromMarkdown() };
}

export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

export interface WidgetTag {
  /** The widget's folder under src/widgets (its registry name). */
  folder: string;
  /** The .astro file's base name, e.g. "AttentionPlayground". */
  file: string;
  /** The local name the lesson uses for it. */
  component: string;
  /** The props written on the tag as literals (id included when given). */
  props: Record<string, Literal>;
  /**
   * Props given by an expression the build cannot evaluate here (a code cell's program, imported from the
   * lesson's cells.ts): such a tag has no embed page, since its props cannot be rebuilt from the tag alone.
   */
  computed: string[];
  /** Index of the h2 section it sits in (-1 before the first h2). */
  section: number;
}

export interface ExerciseTag {
  id: string;
  title: string;
  widget?: string;
  state?: string;
  section: number;
}

export interface SelfCheckTag {
  id: string;
  title: string;
  kind: string;
  widget?: string;
  section: number;
}

export interface LessonOutline {
  /** Text of every h2, in order (their slugs come from Astro's render(), matched by position). */
  h2: string[];
  widgets: WidgetTag[];
  exercises: ExerciseTag[];
  checks: SelfCheckTag[];
}

interface Node {
  type: string;
  name?: string | null;
  depth?: number;
  value?: string;
  attributes?: Attribute[];
  children?: Node[];
  data?: { estree?: Program };
}
interface Attribute {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string; data?: { estree?: Program } };
}
interface Program {
  body: { type: string; expression?: Estree }[];
}
interface Estree {
  type: string;
  value?: unknown;
  operator?: string;
  argument?: Estree;
  elements?: (Estree | null)[];
  properties?: { type: string; key: Estree; value: Estree; computed?: boolean }[];
  name?: string;
  quasis?: { value: { cooked: string } }[];
  expressions?: Estree[];
}

const WIDGET_IMPORT_RE =
  /import\s+([A-Za-z_$][\w$]*)\s+from\s+['"][^'"]*\/widgets\/([a-z0-9-]+)\/([A-Za-z0-9]+)\.astro['"]/g;

/** Whether literalOf can evaluate the expression. */
function isLiteral(node: Estree): boolean {
  try {
    literalOf(node, '');
    return true;
  } catch {
    return false;
  }
}

/** Evaluates a literal expression tree; anything computed throws. */
function literalOf(node: Estree, where: string): Literal {
  switch (node.type) {
    case 'Literal':
      if (['string', 'number', 'boolean'].includes(typeof node.value) || node.value === null) {
        return node.value as Literal;
      }
      break;
    case 'UnaryExpression':
      if (node.argument && (node.operator === '-' || node.operator === '+')) {
        const v = literalOf(node.argument, where);
        if (typeof v === 'number') return node.operator === '-' ? -v : v;
      }
      break;
    case 'ArrayExpression':
      return (node.elements ?? []).map((e) => literalOf(e ?? { type: 'Literal', value: null }, where));
    case 'ObjectExpression': {
      const out: Record<string, Literal> = {};
      for (const p of node.properties ?? []) {
        if (p.type !== 'Property' || p.computed) break;
        const key = p.key.type === 'Identifier' ? p.key.name : String(p.key.value);
        out[key!] = literalOf(p.value, where);
      }
      if (Object.keys(out).length === (node.properties ?? []).length) return out;
      break;
    }
    case 'TemplateLiteral':
      if ((node.expressions ?? []).length === 0) return node.quasis?.[0]?.value.cooked ?? '';
      break;
  }
  throw new Error(`${where}: props must be literals (found a ${node.type})`);
}

/** A tag's literal props; a computed one throws, unless `computed` collects its name instead. */
function attributesOf(node: Node, where: string, computed?: string[]): Record<string, Literal> {
  const out: Record<string, Literal> = {};
  for (const attr of node.attributes ?? []) {
    if (attr.type !== 'mdxJsxAttribute' || !attr.name) throw new Error(`${where}: spread props are not supported`);
    const v = attr.value;
    if (v === null || v === undefined) out[attr.name] = true;
    else if (typeof v === 'string') out[attr.name] = v;
    else {
      const expr = v.data?.estree?.body[0]?.expression;
      if (!expr) throw new Error(`${where}: prop ${attr.name} is not an expression`);
      if (computed && !isLiteral(expr)) computed.push(attr.name);
      else out[attr.name] = literalOf(expr, `${where} prop ${attr.name}`);
    }
  }
  return out;
}

/** Reads a lesson's outline from its MDX body (the text after the frontmatter). */
export async function outlineLesson(body: string, lesson: string): Promise<LessonOutline> {
  const imports = new Map<string, { folder: string; file: string }>();
  for (const m of body.matchAll(WIDGET_IMPORT_RE)) imports.set(m[1], { folder: m[2], file: m[3] });

  const mdx = await mdxSyntax();
  const tree = fromMarkdown(body, {
    extensions: [mdx.syntax, math()],
    mdastExtensions: [mdx.tree, mathFromMarkdown()],
  }) as unknown as Node;

  const outline: LessonOutline = { h2: [], widgets: [], exercises: [], checks: [] };
  const walk = (node: Node) => {
    if (node.type === 'heading' && node.depth === 2) outline.h2.push(toString(node as never));
    const section = outline.h2.length - 1;
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) {
      const where = `${lesson}: <${node.name}>`;
      const widget = imports.get(node.name);
      if (widget) {
        const computed: string[] = [];
        const props = attributesOf(node, where, computed);
        outline.widgets.push({ ...widget, component: node.name, props, computed, section });
      } else if (node.name === 'Exercise') {
        // An exercise's setup state may be computed (a code cell's solution token from cells.ts): then the
        // outline has no state for it and the assignment builder offers no preset for that exercise.
        const a = attributesOf(node, where, []);
        outline.exercises.push({
          id: String(a.id),
          title: String(a.title),
          widget: typeof a.widget === 'string' ? a.widget : undefined,
          state: typeof a.state === 'string' ? a.state : undefined,
          section,
        });
      } else if (node.name === 'SelfCheck') {
        const a = attributesOf(node, where);
        outline.checks.push({
          id: String(a.id),
          title: String(a.title),
          kind: String(a.kind),
          widget: typeof a.widget === 'string' ? a.widget : undefined,
          section,
        });
      }
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return outline;
}

/** The id a widget tag gets on the page: its `id` prop, else its registry default. */
export function tagId(tag: WidgetTag, defaultId: string): string {
  return typeof tag.props.id === 'string' ? tag.props.id : defaultId;
}
