/**
 * Scaled dot-product attention in TensorFlow.js (Vaswani et al. 2017, eq. 1):
 *
 *   scores  = Q Kᵀ / (sqrt(d_k) · τ) + M
 *   weights = softmax(scores)            (over keys, one row per query)
 *   output  = weights V
 *
 * M is the additive mask: 0 where query i may look at key j, and a large negative number where it may
 * not (the causal mask hides j > i). A finite -1e9 rather than -∞ keeps every row finite even if it were
 * fully masked; exp(-1e9) is exactly 0 in float32, so masked weights are exactly 0.
 *
 * The same computation on plain numbers is src/math/attention.ts, which the unit tests compare against.
 */
import { tf, type Tensor, type Tensor2D } from './tf';

export interface TfAttentionOptions {
  /** Divide scores by sqrt(d_k), so their variance does not grow with d_k and saturate the softmax. */
  scale?: boolean;
  /** Hide key j from query i when j > i. */
  causal?: boolean;
  /**
   * An additive mask [Tq, Tk] (or broadcastable to the scores) to use instead of building one: a
   * caller that runs many steps at one length makes causalMask(T, T) once and passes it each time.
   */
  mask?: Tensor;
  /** Softmax temperature τ > 0. */
  temperature?: number;
}

export interface TfAttentionResult<T extends Tensor = Tensor> {
  /** [..., Tq, d_v] */
  output: T;
  /** [..., Tq, Tk]; each row sums to 1. */
  weights: T;
}

const MASKED = -1e9;

/** Additive causal mask [tq, tk]: 0 where j ≤ i, -1e9 where j > i. */
export function causalMask(tq: number, tk: number): Tensor2D {
  const m = new Float32Array(tq * tk);
  for (let i = 0; i < tq; i++) for (let j = i + 1; j < tk; j++) m[i * tk + j] = MASKED;
  return tf.tensor2d(m, [tq, tk]);
}

/**
 * q [..., Tq, d_k], k [..., Tk, d_k], v [..., Tk, d_v] with the same leading (batch) dimensions.
 * The caller owns (and disposes) both returned tensors.
 */
export function scaledDotProductAttention<T extends Tensor>(
  q: T,
  k: T,
  v: T,
  { scale = true, causal = false, temperature = 1, mask }: TfAttentionOptions = {},
): TfAttentionResult<T> {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  const dk = q.shape[q.rank - 1];
  const tq = q.shape[q.rank - 2];
  const tk = k.shape[k.rank - 2];
  const factor = (scale ? 1 / Math.sqrt(dk) : 1) / temperature;
  return tf.tidy(() => {
    let scores: Tensor = tf.mul(tf.matMul(q, k, false, true), factor);
    if (mask) scores = tf.add(scores, mask);
    else if (causal) scores = tf.add(scores, causalMask(tq, tk));
    const weights = tf.softmax(scores);
    const output = tf.matMul(weights, v);
    return { output: output as T, weights: weights as T };
  });
}
