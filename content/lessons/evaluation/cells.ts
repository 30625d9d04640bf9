/**
 * The evaluation lesson's code cells: each program as the lesson starts it (what Reset restores). The
 * lesson and the static recording (scripts/code-cells-static.ts) read these same strings. Both cells
 * build the simplest classifier there is from the zoo's validation digits (the `digits` binding), so the
 * reader can see every number it is scored on.
 */

/** A nearest-class-mean classifier on 500 digits, scored on the other 500 (shared by both cells). */
const classifier = `// A nearest-class-mean classifier: the mean image of each digit over the first 500 validation
// digits; a digit's logits are minus its squared distances to the ten means, divided by T.
const T = 8; // temperature: try 2, 8, 30
const means = Array.from({ length: 10 }, () => new Array(784).fill(0));
const counts = new Array(10).fill(0);
for (let i = 0; i < 500; i++) {
  const x = digits.image(i);
  const k = digits.label(i);
  counts[k]++;
  for (let p = 0; p < 784; p++) means[k][p] += x[p];
}
means.forEach((m, k) => m.forEach((_, p) => (m[p] /= counts[k])));
function probabilities(x: number[]): number[] {
  const z = means.map((m) => -m.reduce((s, v, p) => s + (v - x[p]) ** 2, 0) / T);
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
`;

export const cells = {
  ece: `${classifier}
// Score the other 500 digits: confidence = the largest probability, right = argmax is the label.
const scored = [];
for (let i = 500; i < digits.count; i++) {
  const p = probabilities(digits.image(i));
  const conf = Math.max(...p);
  scored.push({ conf, right: p.indexOf(conf) === digits.label(i) ? 1 : 0 });
}
// Expected calibration error with M equal-width bins: Σ |B_m|/N · |acc(B_m) − conf(B_m)|.
const M = 10;
const bins = Array.from({ length: M }, () => ({ n: 0, right: 0, conf: 0 }));
for (const s of scored) {
  const b = bins[Math.min(M - 1, Math.floor(s.conf * M))];
  b.n++;
  b.right += s.right;
  b.conf += s.conf;
}
let ece = 0;
const diagram = [];
for (const b of bins) {
  if (b.n === 0) continue;
  ece += (b.n / scored.length) * Math.abs(b.right / b.n - b.conf / b.n);
  diagram.push({ confidence: b.conf / b.n, accuracy: b.right / b.n, series: 'bins (mean confidence, accuracy)' });
}
const accuracy = scored.reduce((a, s) => a + s.right, 0) / scored.length;
const meanConfidence = scored.reduce((a, s) => a + s.conf, 0) / scored.length;
print(\`T = \${T}: accuracy \${(100 * accuracy).toFixed(1)}%, mean confidence \${(100 * meanConfidence).toFixed(1)}%, ECE (\${M} bins) \${(100 * ece).toFixed(2)}%\`);
print('digits per bin:', bins.map((b) => b.n));
const diagonal = [0, 1].map((v) => ({ confidence: v, accuracy: v, series: 'perfect calibration' }));
return { plot: { type: 'line', data: [...diagonal, ...diagram], x: 'confidence', y: 'accuracy', series: 'series', title: 'reliability diagram' } };
`,
  ood: `${classifier}
// Out-of-distribution detection by the maximum softmax probability: the 500 held-out digits against
// the same digits rotated by 90° (pixel (r, c) of the rotated image is pixel (27 − c, r) of the digit).
const rotate = (x: number[]) => x.map((_, q) => x[(27 - (q % 28)) * 28 + Math.floor(q / 28)]);
const clean = [];
const rotated = [];
for (let i = 500; i < digits.count; i++) {
  const x = digits.image(i);
  clean.push(Math.max(...probabilities(x)));
  rotated.push(Math.max(...probabilities(rotate(x))));
}
// AUROC = P(score of a clean digit > score of a rotated one) + ½ P(equal), over every pair.
let above = 0;
for (const a of clean) for (const b of rotated) above += a > b ? 1 : a === b ? 0.5 : 0;
print(\`AUROC of max softmax, clean against rotated: \${(above / (clean.length * rotated.length)).toFixed(3)}\`);
// The ROC curve: for each threshold t, the share of clean digits kept against rotated ones let through.
const roc = [];
for (let t = 0; t <= 1.0001; t += 0.02) {
  roc.push({
    through: rotated.filter((s) => s >= t).length / rotated.length,
    kept: clean.filter((s) => s >= t).length / clean.length,
  });
}
return { plot: { type: 'line', data: roc, x: 'through', y: 'kept', title: 'ROC curve of max softmax', xLabel: 'rotated digits let through', yLabel: 'clean digits kept' } };
`,
} as const;

/** The binding sets each cell gets (binding-docs.ts). */
export const cellBindings = {
  ece: ['digits'],
  ood: ['digits'],
} as const satisfies Record<keyof typeof cells, readonly string[]>;
