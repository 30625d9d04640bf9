/**
 * Build-time rendering of chart functions to SVG markup, for the figure a reader sees before the
 * island hydrates or without JavaScript. Imported only from .astro frontmatter (never shipped).
 */
import { parseHTML } from 'linkedom';
import type { ChartContext } from './plot';

export function renderStatic(make: (ctx: Required<ChartContext>) => Element): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return make({ document: document as unknown as Document }).outerHTML;
}
