import { booleanParam, choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { STRATEGIES, type Strategy } from '../../math/evaluation-leaderboard';
import { zooModelParam } from '../zoo-shared/params';

/**
 * State of the leaderboard lab: which zoo model the team tweaks, how its variants are made (fresh draws
 * or climbing from the best so far, and how far apart), how many submissions the leaderboard takes, how
 * many of the 2,000 test digits form the reused test set (the rest are the fresh one), whether
 * Thresholdout guards it, and the seed of the split and the variants. Bounds cap the compute: 1,000
 * submissions × 3,000 digits.
 */
export const params = defineParams({
  model: zooModelParam({
    default: 'softmax',
    doc: 'The zoo model whose logits every variant starts from (see the model zoo page).',
  }),
  strategy: choiceParam<Strategy>({
    default: 'climb',
    options: STRATEGIES,
    optionLabels: { 'best-of': 'independent, keep the best', climb: 'climb from the best' },
    label: 'Variants',
    doc: 'Independent variants draw new class offsets each time; climbing perturbs the best variant so far (adaptive).',
  }),
  submissions: intParam({
    default: 1000,
    min: 1,
    max: 1000,
    label: 'Submissions',
    doc: 'How many variants are scored on the reused test set (the first is the model as trained).',
  }),
  holdout: intParam({
    default: 200,
    min: 100,
    max: 1500,
    step: 100,
    label: 'Reused test set (digits)',
    doc: 'Test digits the leaderboard scores every submission on; the rest of the 2,000 are the fresh test set.',
  }),
  spread: numberParam({
    default: 0.3,
    min: 0.1,
    max: 5,
    step: 0.1,
    label: 'Variant spread σ (logits)',
    doc: 'Standard deviation of the per-class offsets added to the logits (for climbing: of each step).',
  }),
  thresholdout: booleanParam({
    default: false,
    label: 'Thresholdout',
    doc: 'Answer each submission with Dwork et al.’s reusable holdout (validation digits as the training set).',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes the split of the test digits into the reused and fresh sets, the variants and Thresholdout’s noise.',
  }),
});

export type LeaderboardParams = ParamValues<typeof params>;
