import { choiceParam, defineParams, intParam, type ParamValues } from '../../lib/params';
import { CLIPPING_RULES, QUANT_GRANULARITIES, QUANT_MODES, type ClippingRule } from '../../math/quantization';
import { zooModelParam } from '../zoo-shared/params';

/**
 * State of the quantization lab: which shipped zoo model, and the scheme its weights are quantized with
 * (bits, symmetric or affine, per tensor or per output channel, clipping), the weight layer whose
 * histogram is drawn, and the batch size of the latency measurement. Bounds cap the compute: one
 * quantization and six test-split evaluations (the five bit widths of the sweep, and the chosen one).
 */
export const params = defineParams({
  model: zooModelParam({ default: 'cnn', doc: 'The shipped model whose weights are quantized.' }),
  bits: intParam({
    default: 4,
    min: 2,
    max: 8,
    label: 'Bits per weight',
    doc: 'Each weight is stored as a b-bit integer code.',
  }),
  mode: choiceParam({
    default: 'symmetric',
    options: QUANT_MODES,
    optionLabels: { symmetric: 'symmetric (zero point 0)', affine: 'affine (scale and zero point)' },
    label: 'Mapping',
    doc: 'Symmetric: r ≈ S·q; affine: r ≈ S·(q − Z).',
  }),
  granularity: choiceParam({
    default: 'tensor',
    options: QUANT_GRANULARITIES,
    optionLabels: { tensor: 'one scale per tensor', channel: 'one scale per output channel' },
    label: 'Scales',
    doc: 'One scale (and zero point) per weight array, or one per output channel.',
  }),
  clipping: choiceParam<ClippingRule>({
    default: 'minmax',
    options: CLIPPING_RULES,
    optionLabels: {
      minmax: 'min-max (never clips)',
      'p99.99': '99.99th percentile',
      'p99.9': '99.9th percentile',
      p99: '99th percentile',
    },
    label: 'Clipping range',
    doc: 'The range the grid covers: the weights’ extremes, or a percentile that clips the outliers.',
  }),
  layer: intParam({
    default: 3,
    min: 1,
    max: 4,
    label: 'Histogram of weight layer',
    doc: 'Which weight array to draw (1 is the first layer; a model with fewer layers shows its last).',
  }),
  batch: intParam({
    default: 100,
    min: 1,
    max: 1000,
    label: 'Latency batch (digits)',
    doc: 'Digits per forward pass when timing the float and the quantized model.',
  }),
});

export type QuantLabParams = ParamValues<typeof params>;
