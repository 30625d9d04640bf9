/**
 * From a model's scored splits to the leaderboard lab's study (the worker runs it; the seeded script and
 * the claims test run the same function): the test split is the leaderboard's pool, the validation
 * split Thresholdout's training set.
 */
import { leaderboardStudy, type LeaderboardStudy, type ScoredDigits } from '../../math/evaluation-leaderboard';
import { DIGIT_CLASSES } from '../../math/zoo';
import type { LeaderboardParams } from './params';

export function labLeaderboard(
  scored: { validation: ScoredDigits; test: ScoredDigits },
  v: Omit<LeaderboardParams, 'model'>,
): LeaderboardStudy {
  return leaderboardStudy(scored.test, scored.validation, DIGIT_CLASSES, {
    submissions: v.submissions,
    holdout: v.holdout,
    spread: v.spread,
    strategy: v.strategy,
    thresholdout: v.thresholdout,
    seed: v.seed,
  });
}
