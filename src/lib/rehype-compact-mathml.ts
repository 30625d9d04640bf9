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
 * - Fewer elements for two frequent constructs, drawn the same: an accent over one letter (\bar\alpha,
 *   \hat x: <mover> of an <mi> and an <mo>, three elements, 305 of them in the diffusion lesson) becomes one
 *   <mi> holding the letter in math italic and a combining accent (𝛼̄); a space of TeX's (\, \; \qquad:
 *   an <mtext> of Unicode spaces or an <mspace>) becomes a margin on its neighbour, of TeX's width in em.
 *   docs/math-output.md gives the widths compared in Chromium, formula by formula.
 * - Multi-line alignments (\begin{aligned}, cases) too: their column alignment, which MathML Core leaves
 *   to CSS, is written as CSS on the cells (compared with KaTeX's HTML in docs/math-output.md). No formula
 *   of the lessons needs KaTeX's HTML any more, so neither its style sheet nor its fonts load.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { mathItalic, toMathAlphabet } from './math-alphabets';

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

/** Combining marks for the accents KaTeX writes as an <mo> over a letter (\bar, \hat, \tilde, \dot, …). */
const COMBINING_ACCENT: Record<string, string> = {
  ˉ: '\u0304',
  '¯': '\u0304',
  '^': '\u0302',
  ˆ: '\u0302',
  '~': '\u0303',
  '˜': '\u0303',
  '˙': '\u0307',
  '¨': '\u0308',
  ˇ: '\u030c',
  '\u20d7': '\u20d7',
};

/**
 * An accent over one letter as one token: <mover accent><mi>α</mi><mo>ˉ</mo></mover> -> <mi>𝛼̄</mi>. A lone
 * letter in an <mi> is drawn in math italic (math-auto), which no longer applies to two characters, so the
 * letter is written in math italic itself; an upright one (mathvariant="normal", a digit) stays as it is.
 * Returns null when the construct is anything else (a wide accent, a base of several symbols).
 */
function accentAsCombiningMark(el: Element): Element | null {
  if (el.tagName !== 'mover' || String(el.properties?.accent) !== 'true') return null;
  const kids = childElements(el);
  const [base, accent] = kids;
  if (kids.length !== 2 || accent.tagName !== 'mo' || !['mi', 'mn'].includes(base.tagName)) return null;
  const mark = COMBINING_ACCENT[textOf(accent)];
  const letter = textOf(base);
  if (!mark || [...letter].length !== 1) return null;
  const upright = base.tagName === 'mn' || base.properties?.mathvariant === 'normal';
  const drawn = upright ? letter : mathItalic(letter);
  if (drawn === null) return null;
  const { mathvariant: _variant, ...rest } = base.properties ?? {};
  return { ...base, properties: rest, children: [{ type: 'text', value: drawn + mark }] };
}

/** TeX's math spaces as KaTeX writes them in an <mtext>, in em (1 mu = 1/18 em). */
const SPACE_EM: Record<string, number> = { '\u2009': 3 / 18, '\u2005': 4 / 18, '\u200a': 1 / 18 };

/** The width in em of an element that is only a space (\, \: \; \quad), or null. */
function spaceWidthEm(el: Element): number | null {
  if (el.tagName === 'mspace') {
    const keys = Object.keys(el.properties ?? {});
    const m = /^(-?[\d.]+)em$/.exec(String(el.properties?.width ?? ''));
    return keys.length === 1 && m ? Number(m[1]) : null;
  }
  if (el.tagName !== 'mtext' || Object.keys(el.properties ?? {}).length) return null;
  const text = textOf(el);
  if (!text || el.children.length !== 1) return null;
  let em = 0;
  for (const ch of text) {
    if (SPACE_EM[ch] === undefined) return null;
    em += SPACE_EM[ch];
  }
  return em;
}

function addMargin(el: Element, side: 'start' | 'end', em: number): void {
  const style = el.properties?.style ? `${String(el.properties.style)};` : '';
  el.properties = { ...el.properties, style: `${style}margin-inline-${side}:${Number(em.toFixed(4))}em` };
}

/**
 * Each positive space among a row's children becomes a margin on the next element (or, at the end of the
 * row, on the previous one): one element fewer, the same gap. A space alone stays.
 */
function spacesAsMargins(el: Element): void {
  if (el.tagName !== 'mrow' && !INFERRED_MROW.has(el.tagName)) return;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i];
    const em = isElement(kid) ? spaceWidthEm(kid) : null;
    if (em === null || em <= 0) continue;
    const next = kids.slice(i + 1).find(isElement);
    const prev = kids.slice(0, i).reverse().find(isElement);
    const host = next && spaceWidthEm(next) === null ? next : prev;
    if (!host || spaceWidthEm(host) !== null) continue;
    addMargin(host, host === next ? 'start' : 'end', em);
    kids.splice(i, 1);
    i--;
  }
}

const OPENING = new Set(['(', '[', '{', '⟨', '|', '‖', '∣', '∥', '⌊', '⌈']);

/**
 * TeX puts a thin space after an operator name (\log p, \operatorname{softmax} x) unless a bracket opens
 * next (\log(x)). KaTeX writes the name, then an invisible function application (U+2061), which MathML
 * Core's operator dictionary spaces by zero, so "log p" came out "logp". The <mo> gets TeX's space as its
 * rspace; it stays, and a screen reader still hears a function applied.
 */
/** A bracket opens next: an <mo> such as "(", or a \left( … \right) row. */
function opensWithBracket(el: Element): boolean {
  if (el.tagName === 'mo') return OPENING.has(textOf(el));
  const first = childElements(el)[0];
  return el.tagName === 'mrow' && first !== undefined && opensWithBracket(first);
}

function functionApplicationSpace(el: Element): void {
  if (el.tagName !== 'mrow' && !INFERRED_MROW.has(el.tagName)) return;
  const kids = childElements(el);
  kids.forEach((kid, i) => {
    if (kid.tagName !== 'mo' || textOf(kid) !== '\u2061' || kid.properties?.rspace !== undefined) return;
    const next = kids[i + 1];
    if (!next || String(next.properties?.style ?? '').includes('margin-inline-start')) return;
    if (opensWithBracket(next) || (next.tagName === 'mtext' && textOf(next).replace(/[\s\u2061-\u2064]/gu, '') === ''))
      return;
    kid.properties = { ...kid.properties, rspace: '0.1667em' };
  });
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
  spacesAsMargins(el);
  functionApplicationSpace(el);
  const token = accentAsCombiningMark(el);
  if (token) return token;
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
  spacesAsMargins(out);
  functionApplicationSpace(out);
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
