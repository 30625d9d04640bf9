import { booleanParam, choiceParam, defineParams, intParam, type ParamValues } from '../../lib/params';

/**
 * State of the parameter and FLOP calculator: a decoder-only transformer with mixture-of-experts
 * feed-forward layers, in the LLaMA / Mistral / DeepSeek layout (src/math/moe-counts.ts). The defaults
 * are Mixtral 8x7B's published configuration (Jiang et al. 2024, Table 1; its config.json).
 */
export const params = defineParams({
  dModel: intParam({
    default: 4096,
    min: 64,
    max: 16384,
    step: 64,
    label: 'Model width d_model',
    doc: 'Width of the residual stream.',
  }),
  layers: intParam({ default: 32, min: 1, max: 128, label: 'Layers', doc: 'Transformer blocks.' }),
  heads: intParam({ default: 32, min: 1, max: 128, label: 'Query heads', doc: 'Attention heads for the queries.' }),
  kvHeads: intParam({
    default: 8,
    min: 1,
    max: 128,
    label: 'Key/value heads',
    doc: 'Fewer than the query heads is grouped-query attention.',
  }),
  headDim: intParam({
    default: 128,
    min: 16,
    max: 256,
    step: 8,
    label: 'Head width',
    doc: 'Width of one attention head.',
  }),
  experts: intParam({
    default: 8,
    min: 1,
    max: 256,
    label: 'Routed experts N',
    doc: 'Experts per MoE layer the router chooses from.',
  }),
  topK: intParam({ default: 2, min: 1, max: 16, label: 'Experts per token k', doc: 'Routed experts each token uses.' }),
  sharedExperts: intParam({
    default: 0,
    min: 0,
    max: 8,
    label: 'Shared experts',
    doc: 'Experts every token uses besides the routed ones (DeepSeekMoE).',
  }),
  dFf: intParam({
    default: 14336,
    min: 64,
    max: 65536,
    step: 64,
    label: 'Expert width d_ff',
    doc: 'Hidden width of one expert.',
  }),
  ffn: choiceParam({
    default: 'swiglu',
    options: ['swiglu', 'mlp'],
    optionLabels: { swiglu: 'SwiGLU (3 matrices)', mlp: 'MLP (2 matrices)' },
    label: 'Expert type',
    doc: 'SwiGLU, as LLaMA, Mixtral and DeepSeek use, has a gate, an up and a down matrix.',
  }),
  denseLayers: intParam({
    default: 0,
    min: 0,
    max: 8,
    label: 'Leading dense layers',
    doc: 'First layers with a dense feed-forward layer instead of experts.',
  }),
  denseFf: intParam({
    default: 14336,
    min: 64,
    max: 65536,
    step: 64,
    label: 'Dense layers’ width',
    doc: 'Hidden width of those dense feed-forward layers.',
  }),
  vocab: intParam({ default: 32000, min: 256, max: 262144, label: 'Vocabulary', doc: 'Tokens in the vocabulary.' }),
  tied: booleanParam({ default: false, label: 'Output projection shares the embedding' }),
  precision: choiceParam({
    default: 'bf16',
    options: ['fp32', 'bf16', 'int8', 'int4'],
    optionLabels: {
      fp32: 'float32 (4 bytes)',
      bf16: 'bfloat16 (2 bytes)',
      int8: '8-bit (1 byte)',
      int4: '4-bit (½ byte)',
    },
    label: 'Weights stored as',
    doc: 'Bytes per parameter, for the memory to hold the weights.',
  }),
  context: intParam({
    default: 4096,
    min: 1,
    max: 131072,
    label: 'Context length',
    doc: 'Tokens attended to, for the attention FLOPs per token.',
  }),
});

export type CalculatorParams = ParamValues<typeof params>;
