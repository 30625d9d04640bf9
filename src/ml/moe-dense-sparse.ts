/**
 * Dense against sparse: one dense MLP and one MoE layer with the same active parameters per token,
 * trained side by side on the same batches of the regimes task (src/math/moe-tasks.ts), each with its
 * own Adam optimiser. Each step trains both, one after the other, and times each, so both see the same
 * machine load. Training FLOPs are counted from the shapes (src/math/moe-counts.ts), not timed.
 *
 * The dense model is relu(x W₁ + b₁) W₂ + b₂ of width k·h; the MoE has N experts of width h and k of
 * them per token, so a token passes through k·h hidden units in both. The MoE stores N/k times as many
 * expert weights, and adds a router (and its capacity's padding) to the compute.
 */
import { deriveSeed, mulberry32, type Rng } from '../math/random';
import { coefficientOfVariation, expertCapacity } from '../math/moe';
import {
  mlpForwardFlops,
  mlpParameters,
  moeLayerForwardFlops,
  moeLayerParameters,
  trainingFlops,
  type ModelCounts,
} from '../math/moe-counts';
import { heldOutPoints, makePointBatch, MOE_SEED_STREAM, type PointBatch } from '../math/moe-tasks';
import { crossEntropy, DenseMlp, MoeLayer } from './moe';
import { tidyValue } from './moe-ops';
import { tf, type Scalar, type Tensor2D } from './tf';

export interface DenseSparseConfig {
  regimes: number;
  experts: number;
  topK: number;
  /** Hidden width of one expert; the dense model's width is topK times this. */
  expertHidden: number;
  capacityFactor: number;
  alpha: number;
  lr: number;
  seed: number;
}

export const DS_BATCH = 256;
export const DS_EVAL_SIZE = 1024;
export const DS_EVAL_EVERY = 25;

export interface ModelStep {
  loss: number;
  /** Wall-clock milliseconds of this model's training step (forward, backward, update, read-back). */
  ms: number;
}

export interface DenseSparseStep {
  step: number;
  dense: ModelStep;
  moe: ModelStep & { dropped: number };
}

export interface ModelEvaluation {
  loss: number;
  accuracy: number;
}

export interface DenseSparseEvaluation {
  step: number;
  dense: ModelEvaluation;
  moe: ModelEvaluation & { cv: number; dropped: number };
}

export interface DenseSparseCounts {
  dense: ModelCounts;
  moe: ModelCounts;
  /** Training FLOPs of one step on one batch. */
  denseStepFlops: number;
  moeStepFlops: number;
  capacity: number;
}

/** Parameter and FLOP counts of the two models of a config, from their shapes. */
export function denseSparseCounts(c: DenseSparseConfig): DenseSparseCounts {
  const denseShape = { inputDim: 2, hidden: c.topK * c.expertHidden, outputDim: 2 };
  const moeShape = { inputDim: 2, hidden: c.expertHidden, outputDim: 2, experts: c.experts, k: c.topK };
  const capacity = expertCapacity(DS_BATCH, c.experts, c.topK, c.capacityFactor);
  const dense = mlpParameters(denseShape);
  return {
    dense: { total: dense, active: dense },
    moe: moeLayerParameters(moeShape),
    denseStepFlops: trainingFlops(DS_BATCH * mlpForwardFlops(denseShape)),
    moeStepFlops: trainingFlops(moeLayerForwardFlops(moeShape, DS_BATCH, capacity)),
    capacity,
  };
}

export class DenseSparseSession {
  readonly config: DenseSparseConfig;
  readonly dense: DenseMlp;
  readonly moe: MoeLayer;
  readonly counts: DenseSparseCounts;
  private readonly denseOptimizer: tf.Optimizer;
  private readonly moeOptimizer: tf.Optimizer;
  private readonly dataRng: Rng;
  private readonly heldOut: PointBatch;
  steps = 0;

  constructor(
    config: DenseSparseConfig,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(config.lr > 0 && config.lr < 1)) throw new RangeError(`lr must be in (0, 1), got ${config.lr}`);
    this.config = config;
    this.counts = denseSparseCounts(config);
    this.moe = new MoeLayer(
      { inputDim: 2, outputDim: 2, hidden: config.expertHidden, experts: config.experts, k: config.topK },
      mulberry32(deriveSeed(config.seed, MOE_SEED_STREAM.init)),
    );
    this.dense = new DenseMlp(
      2,
      config.topK * config.expertHidden,
      2,
      mulberry32(deriveSeed(config.seed, MOE_SEED_STREAM.dense)),
    );
    this.denseOptimizer = tf.train.adam(config.lr);
    this.moeOptimizer = tf.train.adam(config.lr);
    this.dataRng = mulberry32(deriveSeed(config.seed, MOE_SEED_STREAM.data));
    this.heldOut = heldOutPoints(config.regimes, DS_EVAL_SIZE, config.seed);
  }

  /** One step of each model on the same fresh batch. */
  trainStep(): DenseSparseStep {
    const batch = makePointBatch(this.config.regimes, DS_BATCH, this.dataRng);
    const { capacityFactor, alpha, topK: k } = this.config;

    let start = this.now();
    const denseLoss = this.minimize(this.denseOptimizer, this.dense.variables, batch.points, (x) =>
      crossEntropy(this.dense.forward(x), batch.labels),
    );
    const denseMs = this.now() - start;

    start = this.now();
    let dropped = 0;
    let taskLoss: tf.Tensor | null = null;
    this.minimize(this.moeOptimizer, this.moe.variables, batch.points, (x) => {
      const out = this.moe.forward(x, { capacityFactor });
      dropped = out.routing.assignment.dropped / (DS_BATCH * k);
      const task = crossEntropy(out.output, batch.labels);
      // The task loss alone is what the chart compares with the dense model's.
      taskLoss = tf.keep(tf.clone(task));
      return tf.add(task, tf.mul(alpha, out.balance)) as Scalar;
    });
    const kept = taskLoss as tf.Tensor | null;
    const moeLoss = kept ? kept.dataSync()[0] : NaN;
    kept?.dispose();
    const moeMs = this.now() - start;

    this.steps++;
    return { step: this.steps, dense: { loss: denseLoss, ms: denseMs }, moe: { loss: moeLoss, ms: moeMs, dropped } };
  }

  /** Both models on the held-out set (the MoE in training-sized groups, with its capacity). */
  evaluate(): DenseSparseEvaluation {
    const groups = DS_EVAL_SIZE / DS_BATCH;
    const { capacityFactor, experts: N, topK: k } = this.config;
    const acc = { dense: { loss: 0, correct: 0 }, moe: { loss: 0, correct: 0 } };
    const f = new Array<number>(N).fill(0);
    let dropped = 0;
    for (let g = 0; g < groups; g++) {
      const lo = g * DS_BATCH;
      const points = this.heldOut.points.subarray(2 * lo, 2 * (lo + DS_BATCH));
      const labels = this.heldOut.labels.subarray(lo, lo + DS_BATCH);
      const r = tidyValue(() => {
        const x = tf.tensor2d(points, [DS_BATCH, 2]);
        const d = this.dense.forward(x);
        const m = this.moe.forward(x, { capacityFactor });
        return {
          dLoss: crossEntropy(d, labels).dataSync()[0],
          dPred: tf.argMax(d, 1).dataSync(),
          mLoss: crossEntropy(m.output, labels).dataSync()[0],
          mPred: tf.argMax(m.output, 1).dataSync(),
          routing: m.routing,
        };
      });
      acc.dense.loss += r.dLoss / groups;
      acc.moe.loss += r.mLoss / groups;
      for (let i = 0; i < DS_BATCH; i++) {
        if (r.dPred[i] === labels[i]) acc.dense.correct++;
        if (r.mPred[i] === labels[i]) acc.moe.correct++;
      }
      r.routing.f.forEach((fi, i) => (f[i] += fi / groups));
      dropped += r.routing.assignment.dropped;
    }
    return {
      step: this.steps,
      dense: { loss: acc.dense.loss, accuracy: acc.dense.correct / DS_EVAL_SIZE },
      moe: {
        loss: acc.moe.loss,
        accuracy: acc.moe.correct / DS_EVAL_SIZE,
        cv: coefficientOfVariation(f),
        dropped: dropped / (DS_EVAL_SIZE * k),
      },
    };
  }

  dispose(): void {
    this.denseOptimizer.dispose();
    this.moeOptimizer.dispose();
    this.dense.dispose();
    this.moe.dispose();
  }

  /** One optimiser step on the points; returns the minimised loss (read back once, which ends the step). */
  private minimize(
    optimizer: tf.Optimizer,
    variables: tf.Variable[],
    points: Float32Array,
    loss: (x: Tensor2D) => Scalar,
  ): number {
    const cost = tf.tidy(() => {
      const x = tf.tensor2d(points, [DS_BATCH, 2]);
      return optimizer.minimize(() => loss(x), true, variables)!;
    });
    const value = cost.dataSync()[0];
    cost.dispose();
    return value;
  }
}
