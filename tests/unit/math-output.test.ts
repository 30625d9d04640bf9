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

  it('keeps an accent over one letter at its own width', () => {
    expect(compact('\\tilde\\varepsilon')).toMatch(
      /<mover accent="true"><mi>ε<\/mi><mo stretchy="false">~<\/mo><\/mover>/,
    );
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
