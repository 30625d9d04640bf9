/**
 * Build-time rehype plugin (after rehype-katex, whose default output is each formula twice: KaTeX's HTML
 * layout, a dozen nested spans per symbol, plus a hidden MathML copy for screen readers). A long lesson's
 * formulas were most of its DOM (diffusion: 26,000 spans and 8,900 MathML elements in 662 formulas), and
 * current Chromium, Firefox and Safari lay out MathML Core themselves. So, per formula:
 *
 * - MathML only, compacted, wherever MathML Core holds up: KaTeX's HTML copy goes, and
 *   <span class="katex"><span class="katex-mathml"><math><semantics><mrow>…</mrow><annotation>TeX</annotation>
 *   </semantics></math></span>…</span> becomes <math class="math" alttext="TeX">…</math>. The TeX source
 *   stays with the formula as MathML's alttext. An <mrow> of one child is replaced by the child, and an
 *   <mrow> that is the only child of <math>, <msqrt> and the like by its children: MathML Core lays those
 *   out as a row already (an "inferred mrow"), so nothing changes on screen or for a screen reader. A mathvariant other than "normal" (\mathcal,
 *   \mathbb, \mathbf), which MathML Core does not support, becomes Unicode math letters (math-alphabets.ts).
 *   Display math keeps one wrapper, the region that
 *   scrolls sideways when the equation is wider than the column (rehype-scrollable.ts makes it focusable).
 * - Multi-line alignments (\begin{aligned}, cases) too: their column alignment, which MathML Core leaves
 *   to CSS, is written as CSS on the cells (compared with KaTeX's HTML in docs/math-output.md). No formula
 *   of the lessons needs KaTeX's HTML any more, so neither its style sheet nor its fonts load.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toMathAlphabet } from './math-alphabets';

const isElement = (n: RootContent | ElementContent): n is Element => n.type === 'element';
const classes = (el: Element) => (el.properties?.className as string[] | undefined) ?? [];
const childElements = (el: Element) => el.children.filter(isElement);

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/** Token elements in a mathvariant MathML Core ignores: their letters as Unicode math alphanumerics. */
function applyMathVariant(el: Element): void {
  const variant = el.properties?.mathVariant ?? el.properties?.mathvariant;
  if (typeof variant !== 'string' || variant === 'normal' || !['mi', 'mn', 'mo', 'mtext'].includes(el.tagName)) return;
  const text = el.children.length === 1 && el.children[0].type === 'text' ? el.children[0].value : null;
  const mapped = text === null ? null : toMathAlphabet(text, variant);
  if (mapped === null) return;
  el.children = [{ type: 'text', value: mapped }];
  delete el.properties.mathVariant;
  delete el.properties.mathvariant;
  // A single letter in an <mi> is italic by default; the math letter already has its style.
  if (el.tagName === 'mi' && [...mapped].length === 1) el.properties.mathvariant = 'normal';
}

/**
 * An accent over a single letter (\hat x, \tilde\varepsilon) at its natural width: Chromium stretches an
 * accent <mo> to the base's width by default, which turns a tilde over ε into a wide wave.
 */
function fixAccentWidth(el: Element): void {
  if (el.tagName !== 'mover' || String(el.properties?.accent) !== 'true') return;
  const [base, accent] = childElements(el);
  if (base && accent?.tagName === 'mo' && ['mi', 'mn'].includes(base.tagName) && textOf(base).length <= 1) {
    accent.properties = { ...accent.properties, stretchy: 'false' };
  }
}

/** Elements whose children MathML Core lays out as one row already (an "inferred mrow"). */
const INFERRED_MROW = new Set(['math', 'msqrt', 'mtd', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'merror']);

/** An inferred-mrow element whose only child is a plain mrow takes that mrow's children itself. */
function unwrapRowChild(el: Element): void {
  if (!INFERRED_MROW.has(el.tagName)) return;
  const kids = childElements(el);
  const only = kids.length === 1 ? kids[0] : null;
  if (only?.tagName === 'mrow' && Object.keys(only.properties ?? {}).length === 0) el.children = only.children;
}

/**
 * MathML Core ignores <mtable>'s columnalign, rowspacing and columnspacing (they are MathML 3) and leaves
 * table layout to CSS, so an aligned derivation loses its alignment at the = signs. Written as CSS on
 * each cell (text-align, padding), Chromium lays it out as KaTeX meant: compared in docs/math-output.md.
 */
function tableLayoutAsCss(el: Element): void {
  if (el.tagName !== 'mtable') return;
  const list = (v: unknown) => (typeof v === 'string' ? v.trim().split(/\s+/) : []);
  const aligns = list(el.properties?.columnAlign ?? el.properties?.columnalign);
  const rowGap = list(el.properties?.rowSpacing ?? el.properties?.rowspacing)[0];
  const colGap = list(el.properties?.columnSpacing ?? el.properties?.columnspacing)[0];
  const half = (v: string | undefined) => (v ? `calc(${v} / 2)` : '0');
  for (const row of childElements(el).filter((r) => r.tagName === 'mtr')) {
    childElements(row)
      .filter((cell) => cell.tagName === 'mtd')
      .forEach((cell, k) => {
        const align = aligns.length ? aligns[Math.min(k, aligns.length - 1)] : 'center';
        const css = `text-align:${align};padding:${half(rowGap)} ${half(colGap)}`;
        cell.properties = { ...cell.properties, style: css };
      });
  }
}

function unwrapSingleMrows(el: Element): Element {
  applyMathVariant(el);
  fixAccentWidth(el);
  tableLayoutAsCss(el);
  el.children = el.children.map((c) => (isElement(c) ? unwrapSingleMrows(c) : c));
  unwrapRowChild(el);
  if (el.tagName === 'mrow' && Object.keys(el.properties ?? {}).length === 0) {
    const kids = el.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    if (kids.length === 1 && isElement(kids[0])) return kids[0];
  }
  return el;
}

/** A KaTeX <math> as compact MathML carrying its TeX. */
export function compactMath(math: Element): Element {
  const semantics = childElements(math).find((c) => c.tagName === 'semantics');
  const annotation = semantics && childElements(semantics).find((c) => c.tagName === 'annotation');
  const tex = annotation ? textOf(annotation).trim() : '';
  const body = semantics ? semantics.children.filter((c) => c !== annotation) : math.children;
  const out: Element = {
    ...math,
    properties: { ...math.properties, className: ['math'], ...(tex ? { alttext: tex } : {}) },
    children: body.map((c) => (isElement(c) ? unwrapSingleMrows(c) : c)),
  };
  unwrapRowChild(out);
  return out;
}

/** The <math> inside KaTeX's <span class="katex">, or null. */
function mathOf(katex: Element): Element | null {
  const mathml = childElements(katex).find((c) => classes(c).includes('katex-mathml'));
  return (mathml && childElements(mathml).find((c) => c.tagName === 'math')) ?? null;
}

function visit(node: Root | RootContent): void {
  if (!('children' in node)) return;
  // Every node with children is walked, MDX's JSX elements (the teaching components) included.
  const children = node.children as RootContent[];
  children.forEach((child, i) => {
    if (isElement(child) && classes(child).includes('katex')) {
      const math = mathOf(child);
      if (math) children[i] = compactMath(math);
      return;
    }
    visit(child);
  });
}

export default function rehypeCompactMathml() {
  return (tree: Root) => visit(tree);
}
