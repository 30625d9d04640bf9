/**
 * The mixture-of-experts lesson's code cells: each program as the lesson starts it (what Reset restores)
 * and its solution (opened by the exercise's link). The lesson, the static recording
 * (scripts/code-cells-static.ts) and the claims test read these same strings.
 */
import { cellState } from '../../../src/widgets/code-cell/links';

export const cells = {
  routeTokens: `// 256 tokens in d = 8 and a linear router over N = 4 experts (random weights, seeded).
// Route every token to its top-k experts and count each expert's load.
const T = 256, d = 8, N = 4, k = 1;
const rng = mulberry32(7);
const x = tf.tensor2d(Array.from({ length: T * d }, () => randNormal(rng)), [T, d]);
const W = Array.from({ length: d }, () => Array.from({ length: N }, () => randNormal(rng) / Math.sqrt(d)));
const Wr = tf.tensor2d(W);
const probs = tf.softmax(x.matMul(Wr)); // p(x): one row of N probabilities per token
const experts = tf.topk(probs, k).indices.arraySync(); // each token's k experts, best first
const load = Array.from({ length: N }, (_, i) => experts.flat().filter((e) => e === i).length);
print('assignments per expert:', load);
print('f = assignments / (k T):', load.map((c) => c / (k * T)));
print('P = mean router probability:', probs.mean(0));
return {
  plot: { type: 'cell', data: probs.slice([0, 0], [24, N]), title: 'router probabilities of the first 24 tokens', xLabel: 'expert', yLabel: 'token' },
};
`,
  balanceLoss: `// Switch's load-balancing loss α · N · Σ f_i P_i for one batch of router logits, in tfjs, and its
// gradient with respect to the logits: f counts assignments (a constant), so the gradient flows through P.
const T = 256, d = 8, N = 4, k = 1, alpha = 0.01;
const rng = mulberry32(3);
const x = tf.tensor2d(Array.from({ length: T * d }, () => randNormal(rng)), [T, d]);
const Wr = tf.tensor2d(Array.from({ length: d * N }, () => randNormal(rng) / Math.sqrt(d)), [d, N]);
const bias = tf.tensor1d([0, 0, 0, 0]); // added to every token's logits
const logits = x.matMul(Wr).add(bias);

const counts = new Array(N).fill(0);
for (const e of tf.topk(logits, k).indices.dataSync()) counts[e]++;
const f = tf.tensor1d(counts.map((c) => c / (k * T)));
const balance = (h) => tf.mul(alpha * N, f.mul(tf.softmax(h).mean(0)).sum());

const P = tf.softmax(logits).mean(0);
print('f:', f, 'P:', P);
const L = balance(logits).dataSync()[0];
const check = alpha * balanceLoss([...f.dataSync()], [...P.dataSync()]); // src/math/moe.ts, as the widgets compute it
print('α N Σ f P =', L.toFixed(5), '  α · balanceLoss(f, P) =', check.toFixed(5));
const grad = tf.grad(balance)(logits);
print('∂L/∂h summed over the tokens, per expert:', grad.sum(0));
return { plot: { type: 'line', data: { f: [...f.dataSync()], P: [...P.dataSync()] }, title: 'load f and mean probability P per expert', xLabel: 'expert', yLabel: 'share' } };
`,
} as const;

/** The binding sets each cell gets (binding-docs.ts). */
export const cellBindings = {
  routeTokens: ['moe'],
  balanceLoss: ['moe'],
} as const satisfies Record<keyof typeof cells, readonly string[]>;

export const solutions = {
  routeTokens: cells.routeTokens.replace('tf.softmax(x.matMul(Wr))', 'tf.softmax(x.matMul(Wr).mul(10))'),
  balanceLoss: cells.balanceLoss.replace('tf.tensor1d([0, 0, 0, 0])', 'tf.tensor1d([3, 0, 0, 0])'),
} as const;

/** The exercises' links: each solution's code in the cell's URL form. */
export const solutionStates = {
  routeTokens: cellState('cell-route', solutions.routeTokens),
  balanceLoss: cellState('cell-balance', solutions.balanceLoss),
};
