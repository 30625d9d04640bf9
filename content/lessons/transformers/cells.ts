/**
 * The transformers lesson's code cells: each program as the lesson starts it (what Reset restores) and
 * its solution (opened by the exercise's link). The lesson, the static recording
 * (scripts/code-cells-static.ts) and the claims test read these same strings.
 */
import { cellState } from '../../../src/widgets/code-cell/links';

export const cells = {
  attention: `// Three queries and four keys in d = 2. Edit the vectors and press Run.
const Q: number[][] = [
  [1, 0],
  [0, 1],
  [1, 1],
];
const K: number[][] = [
  [1, 0],
  [0, 1],
  [-1, 0],
  [1, 1],
];
const V: number[][] = [
  [1, 0],
  [0, 1],
  [0, 0],
  [1, 1],
];
const { scores, weights, output } = attention(Q, K, V);
print('scores = Q·Kᵀ / √d:', scores);
print('output = weights · V:', output);
return { plot: { type: 'cell', data: weights, title: 'attention weights', xLabel: 'key', yLabel: 'query' } };
`,
  tfAttention: `// The same attention as the tiny transformer computes it: tfjs tensors, a batch of one,
// and the causal mask of a decoder (query i sees keys 0 … i only).
const x = tf.tensor3d([[[1, 0], [0, 1], [1, 1], [-1, 0.5]]]); // [batch, tokens, d]
const { output, weights } = scaledDotProductAttention(x, x, x, { causal: true });
print('weights:', weights.squeeze());
print('output:', output.squeeze());
return { plot: { type: 'cell', data: weights.squeeze(), title: 'causal self-attention weights', xLabel: 'key', yLabel: 'query' } };
`,
} as const;

/** The binding sets each cell gets (binding-docs.ts). */
export const cellBindings = {
  attention: ['attention'],
  tfAttention: ['attention'],
} as const satisfies Record<keyof typeof cells, readonly string[]>;

export const solutions = {
  // Query 0 made ten times longer: its scores against the keys spread apart, and the softmax puts
  // almost all of its weight on key 0 (and key 3, which shares its direction).
  attention: cells.attention.replace(
    '  [1, 0],\n  [0, 1],\n  [1, 1],\n];\nconst K',
    '  [10, 0],\n  [0, 1],\n  [1, 1],\n];\nconst K',
  ),
  // Without the mask every query sees every key: the weights above the diagonal are no longer 0.
  tfAttention: cells.tfAttention.replace('{ causal: true }', '{ causal: false }'),
} as const;

/** The exercises' links: each solution's code in the cell's URL form. */
export const solutionStates = {
  attention: cellState('cell-attention', solutions.attention),
  tfAttention: cellState('cell-causal', solutions.tfAttention),
};
