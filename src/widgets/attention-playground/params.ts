import { choiceParam, defineParams, intParam, numberParam, textParam, type ParamValues } from '../../lib/params';

/**
 * State of the attention playground. Bounds cap the compute: at most 2 layers × 4 heads × d_model 64
 * on sequences of 2 × 8 tokens, and 5,000 steps.
 */
export const params = defineParams({
  task: choiceParam({
    default: 'reverse',
    options: ['reverse', 'sort', 'copy'],
    optionLabels: { reverse: 'Reverse', sort: 'Sort', copy: 'Copy (induction)' },
    label: 'Task',
    doc: 'What the model must write after the separator.',
  }),
  length: intParam({ default: 6, min: 3, max: 8, label: 'Sequence length', doc: 'Digits in each input.' }),
  layers: intParam({ default: 1, min: 1, max: 2, label: 'Layers', doc: 'Transformer blocks stacked.' }),
  heads: intParam({ default: 2, min: 1, max: 4, label: 'Heads', doc: 'Attention heads per layer.' }),
  dModel: intParam({
    default: 32,
    min: 8,
    max: 64,
    step: 8,
    label: 'Model width d_model',
    doc: 'Size of every token vector; split evenly across heads.',
  }),
  positional: choiceParam({
    default: 'learned',
    options: ['sinusoidal', 'learned', 'none'],
    optionLabels: { sinusoidal: 'Sinusoidal', learned: 'Learned', none: 'None' },
    label: 'Positional encoding',
    doc: 'How the model knows where each token is.',
  }),
  lr: numberParam({
    default: 0.003,
    min: 0.0001,
    max: 0.03,
    step: 0.0001,
    scale: 'log',
    digits: 2,
    label: 'Learning rate',
    doc: 'Adam step size.',
  }),
  steps: intParam({ default: 1000, min: 50, max: 5000, step: 50, label: 'Training steps', doc: 'Step budget.' }),
  seed: intParam({ default: 1, min: 0, max: 99999, label: 'Seed', doc: 'Fixes data, initial weights and examples.' }),
  input: textParam({
    default: '',
    maxLength: 40,
    label: 'Your input digits',
    doc: 'Digits 0–9, e.g. "3 1 4 1 5 9". Empty: an example from the seed.',
  }),
});

export type PlaygroundParams = ParamValues<typeof params>;
