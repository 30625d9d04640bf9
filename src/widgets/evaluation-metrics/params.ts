import { defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { zooModelParam } from '../zoo-shared/params';

/**
 * State of the metrics lab: which zoo model scores the test digits, which digit is the positive class
 * (the detector "is this a d?" uses the model's softmax probability of d), the prevalence the test set is
 * subsampled to, the decision threshold, and the seed of the subsample and of the bootstrap.
 */
export const params = defineParams({
  model: zooModelParam({
    default: 'cnn',
    doc: 'The zoo model whose probabilities are the detector’s scores (see the model zoo page).',
  }),
  digit: intParam({
    default: 1,
    min: 0,
    max: 9,
    label: 'Positive digit',
    doc: 'The detector answers “is this digit d?”; the nine other digits are the negatives.',
  }),
  prevalence: numberParam({
    default: 0.1,
    min: 0.01,
    max: 0.5,
    step: 0.01,
    label: 'Prevalence',
    doc: 'Share of positives in the test set, reached by subsampling the 2,000 test digits (0.1 keeps them all).',
  }),
  threshold: numberParam({
    default: 0.5,
    min: 0.01,
    max: 0.99,
    step: 0.01,
    label: 'Threshold',
    doc: 'A digit is called positive when the model’s probability of the digit is at least this.',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes the subsample at the chosen prevalence and the 200 bootstrap resamples of the intervals.',
  }),
});

export type MetricsParams = ParamValues<typeof params>;

/** Bootstrap draws per study. */
export const RESAMPLES = 200;
