/**
 * Projected gradient descent under an L∞ budget (Madry, Makelov, Schmidt, Tsipras & Vladu 2018, eq. 2
 * and §2.1; the basic iterative method of Kurakin et al. 2017 with a random start):
 *
 *   x⁰ = clip_S(x + U(-ε, ε)^784)   (or x⁰ = x without the random start)
 *   xᵗ⁺¹ = clip_S(xᵗ + α · sign(∇ₓ L(θ, xᵗ, y)))        S = {x' : ‖x' - x‖∞ ≤ ε} ∩ [0, 1]^784
 *
 * with L the cross-entropy of the true label. The random start is drawn in plain JS from a seeded
 * stream (identical on every backend). The gradient runs through the models' 'attack' forward pass,
 * whose convolutions bring their own input gradient (src/ml/zoo/conv.ts), so it works on wasm.
 */
import type { PgdSettings } from '../../math/zoo';
import type { Rng } from '../../math/random';
import { tf, type Tensor, type Tensor2D } from '../tf';
import { crossEntropy, type ZooModel } from './models';

/** Throws a RangeError naming the first bad setting. */
export function checkPgd(s: PgdSettings): void {
  if (!(s.epsilon >= 0 && s.epsilon <= 1)) throw new RangeError(`epsilon must be in [0, 1], got ${s.epsilon}`);
  if (!(Number.isInteger(s.steps) && s.steps >= 0 && s.steps <= 1000)) {
    throw new RangeError(`steps must be an integer from 0 to 1000, got ${s.steps}`);
  }
  if (!(s.stepSize >= 0 && s.stepSize <= 1)) throw new RangeError(`stepSize must be in [0, 1], got ${s.stepSize}`);
}

/** Called after each PGD step with the step number (1-based) and the current adversarial batch (lent). */
export type OnAttackStep = (step: number, adversarial: Tensor2D) => void;

export interface PgdOptions {
  /**
   * +1 (default) climbs the loss of the given labels (untargeted: away from the true class); −1
   * descends it (targeted: the one-hot rows name the target class): xᵗ⁺¹ = clip_S(xᵗ − α · sign(∇ₓ L)).
   */
  direction?: 1 | -1;
  onStep?: OnAttackStep;
}

/**
 * Adversarial versions of the digits x ([N, 784] in [0, 1]) for one-hot labels. `rng` draws the random
 * start (required when settings.randomStart). The caller owns the result.
 */
export function pgdAttack(
  model: ZooModel,
  x: Tensor2D,
  oneHot: Tensor2D,
  settings: PgdSettings,
  rng?: Rng,
  { direction = 1, onStep }: PgdOptions = {},
): Tensor2D {
  checkPgd(settings);
  const { epsilon, steps, stepSize, randomStart } = settings;
  if (randomStart && !rng) throw new Error('pgdAttack: a random start needs a seeded rng');
  const lo = tf.tidy(() => tf.maximum(tf.sub(x, epsilon), 0));
  const hi = tf.tidy(() => tf.minimum(tf.add(x, epsilon), 1));
  try {
    let adv: Tensor2D = randomStart
      ? tf.tidy(() => {
          const noise = Float32Array.from({ length: x.size }, () => (2 * rng!() - 1) * epsilon);
          return tf.minimum(tf.maximum(tf.add(x, tf.tensor2d(noise, x.shape)), lo), hi) as Tensor2D;
        })
      : tf.clone(x);
    const lossOf = (input: Tensor) => crossEntropy(model.logits(input as Tensor2D, 'attack'), oneHot);
    for (let t = 0; t < steps; t++) {
      const next = tf.tidy(() => {
        const g = tf.grad(lossOf)(adv);
        return tf.minimum(tf.maximum(tf.add(adv, tf.mul(tf.sign(g), direction * stepSize)), lo), hi) as Tensor2D;
      });
      adv.dispose();
      adv = next;
      onStep?.(t + 1, adv);
    }
    return adv;
  } finally {
    lo.dispose();
    hi.dispose();
  }
}
