/**
 * Attacks on the digit zoo's classifiers, for the security chapter, beside the zoo's own PGD
 * (src/ml/zoo/attacks.ts): the fast gradient sign method, PGD untargeted or targeted, and a
 * random-sign-noise control of the same size. Every attack moves each pixel by at most ε (an L∞
 * budget) and keeps it in [0, 1].
 *
 *   FGSM (Goodfellow, Shlens & Szegedy 2015, §4, eq. 3):   x' = clip(x + ε · sign(∇ₓ L(θ, x, y)))
 *   targeted FGSM (Kurakin, Goodfellow & Bengio 2017):     x' = clip(x − ε · sign(∇ₓ L(θ, x, t)))
 *   PGD (Madry et al. 2018, §2.1, eq. 2):                   xᵗ⁺¹ = Π_S(xᵗ + α · sign(∇ₓ L(θ, xᵗ, y)))
 *   targeted PGD:                                            xᵗ⁺¹ = Π_S(xᵗ − α · sign(∇ₓ L(θ, xᵗ, t)))
 *   random-sign noise (a control, no gradient):              x' = clip(x + ε · s),  s ∈ {−1, +1}^784 uniform
 *
 * with L the mean cross-entropy, y the true label, t the class the attacker wants, and
 * S = {x' : ‖x' − x‖∞ ≤ ε} ∩ [0, 1]^784 (the projection is a clip to both boxes). PGD is the zoo's
 * pgdAttack (descending the target's loss when targeted), so the zoo's recorded PGD numbers are this
 * chapter's too. Random numbers are drawn in plain JS from a seeded
 * stream: identical on every backend.
 */
import { deriveSeed, mulberry32, type Rng } from '../math/random';
import { DIGIT_PIXELS, DIGIT_SIDE } from '../math/zoo';
import { tf, type Tensor, type Tensor1D, type Tensor2D, type Tensor4D } from './tf';
import { convReluPool } from './zoo/conv';
import { pgdAttack, type OnAttackStep } from './zoo/attacks';
import { crossEntropy, oneHotLabels, type ZooModel } from './zoo/models';

export type { OnAttackStep };

export const ATTACK_KINDS = ['fgsm', 'pgd', 'noise'] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export interface LinfAttack {
  kind: AttackKind;
  /** Radius of the L∞ ball, in pixel units (pixels run from 0, paper, to 1, ink). */
  epsilon: number;
  /** PGD: gradient-sign steps and the size of each. */
  steps: number;
  stepSize: number;
  /** PGD: start from a uniform random point of the ball (true) or from the digit itself. */
  randomStart: boolean;
  /** null: untargeted (raise the loss of the true label); a class: targeted (lower the loss of that class). */
  target: number | null;
}

/** Largest PGD step count an attack may ask for (the bounds of the widgets are far below). */
export const MAX_ATTACK_STEPS = 200;

/** Throws a RangeError naming the first bad setting. */
export function checkAttack(a: LinfAttack): void {
  if (!(ATTACK_KINDS as readonly string[]).includes(a.kind)) throw new RangeError(`unknown attack ${String(a.kind)}`);
  if (!(a.epsilon >= 0 && a.epsilon <= 1)) throw new RangeError(`epsilon must be in [0, 1], got ${a.epsilon}`);
  if (a.kind === 'pgd') {
    if (!(Number.isInteger(a.steps) && a.steps >= 1 && a.steps <= MAX_ATTACK_STEPS)) {
      throw new RangeError(`steps must be an integer from 1 to ${MAX_ATTACK_STEPS}, got ${a.steps}`);
    }
    if (!(a.stepSize > 0 && a.stepSize <= 1)) throw new RangeError(`stepSize must be in (0, 1], got ${a.stepSize}`);
  }
  if (a.target !== null && !(Number.isInteger(a.target) && a.target >= 0 && a.target <= 9)) {
    throw new RangeError(`target must be a class 0 … 9 or null, got ${a.target}`);
  }
}

/**
 * The step size the site's curves use for k PGD steps at radius ε: α = 4ε / (3k), the ratio of Madry et
 * al. 2018's MNIST attack (40 steps of 0.01 at ε = 0.3): the k steps travel 4/3 of the radius in all.
 */
export function pgdStepSize(epsilon: number, steps: number): number {
  return (4 * epsilon) / (3 * steps);
}

/** ∇ₓ of the mean cross-entropy of the model's logits against one-hot rows, at x ([N, 784]). Caller owns it. */
export function lossGradient(model: ZooModel, x: Tensor2D, oneHot: Tensor2D): Tensor2D {
  return tf.tidy(() =>
    tf.grad((input: Tensor) => crossEntropy(model.logits(input as Tensor2D, 'attack'), oneHot))(x),
  ) as Tensor2D;
}

/**
 * The adversarial versions of the digits x ([N, 784] in [0, 1]) with true labels `labels`, under the
 * attack. `rng` draws the noise control and PGD's random start (required for those). The caller owns
 * the result. An untargeted attack pushes every digit away from its own label; a targeted one pulls
 * every digit towards `target` (a digit already of that class is pulled further into it).
 */
export function linfAttack(
  model: ZooModel,
  x: Tensor2D,
  labels: ArrayLike<number>,
  attack: LinfAttack,
  rng?: Rng,
  onStep?: OnAttackStep,
): Tensor2D {
  checkAttack(attack);
  const n = x.shape[0];
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} digits`);
  const { epsilon, target } = attack;
  if (attack.kind === 'noise') {
    if (!rng) throw new Error('linfAttack: random-sign noise needs a seeded rng');
    return randomSignNoise(x, epsilon, rng);
  }
  const aim = target === null ? labels : Array.from({ length: n }, () => target);
  // Untargeted: climb the true label's loss (+); targeted: descend the target's loss (−).
  const direction = target === null ? 1 : -1;
  const oneHot = oneHotLabels(aim);
  try {
    if (attack.kind === 'fgsm') {
      return tf.tidy(() => {
        const g = lossGradient(model, x, oneHot);
        return tf.clipByValue(tf.add(x, tf.mul(tf.sign(g), direction * epsilon)), 0, 1) as Tensor2D;
      });
    }
    return pgdAttack(model, x, oneHot, attack, rng, { direction, onStep });
  } finally {
    oneHot.dispose();
  }
}

/** x + ε · s with s uniform in {−1, +1}^784 per digit, clipped to [0, 1]: noise of the attacks' size, aimed nowhere. */
export function randomSignNoise(x: Tensor2D, epsilon: number, rng: Rng): Tensor2D {
  const signs = Float32Array.from({ length: x.size }, () => (rng() < 0.5 ? -epsilon : epsilon));
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.tensor2d(signs, x.shape)), 0, 1) as Tensor2D);
}

/**
 * The representation a model computes just before its output layer ([N, width]): the last hidden
 * ReLU layer of the MLP (128 units) and of the CNN (the dense layer, 64 units); softmax regression has
 * none, so its "representation" is the digit itself (784 pixels). What the spectral-signature check of
 * the backdoor lab reads (Tran, Li & Madry 2018 use the same layer). The caller owns the result.
 */
export function penultimate(model: ZooModel, x: Tensor2D): Tensor2D {
  const v = model.trainableVariables;
  const a = model.architecture;
  return tf.tidy(() => {
    switch (a.kind) {
      case 'softmax':
        return tf.clone(x);
      case 'mlp': {
        let h: Tensor2D = x;
        for (let i = 0; i + 2 < v.length; i += 2) {
          h = tf.fused.matMul({ a: h, b: v[i] as Tensor2D, bias: v[i + 1], activation: 'relu' }) as Tensor2D;
        }
        return h;
      }
      case 'cnn': {
        const [w1, b1, w2, b2, w3, b3] = v;
        const none = { input: false, weights: false };
        const image = tf.reshape(x, [-1, DIGIT_SIDE, DIGIT_SIDE, 1]) as Tensor4D;
        const h1 = convReluPool(image, w1 as Tensor4D, b1 as Tensor1D, none);
        const h2 = convReluPool(h1, w2 as Tensor4D, b2 as Tensor1D, none);
        const flat = tf.reshape(h2, [h2.shape[0], -1]) as Tensor2D;
        return tf.fused.matMul({ a: flat, b: w3 as Tensor2D, bias: b3, activation: 'relu' }) as Tensor2D;
      }
    }
  });
}

/** Plain numbers of a batch's logits: each digit's predicted class and the probability it gives it. */
export function readPredictions(logits: Tensor2D): { predictions: Uint8Array; confidence: Float32Array } {
  const p = tf.tidy(() => tf.softmax(logits));
  let probs: Float32Array;
  try {
    probs = p.dataSync() as Float32Array;
  } finally {
    p.dispose();
  }
  const n = logits.shape[0];
  const predictions = new Uint8Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < 10; k++) if (probs[i * 10 + k] > probs[i * 10 + best]) best = k;
    predictions[i] = best;
    confidence[i] = probs[i * 10 + best];
  }
  return { predictions, confidence };
}

/** A digit batch from flat pixels (N × 784 numbers in [0, 1]). */
export function digitBatch(pixels: Float32Array): Tensor2D {
  return tf.tensor2d(pixels, [pixels.length / DIGIT_PIXELS, DIGIT_PIXELS]);
}

/** The seeded stream an attack's random draws (PGD's random start, the noise control) come from. */
export const ATTACK_STREAM = 11;

export interface DigitAttackResult {
  /** The 784 pixels attacked, and their adversarial version. */
  original: Float32Array;
  adversarial: Float32Array;
  /** The label the attack worked against: the true label of a test digit, else the victim's clean answer. */
  label: number;
  /** The victim's class probabilities on the original and on the adversarial digit. */
  before: number[];
  after: number[];
  /** The largest change of any pixel, ‖x' − x‖∞ (at most ε). */
  linf: number;
}

/**
 * One digit attacked: the adversarial example is computed on `source` (the model the attacker has, the
 * victim itself in the white-box case, another model for a transfer attack) and scored on `victim`.
 * `label` null (a drawn digit) attacks the victim's own clean answer. Random draws from `seed`.
 */
export function attackDigit(
  victim: ZooModel,
  source: ZooModel,
  pixels: Float32Array,
  label: number | null,
  attack: LinfAttack,
  seed: number,
): DigitAttackResult {
  if (pixels.length !== DIGIT_PIXELS) throw new RangeError(`a digit is ${DIGIT_PIXELS} pixels, got ${pixels.length}`);
  const before = Array.from(victim.predict(pixels));
  const truth = label ?? before.indexOf(Math.max(...before));
  const x = digitBatch(pixels);
  let adv: Tensor2D | null = null;
  try {
    adv = linfAttack(source, x, [truth], attack, mulberry32(deriveSeed(seed, ATTACK_STREAM)));
    const adversarial = adv.dataSync() as Float32Array;
    const after = Array.from(victim.predict(adversarial));
    let linf = 0;
    for (let i = 0; i < DIGIT_PIXELS; i++) linf = Math.max(linf, Math.abs(adversarial[i] - pixels[i]));
    return {
      original: Float32Array.from(pixels),
      adversarial: Float32Array.from(adversarial),
      label: truth,
      before,
      after,
      linf,
    };
  } finally {
    x.dispose();
    adv?.dispose();
  }
}
