/**
 * A sparse mixture-of-experts layer in TensorFlow.js: a learned linear router, N small MLP experts, top-k
 * gating, expert capacity and the auxiliary losses, with the routing decisions made by the plain-number
 * code of src/math/moe.ts.
 *
 *   h(x) = x W_r + b_r                       router logits, [T, N]
 *   h̃(x) = h(x) + σ ε,  ε ~ N(0, 1)          router noise, training only (σ = 0: none)
 *   p(x) = softmax(h̃(x))                     router probabilities
 *   E_i(x) = relu(x W₁ⁱ + b₁ⁱ) W₂ⁱ + b₂ⁱ      expert i, a two-layer MLP
 *   y(x) = Σ_{i ∈ TopK(p(x)), kept} g_i(x) E_i(x)
 *
 * with the gates g from topKGates (renormalised over the chosen experts for k ≥ 2, the raw probability
 * for k = 1) and "kept" meaning the expert still had a free slot (assignCapacity). A token all of whose
 * assignments were dropped gets y = 0.
 *
 * The computation is sparse the way GShard (Lepikhin et al. 2021) writes it for accelerators: a dispatch
 * matrix D of shape [N·C, T], one-hot rows saying which token sits in which of expert i's C slots,
 * gathers the experts' inputs (D x, [N·C, d]); every expert runs once on its own C slots, so the expert
 * work is N·C ≈ cf·k·T token-passes, not N·T; Dᵀ scatters the gated results back to their tokens.
 * Gathering and scattering by matmul also avoids tf.gather, whose gradient the wasm backend lacks
 * (docs/stack-notes.md, 10); the matmuls use the explicit-transpose gradients of src/ml/moe-ops.ts.
 *
 * The routing decision needs the probabilities as numbers, so the forward pass reads them back once
 * (a [T, N] array; cheap on the wasm and cpu backends). The decision itself is a constant for the
 * gradient, as in every top-k router: gradients reach the router through the gates and the balance loss.
 */
import { randNormal, type Rng } from '../math/random';
import { expertCapacity, route, type Routing } from '../math/moe';
import { checkInt, normalVariable, toVariable } from './init';
import { constantMatMul, matMulFast } from './moe-ops';
import { tf, type Scalar, type Tensor, type Tensor2D, type Variable } from './tf';

export interface MoeLayerConfig {
  inputDim: number;
  outputDim: number;
  /** Hidden width of each expert. */
  hidden: number;
  experts: number;
  /** Experts per token. */
  k: number;
  /**
   * Standard deviation of the router's initial weights, times 1/√inputDim. Small values start the
   * router close to uniform (Switch, §2.4, recommends a small initialisation).
   */
  routerInitScale?: number;
  /**
   * Multiplies the experts' output weights' initial N(0, 1/hidden): a transformer scales the maps that
   * write into its residual stream by 1/√(2·layers) (GPT-2), and its MoE feed-forward layer does too.
   */
  outputInitScale?: number;
}

export const MOE_LIMITS = {
  inputDim: { min: 1, max: 256 },
  outputDim: { min: 1, max: 256 },
  hidden: { min: 1, max: 512 },
  experts: { min: 1, max: 16 },
} as const;

export interface MoeForwardOptions {
  capacityFactor: number;
  /** Router noise σ (training only). */
  noise?: number;
  /** Draws the noise; needed when noise > 0. */
  noiseRng?: Rng;
}

/** A type alias (not an interface) so tf.tidy accepts it. */
export type MoeForward = {
  /** [T, outputDim] */
  output: Tensor2D;
  /** N Σ f_i P_i (without α): 1 when even, N when collapsed. */
  balance: Scalar;
  /** ST-MoE's z-loss (without its coefficient). */
  z: Scalar;
};

export interface MoeForwardResult extends MoeForward {
  /** What this batch's router decided, in plain numbers. */
  routing: Routing;
  /** [T, N] router probabilities as read back (row-major). */
  probs: Float32Array;
}

export class MoeLayer {
  readonly config: Required<MoeLayerConfig>;
  readonly variables: Variable[];
  readonly numParameters: number;
  private readonly router: Variable;
  private readonly routerBias: Variable;
  /** Per expert: relu(x W₁ + b₁) W₂ + b₂. */
  private readonly expertWeights: { w1: Variable; b1: Variable; w2: Variable; b2: Variable }[];
  private disposed = false;

  constructor(config: MoeLayerConfig, rng: Rng) {
    const c = { routerInitScale: 1, outputInitScale: 1, ...config };
    checkInt('inputDim', c.inputDim, MOE_LIMITS.inputDim.min, MOE_LIMITS.inputDim.max);
    checkInt('outputDim', c.outputDim, MOE_LIMITS.outputDim.min, MOE_LIMITS.outputDim.max);
    checkInt('hidden', c.hidden, MOE_LIMITS.hidden.min, MOE_LIMITS.hidden.max);
    checkInt('experts', c.experts, MOE_LIMITS.experts.min, MOE_LIMITS.experts.max);
    checkInt('k', c.k, 1, c.experts);
    if (!(c.routerInitScale >= 0)) throw new RangeError(`routerInitScale must be ≥ 0, got ${c.routerInitScale}`);
    this.config = c;
    const { inputDim: d, outputDim: o, hidden: h, experts: n } = c;
    // Initial weights drawn in plain JS from the seeded stream: the same on every backend.
    this.router = normalVariable(rng, [d, n], c.routerInitScale / Math.sqrt(d));
    this.routerBias = toVariable(tf.zeros([n]));
    // He initialisation for the ReLU layer, N(0, 1/fan_in) for the output layer.
    this.expertWeights = Array.from({ length: n }, () => ({
      w1: normalVariable(rng, [d, h], Math.sqrt(2 / d)),
      b1: toVariable(tf.zeros([h])),
      w2: normalVariable(rng, [h, o], c.outputInitScale / Math.sqrt(h)),
      b2: toVariable(tf.zeros([o])),
    }));
    this.variables = [this.router, this.routerBias, ...this.expertWeights.flatMap((e) => [e.w1, e.b1, e.w2, e.b2])];
    this.numParameters = this.variables.reduce((s, v) => s + v.size, 0);
  }

  /** Router probabilities for these inputs, without noise or experts (the expert map, the probes). */
  probabilities(x: Tensor2D): Float32Array {
    this.assertAlive();
    return tf.tidy(() => tf.softmax(this.logits(x)).dataSync() as Float32Array);
  }

  /**
   * The layer on a batch x [T, inputDim]. Call inside tf.tidy or an optimiser's minimize: the tensors it
   * makes are the caller's. The plain-number routing comes back beside them.
   */
  forward(x: Tensor2D, options: MoeForwardOptions): MoeForwardResult {
    this.assertAlive();
    const [T] = x.shape;
    const { experts: N, k } = this.config;
    const sigma = options.noise ?? 0;
    let logits: Tensor = this.logits(x);
    if (sigma > 0) {
      if (!options.noiseRng) throw new Error('router noise needs a seeded noiseRng');
      const rng = options.noiseRng;
      const eps = Float32Array.from({ length: T * N }, () => sigma * randNormal(rng));
      logits = tf.add(logits, tf.tensor2d(eps, [T, N]));
    }
    const probsT = tf.softmax(logits);
    const probs = probsT.dataSync() as Float32Array;
    // No expert can be sent more than the T tokens (a token picks an expert once): C ≤ T, which also
    // makes capacityFactor = Infinity mean "never drop".
    const C = Math.min(T, expertCapacity(T, N, k, options.capacityFactor));
    const routing = route(probs, T, N, k, C);

    // Constants from the decision: which experts each token chose, and which token fills each slot.
    const chosen = new Float32Array(T * N);
    const dispatch = new Float32Array(N * C * T); // [N·C, T]: row i·C + c is one-hot on the token in slot c of expert i
    const combine = new Float32Array(T * N * C); // its transpose, [T, N·C]
    const slotExpert = new Float32Array(N * C * N); // [N·C, N]: one-hot on the slot's expert
    for (let s = 0; s < N * C; s++) slotExpert[s * N + Math.floor(s / C)] = 1;
    routing.choices.forEach((choice, t) => {
      choice.experts.forEach((e, r) => {
        chosen[t * N + e] = 1;
        const c = routing.assignment.slot[t * k + r];
        if (c >= 0) {
          dispatch[(e * C + c) * T + t] = 1;
          combine[t * N * C + e * C + c] = 1;
        }
      });
    });
    let gates: Tensor = tf.mul(probsT, tf.tensor2d(chosen, [T, N]));
    // k = 1: the gate is p itself (Switch); k ≥ 2: renormalised over the chosen experts (GShard, Mixtral).
    if (k > 1) gates = tf.div(gates, tf.sum(gates, 1, true));
    const D = tf.tensor2d(dispatch, [N * C, T]);
    const Dt = tf.tensor2d(combine, [T, N * C]);
    const gather = constantMatMul(D, Dt);
    const scatter = constantMatMul(Dt, D);
    // Gather: each expert's C inputs (empty slots are zero rows), then each expert on its own slots.
    const xin = gather(x);
    const d = this.config.inputDim;
    const expertOut = tf.concat(
      this.expertWeights.map(({ w1, b1, w2, b2 }, e) => {
        const xe = tf.slice(xin, [e * C, 0], [C, d]) as Tensor2D;
        const he = tf.relu(tf.add(matMulFast(xe, w1), b1)) as Tensor2D;
        return tf.add(matMulFast(he, w2), b2);
      }),
    );
    // The gate of each slot's token for the slot's expert: D g picks the token's row of gates, the
    // expert mask its column. Empty slots get 0.
    const slotGate = tf.sum(tf.mul(gather(gates as Tensor2D), tf.tensor2d(slotExpert, [N * C, N])), 1, true);
    // Scatter back: Dᵀ (gate ⊙ expert output), [T, o].
    const output = scatter(tf.mul(expertOut, slotGate) as Tensor2D);

    const f = tf.tensor1d(routing.f);
    const P = tf.mean(probsT, 0);
    const balance = tf.mul(N, tf.sum(tf.mul(f, P))) as Scalar;
    const z = tf.mean(tf.square(tf.logSumExp(logits, 1))) as Scalar;
    return { output, balance, z, routing, probs };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.variables.forEach((v) => v.dispose());
  }

  private logits(x: Tensor2D): Tensor {
    return tf.add(matMulFast(x, this.router), this.routerBias);
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('MoeLayer: used after dispose()');
  }
}

/** A dense two-layer MLP, relu(x W₁ + b₁) W₂ + b₂: the dense baseline, and one expert's shape. */
export class DenseMlp {
  readonly variables: Variable[];
  readonly numParameters: number;
  private readonly w1: Variable;
  private readonly b1: Variable;
  private readonly w2: Variable;
  private readonly b2: Variable;
  private disposed = false;

  constructor(
    readonly inputDim: number,
    readonly hidden: number,
    readonly outputDim: number,
    rng: Rng,
  ) {
    checkInt('inputDim', inputDim, MOE_LIMITS.inputDim.min, MOE_LIMITS.inputDim.max);
    checkInt('hidden', hidden, 1, 8192);
    checkInt('outputDim', outputDim, MOE_LIMITS.outputDim.min, MOE_LIMITS.outputDim.max);
    this.w1 = normalVariable(rng, [inputDim, hidden], Math.sqrt(2 / inputDim));
    this.b1 = toVariable(tf.zeros([hidden]));
    this.w2 = normalVariable(rng, [hidden, outputDim], 1 / Math.sqrt(hidden));
    this.b2 = toVariable(tf.zeros([outputDim]));
    this.variables = [this.w1, this.b1, this.w2, this.b2];
    this.numParameters = this.variables.reduce((s, v) => s + v.size, 0);
  }

  /** [T, inputDim] → [T, outputDim]. The caller owns the result. */
  forward(x: Tensor2D): Tensor2D {
    if (this.disposed) throw new Error('DenseMlp: used after dispose()');
    const h = tf.relu(tf.add(matMulFast(x, this.w1), this.b1)) as Tensor2D;
    return tf.add(matMulFast(h, this.w2), this.b2) as Tensor2D;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.variables.forEach((v) => v.dispose());
  }
}

/** Mean softmax cross-entropy of logits [T, C] against integer labels. */
export function crossEntropy(logits: Tensor2D, labels: Int32Array): Scalar {
  return tf.tidy(() => {
    const [T, C] = logits.shape;
    // Cast: the wasm backend's OneHot returns int32 bits labelled float32 (docs/stack-notes.md, 10).
    const onehot = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), C), 'float32');
    return tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(logits), onehot)), T)) as Scalar;
  });
}
