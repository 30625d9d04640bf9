/**
 * MathML Core supports only mathvariant="normal": the other variants (KaTeX writes \mathcal as
 * mathvariant="script", \mathbb as "double-struck", \mathbf as "bold") must be written as the Unicode
 * Mathematical Alphanumeric Symbols instead (MathML Core §3.2.1; Unicode block U+1D400–U+1D7FF), or
 * Chromium draws a plain letter (a plain N for \mathcal{N}). This maps Latin letters and digits; the
 * letters that Unicode had encoded before the block (ℬ, ℰ, ℝ, …) sit at their older code points.
 */

interface Alphabet {
  upper: number;
  lower: number;
  digits?: number;
  /** Letters encoded elsewhere (the block leaves holes for them). */
  holes?: Record<string, number>;
}

const ALPHABETS: Record<string, Alphabet> = {
  bold: { upper: 0x1d400, lower: 0x1d41a, digits: 0x1d7ce },
  italic: { upper: 0x1d434, lower: 0x1d44e, holes: { h: 0x210e } },
  'bold-italic': { upper: 0x1d468, lower: 0x1d482 },
  script: {
    upper: 0x1d49c,
    lower: 0x1d4b6,
    holes: {
      B: 0x212c,
      E: 0x2130,
      F: 0x2131,
      H: 0x210b,
      I: 0x2110,
      L: 0x2112,
      M: 0x2133,
      R: 0x211b,
      e: 0x212f,
      g: 0x210a,
      o: 0x2134,
    },
  },
  'bold-script': { upper: 0x1d4d0, lower: 0x1d4ea },
  fraktur: { upper: 0x1d504, lower: 0x1d51e, holes: { C: 0x212d, H: 0x210c, I: 0x2111, R: 0x211c, Z: 0x2128 } },
  'double-struck': {
    upper: 0x1d538,
    lower: 0x1d552,
    digits: 0x1d7d8,
    holes: { C: 0x2102, H: 0x210d, N: 0x2115, P: 0x2119, Q: 0x211a, R: 0x211d, Z: 0x2124 },
  },
  'bold-fraktur': { upper: 0x1d56c, lower: 0x1d586 },
  'sans-serif': { upper: 0x1d5a0, lower: 0x1d5ba, digits: 0x1d7e2 },
  'bold-sans-serif': { upper: 0x1d5d4, lower: 0x1d5ee, digits: 0x1d7ec },
  'sans-serif-italic': { upper: 0x1d608, lower: 0x1d622 },
  monospace: { upper: 0x1d670, lower: 0x1d68a, digits: 0x1d7f6 },
};

/**
 * The text in the given mathvariant, as Unicode math letters; null when the variant is not mapped here
 * (then the attribute should stay) or the text has characters the alphabet lacks.
 */
export function toMathAlphabet(text: string, variant: string): string | null {
  const a = ALPHABETS[variant];
  if (!a) return null;
  let out = '';
  for (const ch of text) {
    const hole = a.holes?.[ch];
    if (hole !== undefined) out += String.fromCodePoint(hole);
    else if (ch >= 'A' && ch <= 'Z') out += String.fromCodePoint(a.upper + ch.charCodeAt(0) - 65);
    else if (ch >= 'a' && ch <= 'z') out += String.fromCodePoint(a.lower + ch.charCodeAt(0) - 97);
    else if (ch >= '0' && ch <= '9' && a.digits !== undefined)
      out += String.fromCodePoint(a.digits + ch.charCodeAt(0) - 48);
    else return null;
  }
  return out;
}

/**
 * Greek letters in math italic (U+1D6FC 𝛼 … U+1D714 𝜔, then 𝜖 𝜗 𝜘 𝜙 𝜚 𝜛 for the variant forms), as
 * MathML Core's text-transform: math-auto draws a lone Greek <mi>; null for any other character.
 */
const GREEK_ITALIC_VARIANTS: Record<string, number> = {
  ϵ: 0x1d716,
  ϑ: 0x1d717,
  ϰ: 0x1d718,
  ϕ: 0x1d719,
  ϱ: 0x1d71a,
  ϖ: 0x1d71b,
};

/** One letter as math-auto would draw it alone in an <mi> (Latin and Greek to italic); null otherwise. */
export function mathItalic(ch: string): string | null {
  if ([...ch].length !== 1) return null;
  const code = ch.codePointAt(0)!;
  if (code >= 0x3b1 && code <= 0x3c9) return String.fromCodePoint(0x1d6fc + code - 0x3b1);
  if (GREEK_ITALIC_VARIANTS[ch] !== undefined) return String.fromCodePoint(GREEK_ITALIC_VARIANTS[ch]);
  return /^[A-Za-z]$/.test(ch) ? toMathAlphabet(ch, 'italic') : null;
}
