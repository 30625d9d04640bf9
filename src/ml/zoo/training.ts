/**
 * One training run of a zoo model, one optimiser step at a time: the seeded script that trains the
 * shipped weights drives it, and so can a Worker (live training, fine-tuning), with the same numbers for
 * the same options on the same backend.
 *
 * Each step: the next batch of the epoch's seeded order (a fresh shuffle of the training split every
 * epoch; the last partial batch of an epoch is skipped), each digit moved by a random whole-pixel shift
 * (augmentation, when maxShift > 0), replaced by its PGD adversary when adversarial training is on
 * (Madry et al. 2018: minimise the loss at the attack's point, not at the clean digit), then one Adam
 * step (Kingma & Ba 2015) on the mean cross-entropy. The learning rate follows a cosine from its initial
 * value to finalFraction of it over totalSteps (Loshchilov & Hutter 2017, one cycle, no restart), and
 * stays there after; the attack's ε (and its step size with it) can ramp up linearly over rampSteps,
 * which keeps a small network from collapsing to a constant answer early in adversarial training.
 *
 * Randomness: the initial weights, the epoch orders, the shifts and the attacks' random starts each
 * come from their own stream of the seed (ZOO_SEED_STREAM), drawn in plain JS.
 */
import { DIGIT_PIXELS, type PgdSettings, type ZooArchitecture } from '../../math/zoo';
import type { DigitSplit } from '../../math/digit-split';
import { shiftImage } from '../../math/digits';
import { deriveSeed, mulberry32, randInt, type Rng } from '../../math/random';
import { checkInt } from '../init';
import { tf, type Tensor2D } from '../tf';
import { checkPgd, pgdAttack } from './attacks';
import { createZooModel, crossEntropy, oneHotLabels, type ZooModel } from './models';

/** Streams of a run's seed (the model's initial weights use stream 0 of the same seed). */
export const ZOO_SEED_STREAM = { order: 1, shift: 2, attack: 3 } as const;

export interface ZooTrainingOptions {
  architecture: ZooArchitecture;
  /** Seeds the initial weights, the order, the shifts and the attacks. */
  seed: number;
  batchSize: number;
  learningRate: number;
  /** Cosine decay to learningRate · finalFraction over totalSteps; omitted: a constant rate. */
  schedule?: { totalSteps: number; finalFraction: number };
  /** Largest random shift, in whole pixels, in x and in y (0: none). */
  maxShift?: number;
  /** Train on PGD adversaries; ε and the step size grow linearly from 0 over rampSteps (0: from the start). */
  adversarial?: PgdSettings & { rampSteps: number };
}

export interface ZooStepResult {
  /** Steps taken, this one included. */
  step: number;
  /** Epoch of this step's batch (0-based). */
  epoch: number;
  /** Mean cross-entropy of the batch (adversarial, if so trained) before the step. */
  loss: number;
  /** Share of the batch classified right before the step. */
  accuracy: number;
  learningRate: number;
  /** ε of the step's attack (0 without adversarial training). */
  epsilon: number;
}

/** Throws a RangeError naming the first bad option. */
export function checkTrainingOptions(o: ZooTrainingOptions, trainCount = Infinity): void {
  checkInt('seed', o.seed, 0, 0xffffffff);
  checkInt('batchSize', o.batchSize, 1, Math.min(1024, trainCount));
  if (!(o.learningRate > 0 && o.learningRate < 1))
    throw new RangeError(`learningRate must be in (0, 1), got ${o.learningRate}`);
  if (o.schedule) {
    checkInt('schedule.totalSteps', o.schedule.totalSteps, 1, 10_000_000);
    if (!(o.schedule.finalFraction >= 0 && o.schedule.finalFraction <= 1)) {
      throw new RangeError(`schedule.finalFraction must be in [0, 1], got ${o.schedule.finalFraction}`);
    }
  }
  checkInt('maxShift', o.maxShift ?? 0, 0, 4);
  if (o.adversarial) {
    checkPgd(o.adversarial);
    checkInt('adversarial.rampSteps', o.adversarial.rampSteps, 0, 10_000_000);
  }
}

/** The learning rate of step t (0-based) under the options' schedule. */
export function learningRateAt(o: Pick<ZooTrainingOptions, 'learningRate' | 'schedule'>, t: number): number {
  if (!o.schedule) return o.learningRate;
  const { totalSteps, finalFraction } = o.schedule;
  const progress = Math.min(1, t / totalSteps);
  return o.learningRate * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/** The attack's ε at step t (0-based): ramped linearly to its full value over rampSteps. */
export function epsilonAt(o: Pick<ZooTrainingOptions, 'adversarial'>, t: number): number {
  if (!o.adversarial) return 0;
  const { epsilon, rampSteps } = o.adversarial;
  return rampSteps > 0 ? epsilon * Math.min(1, (t + 1) / rampSteps) : epsilon;
}

export class ZooTrainingSession {
  readonly options: ZooTrainingOptions;
  readonly model: ZooModel;
  private readonly data: DigitSplit;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly orderRng: Rng;
  private readonly shiftRng: Rng;
  private readonly attackRng: Rng;
  private readonly stepsPerEpoch: number;
  private order: number[] = [];
  private stepCount = 0;
  private disposed = false;

  /**
   * A session on the training split; `initialWeights` (in the model's getWeights order) start it from
   * trained weights instead of the seed's (fine-tuning). The session owns its model.
   */
  constructor(options: ZooTrainingOptions, train: DigitSplit, initialWeights?: readonly ArrayLike<number>[]) {
    checkTrainingOptions(options, train.count);
    if (train.images.length < train.count * DIGIT_PIXELS) throw new RangeError('the training split is short of images');
    this.options = structuredClone(options);
    this.data = train;
    this.stepsPerEpoch = Math.floor(train.count / options.batchSize);
    this.orderRng = mulberry32(deriveSeed(options.seed, ZOO_SEED_STREAM.order));
    this.shiftRng = mulberry32(deriveSeed(options.seed, ZOO_SEED_STREAM.shift));
    this.attackRng = mulberry32(deriveSeed(options.seed, ZOO_SEED_STREAM.attack));
    this.model = createZooModel(options.architecture, options.seed);
    try {
      if (initialWeights) this.model.setWeights(initialWeights);
      this.optimizer = tf.train.adam(learningRateAt(options, 0)) as tf.AdamOptimizer;
    } catch (err) {
      this.model.dispose();
      throw err;
    }
  }

  /** Steps taken so far, and the epoch the next step's batch comes from. */
  get steps(): number {
    return this.stepCount;
  }

  get epoch(): number {
    return Math.floor(this.stepCount / this.stepsPerEpoch);
  }

  /** One optimiser step on the next batch. */
  trainStep(): ZooStepResult {
    if (this.disposed) throw new Error('ZooTrainingSession: used after dispose()');
    const o = this.options;
    const t = this.stepCount;
    const within = t % this.stepsPerEpoch;
    if (within === 0) {
      // A fresh Fisher–Yates shuffle of all indices from the one order stream, every epoch.
      this.order = Array.from({ length: this.data.count }, (_, i) => i);
      for (let i = this.order.length - 1; i > 0; i--) {
        const j = randInt(this.orderRng, i + 1);
        [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
      }
    }
    const B = o.batchSize;
    const pixels = new Float32Array(B * DIGIT_PIXELS);
    const labels = new Uint8Array(B);
    const maxShift = o.maxShift ?? 0;
    const scratch = new Float32Array(DIGIT_PIXELS);
    for (let b = 0; b < B; b++) {
      const idx = this.order[within * B + b];
      labels[b] = this.data.labels[idx];
      for (let p = 0; p < DIGIT_PIXELS; p++) scratch[p] = this.data.images[idx * DIGIT_PIXELS + p] / 255;
      if (maxShift > 0) {
        const dx = randInt(this.shiftRng, 2 * maxShift + 1) - maxShift;
        const dy = randInt(this.shiftRng, 2 * maxShift + 1) - maxShift;
        shiftImage(scratch, dx, dy, pixels, 0, b * DIGIT_PIXELS);
      } else {
        pixels.set(scratch, b * DIGIT_PIXELS);
      }
    }
    const lr = learningRateAt(o, t);
    (this.optimizer as unknown as { learningRate: number }).learningRate = lr;
    const epsilon = epsilonAt(o, t);
    let logits: Tensor2D | null = null;
    const loss = tf.tidy(() => {
      const oneHot = oneHotLabels(labels);
      let x = tf.tensor2d(pixels, [B, DIGIT_PIXELS]);
      if (o.adversarial) {
        const scale = o.adversarial.epsilon > 0 ? epsilon / o.adversarial.epsilon : 0;
        x = pgdAttack(
          this.model,
          x,
          oneHot,
          { ...o.adversarial, epsilon, stepSize: o.adversarial.stepSize * scale },
          this.attackRng,
        );
      }
      const cost = this.optimizer.minimize(
        () => {
          const z = this.model.logits(x, 'train');
          logits = tf.keep(z);
          return crossEntropy(z, oneHot);
        },
        true,
        this.model.trainableVariables,
      )!;
      return cost;
    });
    let correct = 0;
    try {
      const z = logits!.dataSync();
      for (let b = 0; b < B; b++) {
        let best = 0;
        for (let k = 1; k < 10; k++) if (z[b * 10 + k] > z[b * 10 + best]) best = k;
        if (best === labels[b]) correct++;
      }
    } finally {
      (logits as Tensor2D | null)?.dispose();
    }
    const value = loss.dataSync()[0];
    loss.dispose();
    this.stepCount++;
    return {
      step: this.stepCount,
      epoch: Math.floor(t / this.stepsPerEpoch),
      loss: value,
      accuracy: correct / B,
      learningRate: lr,
      epsilon,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
    this.model.dispose();
  }
}
