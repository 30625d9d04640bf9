import { choiceParam, defineParams, intParam, type ParamValues } from '../../lib/params';

/** State of the positional encoding viewer. Compute cost is at most 128 × 128 × 128 multiply-adds. */
export const params = defineParams({
  positions: intParam({ default: 48, min: 4, max: 128, label: 'Positions', doc: 'Sequence length shown.' }),
  dModel: intParam({
    default: 32,
    min: 4,
    max: 128,
    step: 2,
    label: 'Dimensions d',
    doc: 'Width of each encoding vector (even: dimensions come in sin/cos pairs).',
  }),
  base: choiceParam({
    default: '10000',
    options: ['100', '1000', '10000', '100000'],
    label: 'Wavelength base',
    doc: 'The 10000 in the formula: sets the slowest clock.',
  }),
  similarity: choiceParam({
    default: 'cosine',
    options: ['cosine', 'dot'],
    optionLabels: { cosine: 'Cosine similarity', dot: 'Dot product' },
    label: 'Compare positions by',
  }),
  probe: intParam({
    default: 20,
    min: 0,
    max: 127,
    label: 'Probe position',
    doc: 'The row whose similarity to every other position is plotted.',
  }),
});

export type PositionalParams = ParamValues<typeof params>;
