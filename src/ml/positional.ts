/**
 * Positional information for the transformer. Attention on its own is permutation-equivariant: shuffle
 * the input tokens and the outputs shuffle the same way. So the model adds a vector P[t] to the token
 * embedding at position t, one of:
 *
 *   sinusoidal  P[t] = fixed sin/cos clocks (src/math/positional.ts), nothing to learn;
 *   learned     P[t] = a trained row of a [maxLen, d] table;
 *   none        no P at all. A causal model can still infer position weakly (position t sees t + 1
 *               tokens, so an attention average shrinks with t), but tasks that need exact positions,
 *               like reversing, suffer; that is the point of offering it.
 */
import { sinusoidalEncoding } from '../math/positional';
import { tf, type Tensor2D, type Variable } from './tf';

export const POSITIONAL_KINDS = ['sinusoidal', 'learned', 'none'] as const;
export type PositionalKind = (typeof POSITIONAL_KINDS)[number];

export interface PositionalEncoding {
  readonly kind: PositionalKind;
  /** The trainable table, if any. */
  readonly variables: Variable[];
  /** P[0 … T-1] as a [T, d] tensor to add to the embeddings, or null for 'none'. */
  slice(T: number): Tensor2D | null;
  dispose(): void;
}

/**
 * @param initVariable makes the 'learned' table, so it comes from the model's own seeded initialiser.
 */
export function createPositional(
  kind: PositionalKind,
  maxLen: number,
  d: number,
  initVariable: (shape: [number, number]) => Variable,
): PositionalEncoding {
  if (kind === 'none') {
    return { kind, variables: [], slice: () => null, dispose: () => {} };
  }
  const table: Tensor2D | Variable =
    kind === 'sinusoidal' ? tf.tensor2d(sinusoidalEncoding(maxLen, d)) : initVariable([maxLen, d]);
  return {
    kind,
    variables: kind === 'learned' ? [table as Variable] : [],
    slice(T: number) {
      if (T > maxLen) throw new RangeError(`sequence length ${T} exceeds maxLen ${maxLen}`);
      return tf.slice(table, [0, 0], [T, d]) as Tensor2D;
    },
    dispose: () => table.dispose(),
  };
}
