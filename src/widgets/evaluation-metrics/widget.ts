/** The metrics lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'evaluation-metrics',
  component: 'MetricsLab',
  title: 'Metrics lab',
  caption:
    'One digit against the rest, scored by a zoo model’s real probabilities on the 2,000 test digits, subsampled to the prevalence you choose: accuracy, balanced accuracy, precision, recall, F1, the ROC and precision–recall curves with their areas, 95% intervals from the test-set size (Wilson or bootstrap), and the same metrics in slices by stroke weight.',
  defaultId: 'met',
  params,
  compute: 'model',
  source: [
    'src/math/evaluation-binary.ts',
    'src/math/evaluation-metrics.ts',
    'src/widgets/evaluation-metrics/report.ts',
    'src/widgets/evaluation-shared/study-server.ts',
    'scripts/evaluation-metrics.ts',
  ],
  metrics: {
    model: { label: 'model whose scores are shown' },
    count: { label: 'test digits in the sample' },
    positives: { label: 'positives in the sample' },
    accuracy: { label: 'accuracy at the threshold', unit: 'share' },
    balancedAccuracy: { label: 'balanced accuracy at the threshold', unit: 'share' },
    precision: { label: 'precision at the threshold', unit: 'share' },
    recall: { label: 'recall at the threshold', unit: 'share' },
    f1: { label: 'F1 at the threshold', unit: 'share' },
    auroc: { label: 'area under the ROC curve' },
    ap: { label: 'average precision (area under the PR curve)' },
    thickRecall: { label: 'recall in the thickest third by ink', unit: 'share' },
    computeMs: { label: 'worker time to compute the study', unit: 'ms' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
