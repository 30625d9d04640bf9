/** The leaderboard lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'evaluation-leaderboard',
  component: 'LeaderboardLab',
  title: 'Leaderboard lab',
  caption:
    'A team submits variants of a zoo model (its real logits on real digits plus per-class offsets) to a leaderboard that scores them all on one reused test set, and keeps the best. The kept score climbs with the submissions; the same variant on a fresh test set does not. Thresholdout (Dwork et al. 2015) can answer the queries instead.',
  defaultId: 'lb',
  params,
  compute: 'model',
  source: [
    'src/math/evaluation-leaderboard.ts',
    'src/widgets/evaluation-leaderboard/report.ts',
    'src/widgets/evaluation-shared/study-server.ts',
    'src/ml/zoo/evaluation.ts',
    'scripts/evaluation-leaderboard.ts',
  ],
  metrics: {
    model: { label: 'model the variants start from' },
    submissions: { label: 'submissions made' },
    reported: { label: 'leaderboard score of the kept variant', unit: 'share' },
    fresh: { label: 'fresh-test accuracy of the kept variant', unit: 'share' },
    gap: { label: 'reported minus fresh', unit: 'share' },
    gap10: { label: 'gap after 10 submissions', unit: 'share' },
    gap100: { label: 'gap after 100 submissions', unit: 'share' },
    gap1000: { label: 'gap after 1,000 submissions', unit: 'share' },
    baseFresh: { label: 'fresh-test accuracy of the model as trained', unit: 'share' },
    revealed: { label: 'Thresholdout answers that revealed the holdout' },
    computeMs: { label: 'worker time to run the submissions', unit: 'ms' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
