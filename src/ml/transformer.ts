/**
 * A tiny decoder-only transformer (GPT-style, pre-LayerNorm) for the toy tasks in ./tasks.
 *
 *   x⁰ = onehot(tokens) E + P                               E [vocab, d], P positional (./positional)
 *   for each layer ℓ:
 *     x ← x + MHA(LN(x))                                    causal multi-head self-attention
 *     x ← x + W₂ relu(W₁ LN(x) + b₁) + b₂                   position-wise MLP, hidden size mlpRatio·d
 *   logits = LN(x) U + c                                     U [d, vocab]
 *
 *   MHA(h) = concat_j( softmax(Q_j K_jᵀ / sqrt(d_head) + M) V_j ) W_O,   Q = h W_Q, K = h W_K, V = h W_V
 *
 * Pre-LN (normalise the input of each sub-layer, not its output) keeps the residual path an identity,
 * which trains stably without learning-rate warm-up (Xiong et al. 2020) — that matters when a reader
 * presses "Train" and expects progress within seconds.
 *
 * Only functional tfjs-core ops are used, and only ones with kernels and gradients on the cpu, wasm and
 * webgl backends. In particular the embedding is a one-hot matmul rather than tf.gather: the gradient
 * of gather needs UnsortedSegmentSum, which the wasm backend lacks. With 11 tokens it costs nothing.
 */
import { deriveSeed, mulberry32 } from '../math/random';
import { causalMask, scaledDotProductAttention } from './attention';
import { createPositional, POSITIONAL_KINDS, type PositionalEncoding, type PositionalKind } from './positional';
import {
  checkQuestion,
  makeExample,
  MAX_INPUT_LENGTH,
  SEP,
  VOCAB_SIZE,
  type Batch,
  type TaskName,
} from '../math/tasks';
import { tf, type Scalar, type Tensor, type Tensor2D, type Tensor3D, type Tensor4D, type Variable } from './tf';
import { Adam, checkInt, customOp, linear, normalVariable, toVariable } from './init';

export interface TransformerConfig {
  /** Number of transformer blocks. */
  layers: number;
  /** Attention heads per block; dModel must be divisible by heads (each head gets dModel / heads). */
  heads: number;
  /** Width of the residual stream. */
  dModel: number;
  positional: PositionalKind;
  /** Longest input the positional table covers. */
  maxLen: number;
  vocabSize: number;
  /** MLP hidden width = mlpRatio · dModel. */
  mlpRatio: number;
  /** Seeds every initial weight. */
  seed: number;
}

/** Bounds the constructor enforces (and the widget's params should share). */
export const MODEL_LIMITS = {
  layers: { min: 1, max: 2 },
  heads: { min: 1, max: 4 },
  dModel: { min: 8, max: 64 },
  maxLen: { min: 1, max: 64 },
  mlpRatio: { min: 1, max: 8 },
} as const;

export const DEFAULT_MODEL_CONFIG: TransformerConfig = {
  layers: 2,
  heads: 2,
  dModel: 32,
  positional: 'sinusoidal',
  maxLen: MAX_INPUT_LENGTH + 1,
  vocabSize: VOCAB_SIZE,
  mlpRatio: 4,
  seed: 1,
};

/** Optimiser and data settings with which reverse on length 6 reaches 95% token accuracy quickly. */
export const DEFAULT_TRAINING = {
  learningRate: 5e-3,
  batchSize: 32,
} as const;

/** Fills in defaults and throws a RangeError naming the first bad field. */
export function resolveConfig(config: Partial<TransformerConfig> = {}): TransformerConfig {
  const c = { ...DEFAULT_MODEL_CONFIG, ...config };
  checkInt('layers', c.layers, MODEL_LIMITS.layers.min, MODEL_LIMITS.layers.max);
  checkInt('heads', c.heads, MODEL_LIMITS.heads.min, MODEL_LIMITS.heads.max);
  checkInt('dModel', c.dModel, MODEL_LIMITS.dModel.min, MODEL_LIMITS.dModel.max);
  if (c.dModel % c.heads !== 0) {
    throw new RangeError(`dModel (${c.dModel}) must be divisible by heads (${c.heads})`);
  }
  if (!(POSITIONAL_KINDS as readonly string[]).includes(c.positional)) {
    throw new RangeError(`positional must be one of ${POSITIONAL_KINDS.join(', ')}, got ${String(c.positional)}`);
  }
  checkInt('maxLen', c.maxLen, MODEL_LIMITS.maxLen.min, MODEL_LIMITS.maxLen.max);
  // The tasks' tokens are 0 … VOCAB_SIZE-1; a smaller vocabulary would silently embed some as zeros.
  checkInt('vocabSize', c.vocabSize, VOCAB_SIZE, 1024);
  checkInt('mlpRatio', c.mlpRatio, MODEL_LIMITS.mlpRatio.min, MODEL_LIMITS.mlpRatio.max);
  checkInt('seed', c.seed, 0, 0xffffffff);
  return c;
}

export interface LayerNormParams {
  gain: Variable;
  bias: Variable;
}

/**
 * The attention half of a pre-norm block and the norm in front of its feed-forward half: what every
 * decoder here shares (this transformer and the MoE transformer, whose feed-forward half is a
 * mixture of experts).
 */
export interface AttentionParams {
  ln1: LayerNormParams;
  wq: Variable;
  wk: Variable;
  wv: Variable;
  wo: Variable;
  ln2: LayerNormParams;
}

interface BlockParams extends AttentionParams {
  w1: Variable;
  b1: Variable;
  w2: Variable;
  b2: Variable;
}

/** A LayerNorm's gain (ones) and bias (zeros) for width d. */
export function layerNormParams(d: number): LayerNormParams {
  return { gain: toVariable(tf.ones([d])), bias: toVariable(tf.zeros([d])) };
}

/**
 * Q, K, V and O for width d, drawn in that order from `normal`: N(0, 1/d), and W_O scaled further by
 * `residualScale` because it writes into the residual stream (see TinyTransformer's constructor).
 */
export function makeAttentionParams(
  d: number,
  normal: (shape: number[], std: number) => Variable,
  residualScale: number,
): AttentionParams {
  return {
    ln1: layerNormParams(d),
    wq: normal([d, d], 1 / Math.sqrt(d)),
    wk: normal([d, d], 1 / Math.sqrt(d)),
    wv: normal([d, d], 1 / Math.sqrt(d)),
    wo: normal([d, d], residualScale / Math.sqrt(d)),
    ln2: layerNormParams(d),
  };
}

/** The attention half's variables, in the order the weights files and optimisers list them. */
export function attentionVariables(b: AttentionParams): Variable[] {
  return [b.ln1.gain, b.ln1.bias, b.wq, b.wk, b.wv, b.wo, b.ln2.gain, b.ln2.bias];
}

export interface AttentionSublayerOps {
  /** x [n, d_in] × W [d_in, d_out]: each model's own matmul (its gradient is the model's choice). */
  project: (x: Tensor, w: Variable) => Tensor;
  /** The model's LayerNorm (same forward ops and bits; gradients may be computed differently). */
  norm: (x: Tensor, p: LayerNormParams) => Tensor;
  /** Passed to scaledDotProductAttention: a precomputed causal mask, or `causal: true`. */
  attention: { mask?: Tensor2D; causal?: boolean };
}

/**
 * x + W_O · MultiHead(LN₁(x)) on the B·T rows of the residual stream x [B·T, d], with H heads of
 * width d / H. Returns the new stream and the attention weights [B·H, T, T].
 */
export function attentionSublayer(
  x: Tensor,
  blk: AttentionParams,
  dims: { B: number; T: number; H: number; d: number },
  ops: AttentionSublayerOps,
): { x: Tensor; weights: Tensor } {
  const { B, T, H, d } = dims;
  const dh = d / H;
  // [B·T, d] → [B·H, T, d_head]: each head attends within its own d_head-wide slice. (Q, K and V stay
  // three matmuls: splitting one [B·T, 3d] product takes a 5-D transpose or slices, each of which
  // costs more on wasm than the two matmuls it saves.)
  const splitHeads = (m: Tensor) =>
    tf.reshape(tf.transpose(tf.reshape(m, [B, T, H, dh]), [0, 2, 1, 3]), [B * H, T, dh]);
  const h = ops.norm(x, blk.ln1);
  const q = splitHeads(ops.project(h, blk.wq));
  const k = splitHeads(ops.project(h, blk.wk));
  const v = splitHeads(ops.project(h, blk.wv));
  const att = scaledDotProductAttention(q, k, v, ops.attention);
  // Concatenate the heads back: [B·H, T, d_head] → [B·T, d].
  const merged = tf.reshape(tf.transpose(tf.reshape(att.output, [B, H, T, dh]), [0, 2, 1, 3]), [B * T, d]);
  return { x: tf.add(x, ops.project(merged, blk.wo)), weights: att.weights };
}

/**
 * LN(x) = g ⊙ x̂ + b,  x̂ = (x - μ) / sqrt(σ² + ε), with μ, σ² over the last (feature) axis of x [n, d].
 * One op on the gradient tape, with the closed-form gradient (r = 1 / sqrt(σ² + ε), ĝ = dy ⊙ g):
 *
 *   dx = r (ĝ - mean(ĝ) - x̂ mean(ĝ ⊙ x̂)),   dg = Σ_rows dy ⊙ x̂,   db = Σ_rows dy
 *
 * (means over the feature axis): 11 ops where tfjs's op-by-op gradient of the same formula runs about
 * 30, and the forward pass keeps its exact ops (and bits).
 */
export function layerNorm(x: Tensor, { gain, bias }: { gain: Tensor; bias: Tensor }): Tensor {
  return layerNormOp(x, gain, bias);
}

const layerNormOp = customOp(([x, gain, bias], save) => {
  const centred = tf.sub(x, tf.mean(x, -1, true));
  const variance = tf.mean(tf.square(centred), -1, true);
  const r = tf.rsqrt(tf.add(variance, 1e-5));
  const xHat = tf.mul(centred, r);
  save([xHat, r, gain]);
  return {
    value: tf.add(tf.mul(xHat, gain), bias),
    gradFunc: (dy, [xh, rs, g]) => {
      const gHat = tf.mul(dy, g);
      const dx = tf.mul(
        rs,
        tf.sub(tf.sub(gHat, tf.mean(gHat, -1, true)), tf.mul(xh, tf.mean(tf.mul(gHat, xh), -1, true))),
      );
      return [dx, tf.sum(tf.mul(dy, xh), 0), tf.sum(dy, 0)];
    },
  };
});

// A type alias (not an interface) so tf.tidy accepts it as a TensorContainer.
export type ForwardResult = {
  /** [B, T, vocab] */
  logits: Tensor3D;
  /** Per layer, [B, heads, T, T]: attention weights of query t (row) over keys (columns). */
  attention?: Tensor4D[];
};

export interface EvaluateResult {
  /** Mean cross-entropy over scored positions, in nats. */
  loss: number;
  /** Fraction of scored positions whose argmax prediction is the target. */
  tokenAccuracy: number;
  /** Fraction of examples with every scored position right. */
  sequenceAccuracy: number;
}

export interface InspectResult {
  /** The model input (x, SEP, y without its last token). */
  tokens: number[];
  /** The correct answer y. */
  expected: number[];
  /** Teacher-forced greedy prediction at each scored position: what the model would write next there. */
  predictions: number[];
  /** [layer][head][query][key] attention weights for this input. */
  attention: number[][][][];
}

export class TinyTransformer {
  readonly config: TransformerConfig;
  readonly trainableVariables: Variable[];
  readonly numParameters: number;
  private readonly embedding: Variable;
  private readonly positional: PositionalEncoding;
  private readonly blocks: BlockParams[];
  private readonly lnFinal: LayerNormParams;
  private readonly unembed: Variable;
  private readonly unembedBias: Variable;
  private readonly masks = new Map<number, Tensor2D>();
  private disposed = false;

  constructor(config: Partial<TransformerConfig> = {}) {
    const c = resolveConfig(config);
    this.config = c;
    const { dModel: d, vocabSize: V, layers: L } = c;
    const hidden = c.mlpRatio * d;
    const rng = mulberry32(deriveSeed(c.seed, 0));
    // Initialisation: linear maps get N(0, 1/fan_in), so each keeps its input's scale at the start;
    // maps that write into the residual stream (W_O, W₂) are further scaled by 1/sqrt(2L), as in GPT-2,
    // so the stream's variance does not grow with depth. Embeddings start at N(0, 1), the scale of the
    // sinusoidal code they are added to, so neither token nor position drowns the other.
    const residualScale = 1 / Math.sqrt(2 * L);
    const normal = (shape: number[], std: number) => normalVariable(rng, shape, std);
    const zeros = (n: number) => toVariable(tf.zeros([n]));

    this.embedding = normal([V, d], 1);
    this.positional = createPositional(c.positional, c.maxLen, d, (shape) => normal(shape, 1));
    this.blocks = Array.from({ length: L }, () => ({
      ...makeAttentionParams(d, normal, residualScale),
      w1: normal([d, hidden], 1 / Math.sqrt(d)),
      b1: zeros(hidden),
      w2: normal([hidden, d], residualScale / Math.sqrt(hidden)),
      b2: zeros(d),
    }));
    this.lnFinal = layerNormParams(d);
    this.unembed = normal([d, V], 1 / Math.sqrt(d));
    this.unembedBias = zeros(V);

    this.trainableVariables = [
      this.embedding,
      ...this.positional.variables,
      ...this.blocks.flatMap((b) => [...attentionVariables(b), b.w1, b.b1, b.w2, b.b2]),
      this.lnFinal.gain,
      this.lnFinal.bias,
      this.unembed,
      this.unembedBias,
    ];
    this.numParameters = this.trainableVariables.reduce((s, v) => s + v.size, 0);
  }

  /**
   * inputs: int32 [B, T] token ids. The caller owns the returned tensors (dispose them, or call inside
   * tf.tidy). Attention weights are only kept when asked for.
   */
  forward(inputs: Tensor2D, { returnAttention = false }: { returnAttention?: boolean } = {}): ForwardResult {
    this.assertAlive();
    const [B, T] = inputs.shape;
    const { dModel: d, heads: H, vocabSize: V } = this.config;
    if (T > this.config.maxLen) throw new RangeError(`input length ${T} exceeds maxLen ${this.config.maxLen}`);
    return tf.tidy(() => {
      // Rows are the B·T positions; [B·T, d] keeps every linear map a single 2-D matmul.
      let x: Tensor = linear(oneHotFloat(tf.reshape(inputs, [B * T]), V), this.embedding, null, { inputGrad: false });
      const p = this.positional.slice(T);
      if (p) x = tf.reshape(tf.add(tf.reshape(x, [B, T, d]), p), [B * T, d]);

      const mask = this.causalMask(T);
      const attention: Tensor4D[] = [];
      const ops: AttentionSublayerOps = { project: (m, w) => linear(m, w), norm: layerNorm, attention: { mask } };
      for (const blk of this.blocks) {
        const att = attentionSublayer(x, blk, { B, T, H, d }, ops);
        x = att.x;
        if (returnAttention) attention.push(tf.reshape(att.weights, [B, H, T, T]));

        // ReLU rather than GELU: GELU needs erf (or a tanh approximation) and its smoothness matters
        // little at this size; ReLU is the cheapest activation with a kernel and gradient on every backend.
        const m = tf.relu(linear(layerNorm(x, blk.ln2), blk.w1, blk.b1));
        x = tf.add(x, linear(m, blk.w2, blk.b2));
      }
      const logits = tf.reshape(linear(layerNorm(x, this.lnFinal), this.unembed, this.unembedBias), [
        B,
        T,
        V,
      ]) as Tensor3D;
      return returnAttention ? { logits, attention } : { logits };
    });
  }

  /** Loss and accuracy on a batch, without training. */
  evaluate(batch: Batch): EvaluateResult {
    const { batchSize: B, T } = batch;
    const [lossValue, predicted] = tf.tidy(() => {
      const { logits } = this.forward(tf.tensor2d(batch.inputs, [B, T], 'int32'));
      const loss = maskedCrossEntropy(
        logits,
        tf.tensor2d(batch.targets, [B, T], 'int32'),
        tf.tensor2d(batch.mask, [B, T]),
      );
      return [loss.dataSync()[0], tf.argMax(logits, -1).dataSync()];
    });
    let scored = 0;
    let correct = 0;
    let sequencesRight = 0;
    for (let b = 0; b < B; b++) {
      let allRight = true;
      for (let t = 0; t < T; t++) {
        const i = b * T + t;
        if (batch.mask[i] === 0) continue;
        scored++;
        if (predicted[i] === batch.targets[i]) correct++;
        else allRight = false;
      }
      if (allRight) sequencesRight++;
    }
    return { loss: lossValue, tokenAccuracy: correct / scored, sequenceAccuracy: sequencesRight / B };
  }

  /** What the model predicts, and where each head looks, on one question x (teacher-forced). */
  inspect(task: TaskName, x: readonly number[]): InspectResult {
    const ex = makeExample(task, x);
    const n = x.length;
    const { logits, attention } = tf.tidy(() =>
      this.forward(tf.tensor2d(ex.inputs, [1, ex.T], 'int32'), { returnAttention: true }),
    );
    try {
      const predicted = tf.tidy(() => tf.argMax(logits, -1).dataSync());
      return {
        tokens: ex.inputs,
        expected: ex.y,
        predictions: Array.from(predicted.slice(n, 2 * n)),
        attention: attention!.map((a) => (a.arraySync() as number[][][][])[0]),
      };
    } finally {
      logits.dispose();
      attention?.forEach((a) => a.dispose());
    }
  }

  /**
   * Greedy autoregressive answer: feed [x, SEP], append the argmax token, repeat n times. Unlike
   * inspect, each step sees the model's own earlier outputs, so one early mistake can derail the rest.
   * The result may contain SEP (10) if the model is untrained.
   */
  generate(x: readonly number[]): number[] {
    this.assertAlive();
    checkQuestion(x);
    const seq = [...x, SEP];
    for (let i = 0; i < x.length; i++) {
      const next = tf.tidy(() => {
        const { logits } = this.forward(tf.tensor2d(seq, [1, seq.length], 'int32'));
        return tf.argMax(tf.slice(logits, [0, seq.length - 1, 0], [1, 1, this.config.vocabSize]), -1).dataSync()[0];
      });
      seq.push(next);
    }
    return seq.slice(x.length + 1);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.trainableVariables.forEach((v) => {
      if (!this.positional.variables.includes(v)) v.dispose();
    });
    this.positional.dispose();
    this.masks.forEach((m) => m.dispose());
    this.masks.clear();
  }

  /** The additive causal mask for length T, made once per length (a constant: no upload per step). */
  private causalMask(T: number): Tensor2D {
    let mask = this.masks.get(T);
    if (!mask) {
      mask = tf.keep(causalMask(T, T));
      this.masks.set(T, mask);
    }
    return mask;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('TinyTransformer: used after dispose()');
  }
}

/**
 * One-hot rows as float32. Cast explicitly: tfjs-backend-wasm 4.22's OneHot kernel ignores the dtype
 * argument and returns int32 bits labelled float32 (1 reads as 1.4e-45), which silently zeroes the
 * embedding and the loss on that backend.
 */
export function oneHotFloat(indices: Tensor, depth: number): Tensor {
  return tf.cast(tf.oneHot(indices, depth), 'float32');
}

/**
 * Mean cross-entropy over scored positions:
 *
 *   loss = - Σ_{b,t} mask[b,t] · log softmax(logits[b,t])[target[b,t]]  /  Σ mask
 */
export function maskedCrossEntropy(logits: Tensor3D, targets: Tensor2D, mask: Tensor2D): Scalar {
  return tf.tidy(() => crossEntropyOp(oneHotFloat(targets, logits.shape[2]), mask)(logits) as Scalar);
}

/**
 * The loss above as one op on the gradient tape, for fixed one-hot targets y and mask: the same forward
 * ops, and the closed-form gradient dlogits = dy · mask / Σ mask · (softmax(logits) - y).
 */
const crossEntropyOp = (oneHot: Tensor, mask: Tensor) =>
  customOp(([logits], save) => {
    const logProbs = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logProbs, oneHot), -1);
    const total = tf.sum(mask);
    // Saved, not captured: tensors made in a tidy (the forward pass, the caller's) are released before
    // the backward pass runs.
    save([logProbs, total, oneHot, mask]);
    return {
      value: tf.neg(tf.div(tf.sum(tf.mul(picked, mask)), total)),
      gradFunc: (dy, [lp, n, y, m]) => {
        const weight = tf.expandDims(tf.mul(tf.div(m, n), dy), -1);
        return [tf.mul(tf.sub(tf.exp(lp), y), weight)];
      },
    };
  });

/** Owns the Adam optimiser for one model. Dispose it with (or before) the model. */
export class Trainer {
  readonly model: TinyTransformer;
  private readonly optimizer: Adam;
  private stepCount = 0;

  constructor(
    model: TinyTransformer,
    { learningRate = DEFAULT_TRAINING.learningRate }: { learningRate?: number } = {},
  ) {
    if (!(learningRate > 0 && learningRate < 1))
      throw new RangeError(`learningRate must be in (0, 1), got ${learningRate}`);
    this.model = model;
    this.optimizer = new Adam(model.trainableVariables, learningRate);
  }

  /** One Adam step on the batch; returns the loss before the step. */
  trainStep(batch: Batch): { loss: number } {
    const { batchSize: B, T } = batch;
    const cost = tf.tidy(() => {
      const inputs = tf.tensor2d(batch.inputs, [B, T], 'int32');
      const targets = tf.tensor2d(batch.targets, [B, T], 'int32');
      const mask = tf.tensor2d(batch.mask, [B, T]);
      return this.optimizer.minimize(() => maskedCrossEntropy(this.model.forward(inputs).logits, targets, mask));
    });
    // One synchronous read-back per step. On wasm and cpu the kernels have all run by now (they are
    // synchronous), so it is a 4-byte copy, measured at about 1 µs: nothing to gain by reading it later.
    // (On WebGL it waits for the GPU, which a loop that reports each step's loss needs anyway.)
    const loss = cost.dataSync()[0];
    cost.dispose();
    this.stepCount++;
    return { loss };
  }

  /** Optimiser steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}

/** Floating-point operations of one training step, counted from its matrix products (see trainingStepFlops). */
export interface StepFlops {
  forward: number;
  backward: number;
  total: number;
}

/**
 * The FLOPs of one Trainer.trainStep on a batch of B sequences of length T, counted analytically from
 * the matrix products the model runs (2·m·k·n for [m, k] × [k, n]); layer norms, softmaxes, the
 * element-wise ops and Adam are left out (each is O(B·T·d) or O(parameters), a few percent here).
 * The backward pass costs each product twice more (one product for each operand's gradient), except
 * where one operand is data, which needs no gradient: the one-hot embedding.
 */
export function trainingStepFlops(config: Partial<TransformerConfig>, B: number, T: number): StepFlops {
  const { layers: L, heads: H, dModel: d, vocabSize: V, mlpRatio } = resolveConfig(config);
  const n = B * T;
  const mm = (m: number, k: number, p: number) => 2 * m * k * p;
  const embed = mm(n, V, d);
  const perLayer =
    4 * mm(n, d, d) + // Q, K, V and the output projection
    2 * B * H * mm(T, d / H, T) + // Q Kᵀ and weights · V, per head
    mm(n, d, mlpRatio * d) +
    mm(n, mlpRatio * d, d);
  const unembed = mm(n, d, V);
  const forward = embed + L * perLayer + unembed;
  const backward = embed + 2 * (L * perLayer + unembed);
  return { forward, backward, total: forward + backward };
}
