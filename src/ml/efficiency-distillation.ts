/**
 * Knowledge distillation (Hinton, Vinyals & Dean 2015, §2): a small student MLP trained on a transfer
 * set against a mix of the teacher's softened probabilities and the hard labels,
 *
 *   L = λ · T² · H(p_teacher^(T), p_student^(T)) + (1 − λ) · H(y, p_student^(1)),
 *   p^(T)_i = exp(z_i / T) / Σ_j exp(z_j / T),
 *
 * averaged over the batch. The soft term's gradient with respect to a student logit is
 * (p_student^(T) − p_teacher^(T)) / T, so it shrinks as 1/T²  for small logit differences (their §2.1):
 * the factor T² keeps the two terms' relative weight when T changes. λ = 0 is ordinary training on the
 * labels, the baseline.
 *
 * The teacher's logits on the transfer set are computed once (teacherLogits) and kept as plain numbers,
 * so the student's step costs no teacher forward pass. The order of the transfer set (a fresh seeded
 * shuffle each epoch) and the student's initial weights come from the seed alone, so two students of
 * one seed with different losses see the same batches from the same start.
 */
import { DIGIT_CLASSES, DIGIT_PIXELS } from '../math/zoo';
import type { DigitSplit } from '../math/digit-split';
import { deriveSeed, mulberry32, randInt, type Rng } from '../math/random';
import { tf, type Scalar, type Tensor2D } from './tf';
import { createZooModel, oneHotLabels, type ZooModel } from './zoo/models';

export interface TransferSet {
  count: number;
  /** count × 784 in [0, 1]. */
  pixels: Float32Array;
  labels: Uint8Array;
  /** Indices into the training split. */
  indices: number[];
}

/**
 * The first `count` digits of the training split, skipping every digit of class `holdOut` (when set):
 * the student then never sees that class, neither its images nor its label.
 */
export function transferSet(train: DigitSplit, count: number, holdOut: number | null = null): TransferSet {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`the transfer set needs ≥ 1 digit, got ${count}`);
  const indices: number[] = [];
  for (let i = 0; i < train.count && indices.length < count; i++) if (train.labels[i] !== holdOut) indices.push(i);
  const pixels = new Float32Array(indices.length * DIGIT_PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((idx, k) => {
    labels[k] = train.labels[idx];
    for (let p = 0; p < DIGIT_PIXELS; p++) pixels[k * DIGIT_PIXELS + p] = train.images[idx * DIGIT_PIXELS + p] / 255;
  });
  return { count: indices.length, pixels, labels, indices };
}

/** The teacher's logits on the digits, in batches of 250 (count × 10, row by row). */
export function teacherLogits(teacher: ZooModel, pixels: Float32Array): Float32Array {
  const n = pixels.length / DIGIT_PIXELS;
  const out = new Float32Array(n * DIGIT_CLASSES);
  for (let start = 0; start < n; start += 250) {
    const end = Math.min(n, start + 250);
    const z = tf.tidy(() =>
      teacher.logits(
        tf.tensor2d(pixels.subarray(start * DIGIT_PIXELS, end * DIGIT_PIXELS), [end - start, DIGIT_PIXELS]),
      ),
    );
    try {
      out.set(z.dataSync(), start * DIGIT_CLASSES);
    } finally {
      z.dispose();
    }
  }
  return out;
}

/**
 * The distillation loss of a batch (mean over its rows): λ T² H(softmax(t/T), softmax(s/T)) +
 * (1 − λ) H(y, softmax(s)). `student` and `teacher` are logits [N, 10], `oneHot` the labels.
 */
export function distillationLoss(
  student: Tensor2D,
  teacher: Tensor2D,
  oneHot: Tensor2D,
  temperature: number,
  alpha: number,
): Scalar {
  return tf.tidy(() => {
    const hard = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(student)), 1)));
    if (alpha === 0) return hard as Scalar;
    const target = tf.softmax(tf.div(teacher, temperature));
    const soft = tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(tf.div(student, temperature))), 1)));
    return tf.add(tf.mul(alpha * temperature * temperature, soft), tf.mul(1 - alpha, hard)) as Scalar;
  });
}

export interface DistillOptions {
  /** The student: an MLP 784 → hidden → 10. */
  hidden: number;
  seed: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
  /** λ, the soft term's weight (0: the labels only). */
  alpha: number;
}

export function checkDistillOptions(o: DistillOptions): void {
  if (!(o.temperature >= 1 && o.temperature <= 50)) throw new RangeError(`T must be 1 … 50, got ${o.temperature}`);
  if (!(o.alpha >= 0 && o.alpha <= 1)) throw new RangeError(`λ must be in [0, 1], got ${o.alpha}`);
  if (!(o.learningRate > 0 && o.learningRate < 1)) throw new RangeError(`learning rate must be in (0, 1)`);
}

/** One student trained on a transfer set; owns its model and optimiser. */
export class DistillationSession {
  readonly options: DistillOptions;
  readonly model: ZooModel;
  private readonly data: TransferSet;
  private readonly teacher: Float32Array;
  private readonly optimizer: tf.Optimizer;
  private readonly rng: Rng;
  private order: number[] = [];
  private cursor = 0;
  private disposed = false;
  steps = 0;

  constructor(options: DistillOptions, data: TransferSet, teacher: Float32Array) {
    checkDistillOptions(options);
    if (teacher.length !== data.count * DIGIT_CLASSES) throw new RangeError('one row of teacher logits per digit');
    this.options = { ...options };
    this.data = data;
    this.teacher = teacher;
    this.rng = mulberry32(deriveSeed(options.seed, 1));
    this.model = createZooModel({ kind: 'mlp', hidden: [options.hidden] }, options.seed);
    this.optimizer = tf.train.adam(options.learningRate);
  }

  private nextBatch(): number[] {
    const B = Math.min(this.options.batchSize, this.data.count);
    const out: number[] = [];
    while (out.length < B) {
      if (this.cursor >= this.order.length) {
        this.order = Array.from({ length: this.data.count }, (_, i) => i);
        for (let i = this.order.length - 1; i > 0; i--) {
          const j = randInt(this.rng, i + 1);
          [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
        }
        this.cursor = 0;
      }
      out.push(this.order[this.cursor++]);
    }
    return out;
  }

  /** One Adam step on the next batch; returns the batch's loss before the step. */
  trainStep(): number {
    if (this.disposed) throw new Error('DistillationSession: used after dispose()');
    const batch = this.nextBatch();
    const B = batch.length;
    const x = new Float32Array(B * DIGIT_PIXELS);
    const t = new Float32Array(B * DIGIT_CLASSES);
    const y = new Uint8Array(B);
    batch.forEach((k, b) => {
      x.set(this.data.pixels.subarray(k * DIGIT_PIXELS, (k + 1) * DIGIT_PIXELS), b * DIGIT_PIXELS);
      t.set(this.teacher.subarray(k * DIGIT_CLASSES, (k + 1) * DIGIT_CLASSES), b * DIGIT_CLASSES);
      y[b] = this.data.labels[k];
    });
    const { temperature, alpha } = this.options;
    const loss = tf.tidy(() => {
      const xs = tf.tensor2d(x, [B, DIGIT_PIXELS]);
      const ts = tf.tensor2d(t, [B, DIGIT_CLASSES]);
      const oneHot = oneHotLabels(y);
      return this.optimizer.minimize(
        () => distillationLoss(this.model.logits(xs, 'train'), ts, oneHot, temperature, alpha),
        true,
        this.model.trainableVariables,
      )!;
    });
    try {
      this.steps++;
      return loss.dataSync()[0];
    } finally {
      loss.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
    this.model.dispose();
  }
}
