/**
 * The code cell's static figure (src/widgets/code-cell/static-figure.ts): the build-time highlighting
 * writes a span only where styles.css colours the token, and the stylesheet and the list agree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { highlightedCode, STYLED_TOKEN_CLASSES } from '../../src/widgets/code-cell/static-figure';

const css = readFileSync('src/widgets/code-cell/styles.css', 'utf8');

describe('code cell: build-time highlighting', () => {
  it('lists exactly the tok-* classes the stylesheet styles on their own', () => {
    const selectors = css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('{')
      .slice(0, -1)
      .flatMap((block) => block.slice(block.lastIndexOf('}') + 1).split(','))
      .map((sel) => sel.trim())
      .filter((sel) => sel.includes('.tok-'));
    const single = selectors.filter((sel) => /^\.tok-\w+$/.test(sel)).map((sel) => sel.slice(1));
    expect(new Set(single)).toEqual(STYLED_TOKEN_CLASSES);
    // A compound selector adds nothing a single class of the list does not already give.
    for (const sel of selectors.filter((s) => !/^\.tok-\w+$/.test(s))) {
      expect(
        sel.split('.').some((c) => STYLED_TOKEN_CLASSES.has(c)),
        sel,
      ).toBe(true);
    }
  });

  it('writes spans for styled tokens only, and the text unchanged', () => {
    const code = 'const total: number = sum(xs, 2); // add\nprint(`n = ${total}`, Math.PI, true);';
    const markup = highlightedCode(code);
    const classes = [...markup.matchAll(/class="([^"]+)"/g)].flatMap((m) => m[1].split(' '));
    expect(classes.length).toBeGreaterThan(4);
    expect(classes.every((c) => STYLED_TOKEN_CLASSES.has(c))).toBe(true);
    expect(classes).toEqual(expect.arrayContaining(['tok-keyword', 'tok-definition', 'tok-number', 'tok-comment']));
    const text = markup
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(text).toBe(code);
    // Punctuation, operators and plain names are text, not spans.
    expect(markup).not.toMatch(/tok-punctuation|tok-operator"|tok-variableName"/);
  });
});
