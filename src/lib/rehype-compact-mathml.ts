/**
 * Build-time rehype plugin (after rehype-katex, whose default output is each formula twice: KaTeX's HTML
 * layout, a dozen nested spans per symbol, plus a hidden MathML copy for screen readers). A long lesson's
 * formulas were most of its DOM (diffusion: 26,000 spans and 8,900 MathML elements in 662 formulas), and
 * current Chromium, Firefox and Safari lay out MathML Core themselves. So, per formula:
 *
 * - MathML only, compacted, wherever MathML Core holds up: KaTeX's HTML copy goes, and
 *   <span class="katex"><span class="katex-mathml"><math><semantics><mrow>…</mrow><annotation>TeX</annotation>
 *   </semantics></math></span>…</span> becomes <math class="math" alttext="TeX">…</math>. The TeX source
 *   stays with the formula as MathML's alttext. An <mrow> of one child is replaced by the child, which
 *   MathML Core defines as equivalent (an inferred mrow). A mathvariant other than "normal" (\mathcal,
 *   \mathbb, \mathbf), which MathML Core does not support, becomes Unicode math letters (math-alphabets.ts).
 *   Display math keeps one wrapper, the region that
 *   scrolls sideways when the equation is wider than the column (rehype-scrollable.ts makes it focusable).
 * - KaTeX's HTML (with its MathML copy) where a construct needs it: multi-line alignments
 *   (\begin{aligned}, align, split, gathered, cases), whose column alignment MathML Core leaves to CSS that
 *   Chromium does not apply to MathML tables (compared in docs/math-output.md).
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toMathAlphabet } from './math-alphabets';

/** TeX that needs KaTeX's HTML layout (see above). */
export const NEEDS_HTML = /\\begin\{(aligned|alignedat|align\*?|split|gathered|cases|rcases|eqnarray)\}/;

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

function unwrapSingleMrows(el: Element): Element {
  applyMathVariant(el);
  fixAccentWidth(el);
  el.children = el.children.map((c) => (isElement(c) ? unwrapSingleMrows(c) : c));
  if (el.tagName === 'mrow' && Object.keys(el.properties ?? {}).length === 0) {
    const kids = el.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    if (kids.length === 1 && isElement(kids[0])) return kids[0];
  }
  return el;
}

/** A KaTeX <math> as compact MathML carrying its TeX, or null when the TeX needs the HTML layout. */
export function compactMath(math: Element): Element | null {
  const semantics = childElements(math).find((c) => c.tagName === 'semantics');
  const annotation = semantics && childElements(semantics).find((c) => c.tagName === 'annotation');
  const tex = annotation ? textOf(annotation).trim() : '';
  if (NEEDS_HTML.test(tex)) return null;
  const body = semantics ? semantics.children.filter((c) => c !== annotation) : math.children;
  return {
    ...math,
    properties: { ...math.properties, className: ['math'], ...(tex ? { alttext: tex } : {}) },
    children: body.map((c) => (isElement(c) ? unwrapSingleMrows(c) : c)),
  };
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
      const compact = math && compactMath(math);
      if (compact) children[i] = compact;
      return;
    }
    visit(child);
  });
}

export default function rehypeCompactMathml() {
  return (tree: Root) => visit(tree);
}
