/** The lessons' formula pipeline: KaTeX, then src/lib/rehype-compact-mathml.ts, on hand-checked examples. */
import katex from 'katex';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { toMathAlphabet } from '../../src/lib/math-alphabets';
import rehypeCompactMathml from '../../src/lib/rehype-compact-mathml';

const compact = (tex: string, displayMode = false) =>
  String(
    unified()
      .use(rehypeParse, { fragment: true })
      .use(rehypeCompactMathml)
      .use(rehypeStringify)
      .processSync(katex.renderToString(tex, { displayMode })),
  );
const elements = (html: string) => (html.match(/<[a-z]/g) ?? []).length;

describe('compact MathML', () => {
  it('keeps one <math> with the TeX as alttext, and no HTML copy', () => {
    const out = compact('x_t');
    expect(out).toBe(
      '<math xmlns="http://www.w3.org/1998/Math/MathML" class="math" alttext="x_t"><msub><mi>x</mi><mi>t</mi></msub></math>',
    );
    // KaTeX's own output for the same formula: both copies, a dozen elements.
    expect(elements(katex.renderToString('x_t'))).toBeGreaterThan(10);
    expect(elements(out)).toBe(4);
  });

  it('unwraps an mrow of one child but keeps one of several', () => {
    const out = compact('x_{t-1}');
    expect(out).toContain('<msub><mi>x</mi><mrow><mi>t</mi><mo>−</mo><mn>1</mn></mrow></msub>');
  });

  it('writes \\mathcal and \\mathbb as Unicode math letters, which MathML Core draws', () => {
    expect(compact('\\mathcal{N}')).toContain('<mi mathvariant="normal">𝒩</mi>');
    expect(compact('\\mathbb{E}')).toContain('𝔼');
    expect(compact('\\mathbb{R}^d')).toContain('ℝ'); // a letter encoded before the block
    expect(toMathAlphabet('Lx', 'script')).toBe('ℒ𝓍');
    expect(toMathAlphabet('x2', 'script')).toBeNull(); // no script digits: the attribute stays
  });

  it('writes an accent over one letter as one token: the letter in math italic and a combining mark', () => {
    expect(compact('\\tilde\\varepsilon')).toContain('<mi>\u{1d700}\u0303</mi>'); // 𝜀̃
    expect(compact('\\bar\\alpha_t')).toContain('<msub><mi>\u{1d6fc}\u0304</mi><mi>t</mi></msub>'); // 𝛼̄
    expect(compact('\\hat x')).toContain('<mi>\u{1d465}\u0302</mi>'); // 𝑥̂
    expect(compact('\\hat h')).toContain('<mi>\u210e\u0302</mi>'); // ℎ, encoded before the block
    // Upright bases stay upright: a digit, a bold letter (already a math letter, mathvariant="normal").
    expect(compact('\\bar 1')).toContain('<mn>1\u0304</mn>');
    expect(compact('\\hat{\\mathbf{x}}')).toContain('<mi>\u{1d431}\u0302</mi>');
    // A wide accent over several symbols keeps its <mover>.
    expect(compact('\\widehat{xy}')).toContain('<mover accent="true">');
    expect(elements(compact('\\bar\\alpha_t'))).toBe(4);
  });

  it("turns TeX's spaces into margins of their width on the next element (or the previous, at a row's end)", () => {
    expect(compact('a\\,b')).toContain('<mi>a</mi><mi style="margin-inline-start:0.1667em">b</mi>');
    expect(compact('a\\;b')).toContain('<mi style="margin-inline-start:0.2778em">b</mi>');
    expect(compact('a\\qquad b')).toContain('<mi style="margin-inline-start:2em">b</mi>');
    expect(compact('\\sqrt{a\\,}')).toContain('<msqrt><mi style="margin-inline-end:0.1667em">a</mi></msqrt>');
    // A negative space (\!) and a word space (\ , an nbsp) stay as KaTeX wrote them.
    expect(compact('a\\!b')).toContain('<mtext>');
    expect(compact('a\\ b')).toContain('<mtext>\u00a0</mtext>');
  });

  it('spaces an operator name from what follows as TeX does, but not from an opening bracket', () => {
    expect(compact('\\log p')).toContain('<mi>log</mi><mo rspace="0.1667em">\u2061</mo><mi>p</mi>');
    expect(compact('\\log(x)')).toContain('<mo>\u2061</mo><mo stretchy="false">(</mo>');
    expect(compact('\\operatorname{softmax}\\!\\left(x\\right)')).not.toContain('rspace="0.1667em"');
  });

  it("displays math in one focusable-region wrapper, with an alignment's columns written as CSS", () => {
    const display = compact('a = b', true);
    expect(display).toMatch(/^<span class="katex-display"><math [^>]*display="block"[^>]*class="math"/);
    const aligned = compact('\\begin{aligned} a &= b \\\\ &= c \\end{aligned}', true);
    expect(aligned).not.toContain('katex-html');
    expect(aligned).toContain('<mtd style="text-align:right;padding:calc(0.25em / 2) calc(0em / 2)">');
    expect(aligned).toContain('<mtd style="text-align:left;padding:calc(0.25em / 2) calc(0em / 2)">');
  });
});
