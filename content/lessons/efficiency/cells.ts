/**
 * The efficiency lesson's code cells: each program as the lesson starts it (what Reset restores) and
 * its solution (opened by the exercise's link). The lesson, the static recording
 * (scripts/code-cells-static.ts) and the claims test read these same strings.
 */
import { encodeCode } from '../../../src/lib/notebook/codec';

function token(code: string): string {
  const encoded = encodeCode(code);
  if (!encoded.ok) throw new Error(encoded.reason);
  return encoded.token;
}

export const cells = {
  quantize: `// Quantize 1,000 weights to b-bit symmetric integers, one scale for all, and measure the error.
const bits = 8;
const w = Array.from({ length: 1000 }, (_, i) => 0.3 * Math.sin(12.9898 * i) * Math.cos(0.37 * i));
const qmax = 2 ** (bits - 1) - 1;                 // 127 at 8 bits
const S = Math.max(...w.map(Math.abs)) / qmax;    // r ≈ S·q
const q = w.map((r) => Math.max(-qmax, Math.min(qmax, Math.round(r / S))));
const err = w.map((r, i) => Math.abs(r - S * q[i]));
print('scale S =', S);
print('largest error =', Math.max(...err), ' bound S/2 =', S / 2);
print('mean error =', err.reduce((a, b) => a + b, 0) / err.length);
print('bytes: float32', 4 * w.length, ' codes', Math.ceil((w.length * bits) / 8), '+ 4 for the scale');
const first = w.slice(0, 100).map((r, i) => ({ i, r, decoded: S * q[i] }));
return {
  plot: [
    { type: 'dot', data: first, x: 'i', y: 'r', title: 'the first 100 weights', xLabel: 'index', yLabel: 'weight' },
    { type: 'dot', data: err.slice(0, 100), title: 'their rounding error |r − S·q| (at most S/2)', xLabel: 'index', yLabel: 'error' },
  ],
};
`,
  sparseDigit: `// A digit is mostly blank paper: is it smaller stored as CSR (value + column index per nonzero)?
const i = digits.indexOf(7, 0);                  // the first 7 of the validation digits
const x = digits.image(i);                       // 784 numbers in [0, 1], row by row
let nonzero = 0;
for (const v of x) if (v > 0) nonzero++;
const dense = 4 * 784;                           // float32
const csr = 8 * nonzero + 4 * (28 + 1);          // 4 + 4 bytes per nonzero, a pointer per row and one
print('label', digits.label(i), '· nonzero pixels', nonzero, 'of 784 (sparsity', (1 - nonzero / 784).toFixed(3) + ')');
print('dense', dense, 'bytes · CSR', csr, 'bytes');
const rows = Array.from({ length: 28 }, (_, r) => Array.from(x.slice(28 * r, 28 * r + 28)));
return { plot: { type: 'cell', data: rows, title: 'validation digit ' + i, xLabel: 'column', yLabel: 'row' } };
`,
} as const;

/** The binding sets each cell gets (binding-docs.ts). */
export const cellBindings = {
  quantize: [],
  sparseDigit: ['digits'],
} as const satisfies Record<keyof typeof cells, readonly string[]>;

export const solutions = {
  // Four bits: 7 levels each side instead of 127, so the step and the error grow 127 / 7 ≈ 18 times.
  quantize: cells.quantize.replace('const bits = 8;', 'const bits = 4;'),
  // Thresholding the faint pixels (anti-aliasing) at 0.5 removes about half the nonzeros.
  sparseDigit: cells.sparseDigit.replace('if (v > 0) nonzero++', 'if (v > 0.5) nonzero++'),
} as const;

/** The exercises' links: each solution's code in the cell's URL form. */
export const solutionStates = {
  quantize: `cell-quantize.code=${token(solutions.quantize)}`,
  sparseDigit: `cell-sparse-digit.code=${token(solutions.sparseDigit)}`,
};
