import { defineParams, intParam, type ParamValues } from '../../lib/params';
import { digitInputParams, zooModelParam } from '../zoo-shared/params';

/**
 * State of the model zoo explorer: which shipped model to evaluate and to classify the reader's digit
 * with, the digit (the zoo's shared input), and the live-training run (the chosen model's recipe from
 * scratch). Bounds cap the compute: at most 3,000 training steps of 64 digits.
 */
export const params = defineParams({
  model: zooModelParam({
    default: 'cnn',
    doc: 'The shipped model to evaluate and to classify your digit with; Train retrains its architecture from scratch.',
  }),
  ...digitInputParams,
  steps: intParam({
    default: 200,
    min: 50,
    max: 3000,
    step: 50,
    label: 'Training steps',
    doc: 'Batches of 64 training digits for Train (the shipped CNN took 1,308).',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Training seed',
    doc: 'Fixes the initial weights, the order of the digits and the augmentation.',
  }),
});

export type ExplorerParams = ParamValues<typeof params>;

/** The keys that shape a training run (a change makes the next Train start a fresh model). */
export const TRAINING_KEYS = ['model', 'steps', 'seed'] as const;
