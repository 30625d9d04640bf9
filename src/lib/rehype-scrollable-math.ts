/**
 * Build-time rehype plugin (runs after rehype-katex): every display equation becomes a keyboard-focusable
 * region. Display math scrolls sideways when it is wider than the column (global.css: overflow-x auto),
 * and a region that scrolls must be reachable without a mouse (WCAG 2.1.1; axe: scrollable-region-
 * focusable). Which equations overflow depends on the reader's screen, so all of them get tabindex="0".
 * KaTeX's MathML copy inside gives screen readers the content.
 */
import type { Element, Root, RootContent } from 'hast';

function visit(node: Root | RootContent, onElement: (el: Element) => void): void {
  if (node.type === 'element') onElement(node);
  if ('children' in node) for (const child of node.children) visit(child, onElement);
}

export default function rehypeScrollableMath() {
  return (tree: Root) => {
    visit(tree, (el) => {
      const classes = el.properties?.className;
      if (Array.isArray(classes) && classes.includes('katex-display')) el.properties.tabIndex = 0;
    });
  };
}
