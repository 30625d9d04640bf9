/**
 * The transformers chapter's tiny decoder-only model (src/ml/transformer.ts) with its feed-forward layer
 * replaced by a mixture of experts, trained on the same sequence tasks (src/math/tasks.ts):
 *
 *   x⁰ = onehot(tokens) E + P
 *   for each layer ℓ:
 *     x ← x + MHA(LN(x))                       causal multi-head self-attention, as there
 *     x ← x + MoE(LN(x))                       N expert MLPs d → h → d, top-k of them per token
 *   logits = LN(x) U + c
 *
 * Every position of every sequence in a batch is one token for the router: B·T tokens compete for the
 * experts' capacity together. A token whose experts are full skips the feed-forward layer: the residual
 * stream carries it on unchanged (Switch, §2.2). The training loss adds α N Σ f P per layer.
 *
 * It reuses the transformer's attention, positional encodings, loss and initialisers by import; its
 * own code is the block with the MoE in it. (Layer norm and the float one-hot are private to
 * transformer.ts, so they are written out again below, in the same two lines.)
 */
import { deriveSeed, mulberry32, type Rng } from '../math/random';
import { coefficientOfVariation, expertCapacity } from '../math/moe';
import { SEED_STREAM } from '../math/seeds';
import { makeBatch, makeExample, MAX_INPUT_LENGTH, VOCAB_SIZE, type Batch, type TaskName } from '../math/tasks';
import { checkInt, normalVariable, toVariable } from './init';
import { MoeLayer } from './moe';
import { matMulFast, tidyValue } from './moe-ops';
import { createPositional, type PositionalEncoding } from './positional';
import { tf, type Scalar, type Tensor, type Tensor2D, type Tensor3D, type Variable } from './tf';
import {
  attentionSublayer,
  attentionVariables,
  layerNormParams,
  makeAttentionParams,
  maskedCrossEntropy,
  oneHotFloat,
  type AttentionParams,
  type AttentionSublayerOps,
  type LayerNormParams,
} from './transformer';

export interface MoeTransformerConfig {
  task: TaskName;
  /** Digits per question. */
  length: number;
  layers: number;
  experts: number;
  topK: number;
  /** Load-balancing coefficient α (per layer). */
  alpha: number;
  capacityFactor: number;
  lr: number;
  seed: number;
}

/** Fixed parts of the model: those of the attention playground's default. */
export const MOE_TRANSFORMER = {
  dModel: 32,
  heads: 2,
  /** Hidden width of each expert: as wide as the playground's dense MLP (4 · d_model). */
  expertHidden: 128,
  batchSize: 32,
  evalSize: 256,
  evalEvery: 25,
} as const;

/** The transformer's attention half, with a mixture of experts as the feed-forward half. */
interface Block extends AttentionParams {
  moe: MoeLayer;
}

/** LN(x) = g ⊙ (x - μ) / sqrt(σ² + ε) + b over the last axis (as in transformer.ts). */
function layerNorm(x: Tensor, { gain, bias }: LayerNormParams): Tensor {
  const centred = tf.sub(x, tf.mean(x, -1, true));
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, 1e-5))), gain), bias);
}

/** The attention half's ops here: the fast-gradient matmul, the op-by-op LayerNorm, a causal mask. */
const SUBLAYER_OPS: AttentionSublayerOps = {
  project: (x, w) => matMulFast(x as Tensor2D, w as Tensor2D),
  norm: layerNorm,
  attention: { causal: true },
};

/** What one layer's router did with the tokens of one forward pass, in plain numbers. */
export interface LayerRouting {
  /** [B·T, N] router probabilities, row-major. */
  probs: Float32Array;
  /** Each token's experts (best first) and gates. */
  experts: number[][];
  gates: number[][];
  /** Per token and rank: kept (true) or dropped for lack of capacity. */
  kept: boolean[][];
  f: number[];
  dropped: number;
}

export type MoeTransformerForward = {
  logits: Tensor3D;
  /** Σ over layers of N Σ f P. */
  balance: Scalar;
};

export class MoeTransformer {
  readonly trainableVariables: Variable[];
  readonly numParameters: number;
  /** Parameters one token uses: all but the N - k experts it skips in each layer. */
  readonly activeParameters: number;
  private readonly embedding: Variable;
  private readonly positional: PositionalEncoding;
  private readonly blocks: Block[];
  private readonly lnFinal: LayerNormParams;
  private readonly unembed: Variable;
  private readonly unembedBias: Variable;
  private disposed = false;

  constructor(
    readonly layers: number,
    readonly experts: number,
    readonly k: number,
    seed: number,
  ) {
    checkInt('layers', layers, 1, 2);
    checkInt('experts', experts, 1, 16);
    checkInt('topK', k, 1, experts);
    const { dModel: d, expertHidden: h } = MOE_TRANSFORMER;
    const V = VOCAB_SIZE;
    const rng = mulberry32(deriveSeed(seed, 0));
    // The playground's initialisation: N(0, 1/fan_in), residual writes scaled by 1/√(2L), embeddings N(0, 1).
    const residualScale = 1 / Math.sqrt(2 * layers);
    const normal = (shape: number[], std: number) => normalVariable(rng, shape, std);
    this.embedding = normal([V, d], 1);
    this.positional = createPositional('learned', MAX_INPUT_LENGTH + 1, d, (shape) => normal(shape, 1));
    this.blocks = Array.from({ length: layers }, (_, l) => ({
      ...makeAttentionParams(d, normal, residualScale),
      moe: new MoeLayer(
        { inputDim: d, outputDim: d, hidden: h, experts, k, outputInitScale: residualScale },
        // Each layer's experts from a stream of their own.
        mulberry32(deriveSeed(seed, 100 + l)),
      ),
    }));
    this.lnFinal = layerNormParams(d);
    this.unembed = normal([d, V], 1 / Math.sqrt(d));
    this.unembedBias = toVariable(tf.zeros([V]));
    this.trainableVariables = [
      this.embedding,
      ...this.positional.variables,
      ...this.blocks.flatMap((b) => [...attentionVariables(b), ...b.moe.variables]),
      this.lnFinal.gain,
      this.lnFinal.bias,
      this.unembed,
      this.unembedBias,
    ];
    this.numParameters = this.trainableVariables.reduce((s, v) => s + v.size, 0);
    const perExpert = d * h + h + h * d + d;
    this.activeParameters = this.numParameters - layers * (experts - k) * perExpert;
  }

  /**
   * inputs int32 [B, T]. Call inside tf.tidy or minimize. `routing` receives each layer's decisions;
   * `capacityFactor` Infinity (or large) means no token is ever dropped.
   */
  forward(inputs: Tensor2D, capacityFactor: number, routing?: LayerRouting[]): MoeTransformerForward {
    if (this.disposed) throw new Error('MoeTransformer: used after dispose()');
    const [B, T] = inputs.shape;
    const { dModel: d, heads: H } = MOE_TRANSFORMER;
    let x: Tensor = matMulFast(
      oneHotFloat(tf.reshape(inputs, [B * T]), VOCAB_SIZE) as Tensor2D,
      this.embedding as Tensor2D,
    );
    const p = this.positional.slice(T)!;
    x = tf.reshape(tf.add(tf.reshape(x, [B, T, d]), p), [B * T, d]);
    let balance: Tensor = tf.scalar(0);
    for (const blk of this.blocks) {
      x = attentionSublayer(x, blk, { B, T, H, d }, SUBLAYER_OPS).x;
      const out = blk.moe.forward(layerNorm(x, blk.ln2) as Tensor2D, { capacityFactor });
      x = tf.add(x, out.output);
      balance = tf.add(balance, out.balance);
      if (routing) {
        const { choices, assignment, f } = out.routing;
        routing.push({
          probs: out.probs,
          experts: choices.map((c) => c.experts),
          gates: choices.map((c) => c.gates),
          kept: choices.map((c, t) => c.experts.map((_, r) => assignment.slot[t * this.k + r] >= 0)),
          f,
          dropped: assignment.dropped / (B * T * this.k),
        });
      }
    }
    const logits = tf.reshape(
      tf.add(matMulFast(layerNorm(x, this.lnFinal) as Tensor2D, this.unembed as Tensor2D), this.unembedBias),
      [B, T, VOCAB_SIZE],
    ) as Tensor3D;
    return { logits, balance: balance as Scalar };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.trainableVariables) if (!this.positional.variables.includes(v)) v.dispose();
    this.positional.dispose();
    this.blocks.forEach((b) => b.moe.dispose());
  }
}

export interface TokenEvaluation {
  step: number;
  loss: number;
  tokenAccuracy: number;
  /** Per layer: share of assignments per expert over the held-out batch, its CV, and drops. */
  f: number[][];
  cv: number[];
  dropped: number[];
  /**
   * Per layer, [token id][expert]: of the held-out tokens with this id (0-9 digits, 10 the separator),
   * the share whose first choice is each expert.
   */
  byToken: number[][][];
  /** Per layer, [position][expert]: the same by position in the sequence (0 … 2n-1). */
  byPosition: number[][][];
}

export interface TokenProbe {
  /** The model input (question, separator, answer without its last digit). */
  tokens: number[];
  expected: number[];
  /** Teacher-forced prediction at each answer position. */
  predictions: number[];
  /** Per layer, per position: the router's experts (best first) and their gates. */
  experts: number[][][];
  gates: number[][][];
  /** Per layer, per position: the router's probability for every expert. */
  probs: number[][][];
}

export class MoeTransformerSession {
  readonly config: MoeTransformerConfig;
  readonly model: MoeTransformer;
  private readonly optimizer: tf.Optimizer;
  private readonly dataRng: Rng;
  private readonly heldOut: Batch;
  steps = 0;

  constructor(config: MoeTransformerConfig) {
    if (!(config.lr > 0 && config.lr < 1)) throw new RangeError(`lr must be in (0, 1), got ${config.lr}`);
    this.config = config;
    this.model = new MoeTransformer(config.layers, config.experts, config.topK, config.seed);
    this.optimizer = tf.train.adam(config.lr);
    this.dataRng = mulberry32(deriveSeed(config.seed, SEED_STREAM.data));
    this.heldOut = makeBatch(
      config.task,
      config.length,
      MOE_TRANSFORMER.evalSize,
      mulberry32(deriveSeed(config.seed, SEED_STREAM.heldOut)),
    );
  }

  /** Expert capacity of a training batch (B·T tokens). */
  get capacity(): number {
    const tokens = MOE_TRANSFORMER.batchSize * 2 * this.config.length;
    return expertCapacity(tokens, this.config.experts, this.config.topK, this.config.capacityFactor);
  }

  /** One Adam step on a fresh batch; the task loss (scored positions only) and the share of assignments dropped. */
  trainStep(): { loss: number; dropped: number } {
    const batch = makeBatch(this.config.task, this.config.length, MOE_TRANSFORMER.batchSize, this.dataRng);
    const { batchSize: B, T } = batch;
    const { alpha, capacityFactor } = this.config;
    let task: Tensor | null = null;
    const routing: LayerRouting[] = [];
    const cost = tf.tidy(() => {
      const inputs = tf.tensor2d(batch.inputs, [B, T], 'int32');
      const targets = tf.tensor2d(batch.targets, [B, T], 'int32');
      const mask = tf.tensor2d(batch.mask, [B, T]);
      return this.optimizer.minimize(
        () => {
          routing.length = 0;
          const out = this.model.forward(inputs, capacityFactor, routing);
          const ce = maskedCrossEntropy(out.logits, targets, mask);
          task = tf.keep(tf.clone(ce));
          return tf.add(ce, tf.mul(alpha, out.balance)) as Scalar;
        },
        true,
        this.model.trainableVariables,
      )!;
    });
    cost.dispose();
    const kept = task as Tensor | null;
    const loss = kept ? kept.dataSync()[0] : NaN;
    kept?.dispose();
    this.steps++;
    const dropped = routing.reduce((s, r) => s + r.dropped, 0) / Math.max(1, routing.length);
    return { loss, dropped };
  }

  /** Loss, token accuracy and routing statistics on the held-out batch (with the training capacity). */
  evaluate(): TokenEvaluation {
    const { batchSize: B, T } = this.heldOut;
    const N = this.config.experts;
    const routing: LayerRouting[] = [];
    const { loss, predicted } = tidyValue(() => {
      const out = this.model.forward(
        tf.tensor2d(this.heldOut.inputs, [B, T], 'int32'),
        this.config.capacityFactor,
        routing,
      );
      const ce = maskedCrossEntropy(
        out.logits,
        tf.tensor2d(this.heldOut.targets, [B, T], 'int32'),
        tf.tensor2d(this.heldOut.mask, [B, T]),
      );
      return { loss: ce.dataSync()[0], predicted: tf.argMax(out.logits, -1).dataSync() };
    });
    let scored = 0;
    let correct = 0;
    for (let i = 0; i < B * T; i++) {
      if (this.heldOut.mask[i] === 0) continue;
      scored++;
      if (predicted[i] === this.heldOut.targets[i]) correct++;
    }
    const tally = (keyOf: (i: number) => number, keys: number) =>
      routing.map((r) => {
        const counts = Array.from({ length: keys }, () => new Array<number>(N).fill(0));
        r.experts.forEach((e, i) => counts[keyOf(i)][e[0]]++);
        return counts.map((row) => {
          const total = row.reduce((a, b) => a + b, 0);
          return row.map((c) => (total > 0 ? c / total : 0));
        });
      });
    return {
      step: this.steps,
      loss,
      tokenAccuracy: correct / scored,
      f: routing.map((r) => r.f),
      cv: routing.map((r) => coefficientOfVariation(r.f)),
      dropped: routing.map((r) => r.dropped),
      byToken: tally((i) => this.heldOut.inputs[i], VOCAB_SIZE),
      byPosition: tally((i) => i % T, T),
    };
  }

  /** Where the router sends each token of one question (no capacity limit: one sequence on its own). */
  probe(x: readonly number[]): TokenProbe {
    const ex = makeExample(this.config.task, x);
    const n = x.length;
    const N = this.config.experts;
    const routing: LayerRouting[] = [];
    const predicted = tidyValue(() => {
      const out = this.model.forward(tf.tensor2d(ex.inputs, [1, ex.T], 'int32'), Infinity, routing);
      return tf.argMax(out.logits, -1).dataSync();
    });
    const rows = (probs: Float32Array) =>
      Array.from({ length: ex.T }, (_, t) => Array.from(probs.subarray(t * N, (t + 1) * N)));
    return {
      tokens: ex.inputs,
      expected: ex.y,
      predictions: Array.from(predicted.slice(n, 2 * n)),
      experts: routing.map((r) => r.experts),
      gates: routing.map((r) => r.gates),
      probs: routing.map((r) => rows(r.probs)),
    };
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
  }
}
