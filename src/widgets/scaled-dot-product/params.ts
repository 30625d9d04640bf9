import { booleanParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';

/** State of the scaled dot-product explorer. At most 16 × 16 scores of 512-dimensional vectors. */
export const params = defineParams({
  d: intParam({
    default: 16,
    min: 1,
    max: 512,
    label: 'Vector size d',
    doc: 'Entries per query and key vector, each drawn from a standard normal.',
  }),
  tokens: intParam({ default: 6, min: 2, max: 16, label: 'Tokens', doc: 'Number of queries and keys.' }),
  scale: booleanParam({ default: true, label: 'Divide scores by √d' }),
  temperature: numberParam({
    default: 1,
    min: 0.1,
    max: 10,
    step: 0.01,
    scale: 'log',
    digits: 2,
    label: 'Temperature τ',
    doc: 'Softmax of score / τ: low τ sharpens, high τ flattens.',
  }),
  causal: booleanParam({ default: false, label: 'Causal mask (hide later tokens)' }),
  query: intParam({ default: 3, min: 0, max: 15, label: 'Query token', doc: 'The row shown in detail.' }),
  seed: intParam({ default: 1, min: 0, max: 99999, label: 'Seed', doc: 'Which random vectors are drawn.' }),
});

export type ScaledDotProductParams = ParamValues<typeof params>;
