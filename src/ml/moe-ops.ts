/**
 * Two matmul ops with hand-written gradients, for the mixture-of-experts models. Measured on
 * tfjs-backend-wasm 4.22 in Node (scratch benchmarks, 2 busy cores): a matMul with its transposeA flag
 * set ran 8–10× slower than transposing first and multiplying ([480, 384]ᵀ × [480, 32]: 11.4 ms against
 * 1.5 ms), and tfjs's own matMul gradient sets those flags (da = dy bᵀ, db = aᵀ dy). Transposing
 * explicitly halved a two-layer MLP's forward-and-backward time (10.2 ms to 5.0 ms, same gradients to
 * float rounding). Rank-3 batched matMuls were ~9× slower than a loop of 2-D ones, so the experts run in
 * a loop (src/ml/moe.ts).
 */
import { tf, type Tensor, type Tensor2D } from './tf';

type CustomGradient = Parameters<typeof tf.customGrad>[0];

/** a [m, n] × b [n, p], with a gradient that transposes explicitly instead of setting matMul's flags. */
export const matMulFast = tf.customGrad(((a: Tensor2D, b: Tensor2D, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: Tensor2D, [sa, sb]: Tensor[]) => [
      tf.matMul(dy, tf.transpose(sb) as Tensor2D),
      tf.matMul(tf.transpose(sa) as Tensor2D, dy),
    ],
  };
}) as unknown as CustomGradient) as unknown as (a: Tensor, b: Tensor) => Tensor2D;

/**
 * x ↦ M x for a constant matrix M [m, n] (a dispatch or combine matrix), whose gradient Mᵀ dy uses the
 * given constant Mᵀ [n, m] instead of transposing M on every backward pass. M itself gets no gradient.
 */
export function constantMatMul(M: Tensor2D, MT: Tensor2D): (x: Tensor2D) => Tensor2D {
  return tf.customGrad(((x: Tensor2D, save: tf.GradSaveFunc) => {
    // Saved, so that the engine keeps Mᵀ alive until the backward pass (tensors the forward pass only
    // closes over are disposed when it ends).
    save([MT]);
    return { value: tf.matMul(M, x), gradFunc: (dy: Tensor2D, [mt]: Tensor[]) => tf.matMul(mt as Tensor2D, dy) };
  }) as unknown as CustomGradient) as unknown as (x: Tensor2D) => Tensor2D;
}

/**
 * Runs f inside tf.tidy and returns its plain result (numbers, typed arrays, objects of them): every
 * tensor f makes is disposed. f must not return a tensor.
 */
export function tidyValue<T>(f: () => T): T {
  let out!: T;
  tf.tidy(() => {
    out = f();
  });
  return out;
}
