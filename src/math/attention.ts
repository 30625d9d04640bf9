/**
 * Scaled dot-product attention on plain numbers (Vaswani et al. 2017, eq. 1):
 *
 *   Attention(Q, K, V) = softmax(Q Kᵀ / sqrt(d_k) + M) V
 *
 * where M is 0 where a query may look and -∞ where it may not (the causal mask hides keys j > i).
 * This is the reference the tfjs implementation in src/ml is tested against, and what the
 * scaled dot-product explorer computes (a handful of vectors needs no tensors).
 */
import { softmax } from './softmax';

export type Matrix = number[][];

export interface AttentionOptions {
  /** Divide scores by sqrt(d_k). Without it, score variance grows with d and the softmax saturates. */
  scale?: boolean;
  /** Hide key j from query i when j > i. */
  causal?: boolean;
  /** Softmax temperature τ: weights ∝ exp(score / τ). */
  temperature?: number;
}

export interface AttentionResult {
  /** Raw or scaled scores before masking, [queries][keys]. */
  scores: Matrix;
  /** Attention weights after mask and softmax; each row sums to 1. */
  weights: Matrix;
  /** Weighted sums of the value vectors, [queries][d_v]. */
  output: Matrix;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`dot: lengths ${a.length} and ${b.length} differ`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function attention(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  { scale = true, causal = false, temperature = 1 }: AttentionOptions = {},
): AttentionResult {
  if (k.length !== v.length) throw new RangeError('attention: keys and values must pair up');
  const d = k[0]?.length ?? 0;
  const factor = scale && d > 0 ? 1 / Math.sqrt(d) : 1;
  const scores = q.map((qi) => k.map((kj) => dot(qi, kj) * factor));
  const weights = scores.map((row, i) =>
    softmax(
      row.map((s, j) => (causal && j > i ? -Infinity : s)),
      temperature,
    ),
  );
  const dv = v[0]?.length ?? 0;
  const output = weights.map((w) => {
    const out = new Array<number>(dv).fill(0);
    w.forEach((wj, j) => {
      for (let c = 0; c < dv; c++) out[c] += wj * v[j][c];
    });
    return out;
  });
  return { scores, weights, output };
}
