/**
 * Building DOM nodes from scripts that run without a framework (search, the assignment pages): text
 * goes in as text nodes, never as HTML, so nothing a reader or a URL supplies can become markup.
 */

/** A new element with these properties (Object.assign) and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node: HTMLElementTagNameMap[K] = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
