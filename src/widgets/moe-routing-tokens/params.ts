import { choiceParam, defineParams, intParam, numberParam, textParam, type ParamValues } from '../../lib/params';
import { coefficientOptions } from '../moe-shared/coefficients';

/**
 * State of routing tokens. The bounds cap the compute: at most 2 layers of 8 experts (32 → 128 → 32) on
 * batches of 32 sequences of up to 16 tokens, and 2,000 steps.
 *
 * Defaults: the attention playground's task and size (reverse, 6 digits, 1 layer, d_model 32, 2 heads)
 * with its MLP replaced by 4 experts of the same width, top-1, and Switch's α = 0.01. Reversal is
 * learned within ~100 steps here, so 300 steps leave time for the routing to settle.
 */
export const params = defineParams({
  task: choiceParam({
    default: 'reverse',
    options: ['reverse', 'sort', 'copy'],
    optionLabels: { reverse: 'Reverse', sort: 'Sort', copy: 'Copy' },
    label: 'Task',
    doc: 'What the model must write after the separator.',
  }),
  length: intParam({ default: 6, min: 3, max: 8, label: 'Sequence length', doc: 'Digits in each input.' }),
  layers: intParam({
    default: 1,
    min: 1,
    max: 2,
    label: 'Layers',
    doc: 'Transformer blocks, each with its own experts.',
  }),
  experts: intParam({
    default: 4,
    min: 2,
    max: 8,
    label: 'Experts per layer N',
    doc: 'Expert MLPs (32 → 128 → 32) in each layer.',
  }),
  topK: intParam({
    default: 1,
    min: 1,
    max: 2,
    label: 'Experts per token k',
    doc: 'Top-1 as in Switch, top-2 as in Mixtral.',
  }),
  alpha: choiceParam({
    default: '0.01',
    options: coefficientOptions([0, 0.001, 0.01, 0.1]),
    label: 'Balancing coefficient α',
    doc: 'Weight of each layer’s load-balancing loss.',
  }),
  capacityFactor: numberParam({
    default: 1.25,
    min: 0.5,
    max: 2,
    step: 0.05,
    label: 'Capacity factor',
    doc: 'Slots per expert = capacity factor × k × tokens per batch / N; an overflowing token skips the layer.',
  }),
  lr: numberParam({
    default: 0.003,
    min: 0.0003,
    max: 0.01,
    step: 0.0001,
    scale: 'log',
    digits: 1,
    label: 'Learning rate',
    doc: 'Adam step size.',
  }),
  steps: intParam({ default: 300, min: 50, max: 2000, step: 50, label: 'Training steps', doc: 'Step budget.' }),
  seed: intParam({ default: 1, min: 0, max: 99999, label: 'Seed', doc: 'Fixes the data and the initial weights.' }),
  input: textParam({
    default: '',
    maxLength: 40,
    label: 'Your input digits',
    doc: 'Digits 0–9, e.g. "3 1 4 1 5 9". Empty: an example from the seed.',
  }),
});

export type RoutingTokensParams = ParamValues<typeof params>;
