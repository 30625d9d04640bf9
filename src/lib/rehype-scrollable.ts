/**
 * Build-time rehype plugin (runs after rehype-katex) for everything in a lesson that may scroll sideways
 * on a narrow screen: display equations and tables. A region that scrolls must be reachable without a
 * mouse (WCAG 2.1.1; axe: scrollable-region-focusable), and which ones overflow depends on the reader's
 * screen, so all of them become keyboard-focusable:
 *
 * - a display equation gets tabindex="0" (KaTeX's MathML copy inside gives screen readers the content);
 * - a table is wrapped in <div class="table-scroll" role="region" tabindex="0" aria-label="Table: …">,
 *   named by its header cells, since a focusable region needs a name a screen reader can announce.
 *
 * Fixed here, at the root, every table and equation of every lesson is covered, new ones included.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

function visit(
  node: Root | RootContent,
  onElement: (el: Element, parent: Root | Element, index: number) => void,
): void {
  if (!('children' in node)) return;
  // Every node with children, MDX's JSX elements (the teaching components) included.
  const children = node.children as RootContent[];
  // Backwards: wrapping replaces a child in place.
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    visit(child, onElement);
    if (child.type === 'element') onElement(child, node as Element, i);
  }
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/** "Table: model, parameters, accuracy" from the first row's header cells (at most ~80 characters). */
export function tableLabel(table: Element): string {
  const headers: string[] = [];
  const collect = (el: Element) => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'th') headers.push(textOf(c).trim());
      else if (headers.length === 0 || c.tagName === 'thead') collect(c);
    }
  };
  collect(table);
  const names = headers.filter(Boolean).join(', ');
  return names ? `Table: ${names.length > 80 ? `${names.slice(0, 79)}…` : names}` : 'Table';
}

export default function rehypeScrollable() {
  return (tree: Root) => {
    visit(tree, (el, parent, index) => {
      const classes = el.properties?.className;
      if (Array.isArray(classes) && classes.includes('katex-display')) {
        el.properties.tabIndex = 0;
        return;
      }
      if (el.tagName === 'table') {
        const p = parent as Element;
        if (p.type === 'element' && (p.properties?.className as string[] | undefined)?.includes('table-scroll')) return;
        parent.children[index] = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: tableLabel(el) },
          children: [el],
        };
      }
    });
  };
}
