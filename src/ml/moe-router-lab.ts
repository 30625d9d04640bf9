/**
 * One training run of the router lab: an MoE layer that classifies points of the regimes task
 * (src/math/moe-tasks.ts), with its Adam optimiser, seeded data and a fixed held-out set. The lab's
 * Worker drives it step by step; the claims tests, the committed sweeps and the static figure run the
 * very same code, so all of them show the same run for a seed.
 *
 * The loss of a step is the task's cross-entropy plus the two auxiliary losses, with the coefficients
 * the reader sets (Switch's α on N Σ f_i P_i, ST-MoE's c_z on the z-loss):
 *
 *   L = CE + α · N Σ_i f_i P_i + c_z · (1/T) Σ_t (log Σ_j e^{h_tj})²
 */
import { deriveSeed, mulberry32, type Rng } from '../math/random';
import { activeExperts, coefficientOfVariation, expertCapacity, meanRouterEntropy, topK } from '../math/moe';
import {
  heldOutPoints,
  makePointBatch,
  mapGrid,
  MOE_SEED_STREAM,
  regimePurity,
  type PointBatch,
} from '../math/moe-tasks';
import { crossEntropy, MoeLayer } from './moe';
import { tidyValue } from './moe-ops';
import { tf, type Scalar } from './tf';

export interface RouterLabConfig {
  regimes: number;
  experts: number;
  topK: number;
  /** Load-balancing coefficient α. */
  alpha: number;
  /** Router z-loss coefficient c_z. */
  zLoss: number;
  capacityFactor: number;
  /** Router noise σ during training. */
  noise: number;
  lr: number;
  seed: number;
}

/** Points per training step: the group whose tokens compete for the experts' slots. */
export const LAB_BATCH = 256;
/** Held-out points, evaluated in groups of LAB_BATCH with the training capacity factor. */
export const LAB_EVAL_SIZE = 1024;
/** Held-out evaluation every this many steps. */
export const LAB_EVAL_EVERY = 25;
/** Hidden width of each expert (2 → 8 → 2). */
export const LAB_EXPERT_HIDDEN = 8;
/** The expert map's resolution: MAP_RES × MAP_RES points. */
export const LAB_MAP_RES = 32;

export interface LabStep {
  step: number;
  /** Task cross-entropy of the batch (nats). */
  loss: number;
  /** N Σ f P of the batch (1 when even). */
  balance: number;
  /** Share of the batch's T·k assignments dropped for lack of capacity. */
  dropped: number;
}

export interface LabEvaluation {
  step: number;
  loss: number;
  accuracy: number;
  /** Share of assignments per expert (Σ = 1), over the held-out set. */
  f: number[];
  /** Mean router probability per expert. */
  P: number[];
  /** Coefficient of variation of f: 0 when even. */
  cv: number;
  /** N Σ f P over the held-out set. */
  balance: number;
  /** Mean entropy of p(x), nats; ln N is undecided. */
  entropy: number;
  /** Share of assignments dropped, and of points left with no expert at all. */
  dropped: number;
  tokensDropped: number;
  /** Experts with at least half an even share of the assignments. */
  activeExperts: number;
  /** Mean over regimes of the share of the regime's map points its most common expert takes. */
  purity: number;
}

export interface ExpertMap {
  res: number;
  /** Top-1 expert at each map point, row by row from the bottom left. */
  expert: number[];
  /** Its router probability (how sure the router is). */
  confidence: number[];
}

export class RouterLabSession {
  readonly config: RouterLabConfig;
  readonly layer: MoeLayer;
  readonly capacity: number;
  private readonly optimizer: tf.Optimizer;
  private readonly dataRng: Rng;
  private readonly noiseRng: Rng;
  private readonly heldOut: PointBatch;
  private readonly grid = mapGrid(LAB_MAP_RES);
  steps = 0;

  constructor(config: RouterLabConfig) {
    if (!(config.lr > 0 && config.lr < 1)) throw new RangeError(`lr must be in (0, 1), got ${config.lr}`);
    if (!(config.alpha >= 0) || !(config.zLoss >= 0)) throw new RangeError('loss coefficients must be ≥ 0');
    this.config = config;
    this.layer = new MoeLayer(
      { inputDim: 2, outputDim: 2, hidden: LAB_EXPERT_HIDDEN, experts: config.experts, k: config.topK },
      mulberry32(deriveSeed(config.seed, MOE_SEED_STREAM.init)),
    );
    this.capacity = expertCapacity(LAB_BATCH, config.experts, config.topK, config.capacityFactor);
    this.optimizer = tf.train.adam(config.lr);
    this.dataRng = mulberry32(deriveSeed(config.seed, MOE_SEED_STREAM.data));
    this.noiseRng = mulberry32(deriveSeed(config.seed, MOE_SEED_STREAM.noise));
    this.heldOut = heldOutPoints(config.regimes, LAB_EVAL_SIZE, config.seed);
  }

  get numParameters(): number {
    return this.layer.numParameters;
  }

  /** One Adam step on a fresh batch. */
  trainStep(): LabStep {
    const batch = makePointBatch(this.config.regimes, LAB_BATCH, this.dataRng);
    const { alpha, zLoss, capacityFactor, noise, topK: k } = this.config;
    let dropped = 0;
    // The task loss and the balance, kept past the step so that one read-back gives both.
    let parts: tf.Tensor | null = null;
    const cost = tf.tidy(() => {
      const x = tf.tensor2d(batch.points, [batch.n, 2]);
      return this.optimizer.minimize(
        () => {
          const out = this.layer.forward(x, { capacityFactor, noise, noiseRng: this.noiseRng });
          const task = crossEntropy(out.output, batch.labels);
          dropped = out.routing.assignment.dropped / (batch.n * k);
          parts = tf.keep(tf.stack([task, out.balance]));
          return tf.add(tf.add(task, tf.mul(alpha, out.balance)), tf.mul(zLoss, out.z)) as Scalar;
        },
        true,
        this.layer.variables,
      )!;
    });
    cost.dispose();
    const kept = parts as tf.Tensor | null;
    const [loss, balance] = kept ? Array.from(kept.dataSync()) : [NaN, NaN];
    kept?.dispose();
    this.steps++;
    return { step: this.steps, loss, balance, dropped };
  }

  /** Loss, accuracy and balance on the held-out set, in training-sized groups with the same capacity. */
  evaluate(): LabEvaluation {
    const { experts: N, topK: k, capacityFactor } = this.config;
    const groups = LAB_EVAL_SIZE / LAB_BATCH;
    const counts = new Array<number>(N).fill(0);
    const P = new Array<number>(N).fill(0);
    let loss = 0;
    let correct = 0;
    let dropped = 0;
    let tokensDropped = 0;
    let entropy = 0;
    for (let g = 0; g < groups; g++) {
      const lo = g * LAB_BATCH;
      const points = this.heldOut.points.subarray(2 * lo, 2 * (lo + LAB_BATCH));
      const labels = this.heldOut.labels.subarray(lo, lo + LAB_BATCH);
      const { lossValue, predicted, routing, probs } = tidyValue(() => {
        const out = this.layer.forward(tf.tensor2d(points, [LAB_BATCH, 2]), { capacityFactor });
        return {
          lossValue: crossEntropy(out.output, labels).dataSync()[0],
          predicted: tf.argMax(out.output, 1).dataSync(),
          routing: out.routing,
          probs: out.probs,
        };
      });
      loss += lossValue / groups;
      for (let i = 0; i < LAB_BATCH; i++) if (predicted[i] === labels[i]) correct++;
      routing.f.forEach((fi, i) => (counts[i] += fi / groups));
      routing.P.forEach((pi, i) => (P[i] += pi / groups));
      dropped += routing.assignment.dropped;
      tokensDropped += routing.assignment.tokensDropped;
      entropy += meanRouterEntropy(probs, LAB_BATCH, N) / groups;
    }
    const f = counts;
    const map = this.expertMap();
    return {
      step: this.steps,
      loss,
      accuracy: correct / LAB_EVAL_SIZE,
      f,
      P,
      cv: coefficientOfVariation(f),
      balance: N * f.reduce((s, fi, i) => s + fi * P[i], 0),
      entropy,
      dropped: dropped / (LAB_EVAL_SIZE * k),
      tokensDropped: tokensDropped / LAB_EVAL_SIZE,
      activeExperts: activeExperts(f),
      purity: regimePurity(map.expert, this.grid, this.config.regimes, N),
    };
  }

  /** The router's first choice over a grid of the square: which expert handles each region. */
  expertMap(): ExpertMap {
    const n = LAB_MAP_RES * LAB_MAP_RES;
    const N = this.config.experts;
    const probs = tidyValue(() => this.layer.probabilities(tf.tensor2d(this.grid, [n, 2])));
    const expert: number[] = [];
    const confidence: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = probs.subarray(i * N, (i + 1) * N);
      const [best] = topK(row, 1);
      expert.push(best);
      confidence.push(row[best]);
    }
    return { res: LAB_MAP_RES, expert, confidence };
  }

  dispose(): void {
    this.optimizer.dispose();
    this.layer.dispose();
  }
}
