import { choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { coefficientOptions } from '../moe-shared/coefficients';

/**
 * State of dense versus sparse. The bounds cap the compute: a dense MLP at most 4 × 64 wide and an MoE of
 * at most 16 such experts, on batches of 256 points, for 3,000 steps.
 *
 * Defaults: sixteen regimes, sixteen experts of width 16 and top-1 against a dense MLP of width 16, so
 * both use 16 hidden units per point; the balancing coefficient is the router lab's default.
 */
export const params = defineParams({
  regimes: choiceParam({
    default: '16',
    options: ['4', '9', '16'],
    optionLabels: { '4': '4 (2 × 2)', '9': '9 (3 × 3)', '16': '16 (4 × 4)' },
    label: 'Regimes',
    doc: 'Cells of the square, each with its own rule for the class.',
  }),
  experts: intParam({ default: 16, min: 2, max: 16, label: 'Experts N', doc: 'Experts in the sparse model.' }),
  topK: intParam({
    default: 1,
    min: 1,
    max: 4,
    label: 'Experts per point k',
    doc: 'The dense model is k times as wide as one expert, so both use the same hidden units per point.',
  }),
  expertHidden: intParam({
    default: 16,
    min: 4,
    max: 64,
    step: 4,
    label: 'Expert width h',
    doc: 'Hidden units of one expert; the dense model has k × h.',
  }),
  capacityFactor: numberParam({
    default: 1.25,
    min: 0.5,
    max: 2,
    step: 0.05,
    label: 'Capacity factor',
    doc: 'Slots per expert = capacity factor × k × 256 / N; the slots are computed whether filled or not.',
  }),
  alpha: choiceParam({
    default: '0.1',
    options: coefficientOptions([0, 0.001, 0.01, 0.1, 1]),
    label: 'Balancing coefficient α',
    doc: 'Weight of the sparse model’s load-balancing loss.',
  }),
  lr: numberParam({
    default: 0.01,
    min: 0.001,
    max: 0.03,
    step: 0.001,
    scale: 'log',
    digits: 1,
    label: 'Learning rate',
    doc: 'Adam step size, the same for both models.',
  }),
  steps: intParam({
    default: 1000,
    min: 100,
    max: 3000,
    step: 100,
    label: 'Training steps',
    doc: 'Steps of each model.',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes the data and both models’ initial weights.',
  }),
});

export type DenseSparseParams = ParamValues<typeof params>;
