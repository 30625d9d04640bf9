/**
 * Parameter and FLOP counts, in plain numbers: for the chapter's own small models (so a widget can say
 * what it trains, checked in tests against the tensors' real sizes), and for transformer language models
 * with mixture-of-experts feed-forward layers (the calculator, checked to the digit against published
 * configurations).
 *
 * FLOPs count multiply-adds as 2 FLOPs (a matmul [m, n] × [n, p] is 2mnp) and training as three forward
 * passes, the backward pass costing two (Kaplan et al. 2020, §2.1: C ≈ 6N per token for N parameters).
 * Additions of biases, norms, activations and softmaxes are left out: they are a small share here too.
 */

// ---------------------------------------------------------------------------------------------------
// The chapter's models: MLP experts on 2-D points (router lab, dense versus sparse).

export interface MlpShape {
  inputDim: number;
  hidden: number;
  outputDim: number;
}

/** Weights and biases of relu(x W₁ + b₁) W₂ + b₂. */
export function mlpParameters({ inputDim, hidden, outputDim }: MlpShape): number {
  return inputDim * hidden + hidden + hidden * outputDim + outputDim;
}

/** Forward matmul FLOPs of one MLP on one input. */
export function mlpForwardFlops({ inputDim, hidden, outputDim }: MlpShape): number {
  return 2 * (inputDim * hidden + hidden * outputDim);
}

export interface MoeLayerShape extends MlpShape {
  experts: number;
  k: number;
}

export interface ModelCounts {
  /** Every parameter the model stores. */
  total: number;
  /** Parameters one token's computation touches (router + its k experts). */
  active: number;
}

/** An MoE layer of MLP experts with a linear router (weights and biases). */
export function moeLayerParameters(s: MoeLayerShape): ModelCounts {
  const router = s.inputDim * s.experts + s.experts;
  const expert = mlpParameters(s);
  return { total: router + s.experts * expert, active: router + s.k * expert };
}

/**
 * Forward matmul FLOPs of an MoE layer on a batch of T tokens with expert capacity C: the router on every
 * token, and every expert on all of its C slots, filled or not (what an accelerator computes: N·C =
 * cf·k·T token-passes). The dispatch and combine steps move data (a gather and a scatter, or an
 * all-to-all between devices) and are not counted; this site does them as one-hot matmuls, whose time
 * shows in the wall-clock chart.
 */
export function moeLayerForwardFlops(s: MoeLayerShape, tokens: number, capacity: number): number {
  return 2 * tokens * s.inputDim * s.experts + s.experts * capacity * mlpForwardFlops(s);
}

/** Training FLOPs: forward plus a backward pass that costs twice the forward. */
export const trainingFlops = (forward: number) => 3 * forward;

// ---------------------------------------------------------------------------------------------------
// Transformer language models with MoE feed-forward layers: the calculator.

export interface LmConfig {
  /** Width of the residual stream. */
  dModel: number;
  layers: number;
  vocab: number;
  /** Query heads, key/value heads (grouped-query attention when fewer) and the width of one head. */
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Routed experts per MoE layer (1 with k = 1 and no shared experts: a dense model). */
  experts: number;
  /** Routed experts each token uses. */
  k: number;
  /** Experts every token uses besides the routed ones (DeepSeekMoE's shared experts). */
  sharedExperts: number;
  /** Hidden width of one expert (d_ff), routed and shared alike. */
  dFf: number;
  /** 'swiglu': three matrices per expert (gate, up, down), as LLaMA and Mixtral; 'mlp': two. */
  ffn: 'swiglu' | 'mlp';
  /** Leading layers with a dense feed-forward layer instead of experts (DeepSeekMoE 16B: 1), of width denseFf. */
  denseLayers: number;
  denseFf: number;
  /** The output projection shares the embedding matrix. */
  tiedEmbeddings: boolean;
  /** Bytes per stored parameter (2 for bfloat16, 1 for 8-bit, 0.5 for 4-bit). */
  bytesPerParameter: number;
  /** Context length, for the attention-score FLOPs per token. */
  context: number;
}

export interface LmCounts {
  embedding: number;
  /** The output projection (0 when tied to the embedding). */
  unembedding: number;
  attention: number;
  router: number;
  /** Every expert of every MoE layer, routed and shared. */
  experts: number;
  /** Dense feed-forward layers (denseLayers of them). */
  denseFfn: number;
  norms: number;
  total: number;
  /** What one token touches: all but the routed experts it does not use. */
  active: number;
  /** Active parameters outside the embedding matrices (Kaplan et al.'s N). */
  activeNonEmbedding: number;
  /** Bytes to hold every weight. */
  weightBytes: number;
  /** Forward FLOPs per token: 2 per active weight it multiplies (embedding lookup excluded) plus attention scores. */
  forwardFlopsPerToken: number;
  /** The same for a dense model of the same total size: what the sparsity saves. */
  denseEquivalentFlopsPerToken: number;
}

/**
 * Counts the weights of a decoder-only transformer with MoE feed-forward layers (RMSNorm gains, no
 * biases: the LLaMA / Mistral / DeepSeek layout). Per layer: W_Q and W_O are d × heads·headDim, W_K and
 * W_V d × kvHeads·headDim; each expert is ffnMatrices · d · dFf; the router d × experts; two norm gains
 * of d. Plus the embedding (vocab × d), a final norm (d) and the output projection (vocab × d) unless tied.
 */
export function lmCounts(c: LmConfig): LmCounts {
  const d = c.dModel;
  const mats = c.ffn === 'swiglu' ? 3 : 2;
  const moeLayers = c.layers - c.denseLayers;
  const attentionPerLayer = d * c.heads * c.headDim * 2 + d * c.kvHeads * c.headDim * 2;
  const expert = mats * d * c.dFf;
  const routerPerLayer = c.experts > 1 ? d * c.experts : 0;
  const embedding = c.vocab * d;
  const unembedding = c.tiedEmbeddings ? 0 : c.vocab * d;
  const attention = c.layers * attentionPerLayer;
  const router = moeLayers * routerPerLayer;
  const experts = moeLayers * (c.experts + c.sharedExperts) * expert;
  const denseFfn = c.denseLayers * mats * d * c.denseFf;
  const norms = c.layers * 2 * d + d;
  const total = embedding + unembedding + attention + router + experts + denseFfn + norms;
  const activeExperts = moeLayers * (c.k + c.sharedExperts) * expert;
  const active = total - experts + activeExperts;
  const activeNonEmbedding = active - embedding - unembedding;
  // Matmul FLOPs per token: every active weight but the embedding lookup (a gather) once, at 2 FLOPs; the
  // output projection multiplies even when tied. A token attending to `context` others adds the scores
  // q·k and the weighted sum of values, 2 FLOPs per multiply-add each: 4 · layers · context · heads·headDim,
  // as Hoffmann et al. (2022, Appendix F) count it.
  const attentionScores = 4 * c.layers * c.context * c.heads * c.headDim;
  const perTokenWeights = activeNonEmbedding + c.vocab * d;
  const forwardFlopsPerToken = 2 * perTokenWeights + attentionScores;
  const denseEquivalentFlopsPerToken = 2 * (total - embedding - unembedding + c.vocab * d) + attentionScores;
  return {
    embedding,
    unembedding,
    attention,
    router,
    experts,
    denseFfn,
    norms,
    total,
    active,
    activeNonEmbedding,
    weightBytes: total * c.bytesPerParameter,
    forwardFlopsPerToken,
    denseEquivalentFlopsPerToken,
  };
}
