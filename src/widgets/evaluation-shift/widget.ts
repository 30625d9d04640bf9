/** The shift lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'evaluation-shift',
  component: 'ShiftLab',
  title: 'Shift lab',
  caption:
    'A zoo model scores the 2,000 test digits clean and shifted (rotated, moved, blurred, noised, faded, inverted, a changed class prior, or replaced by noise images) in your browser, at five severities and the one you choose: accuracy, mean confidence and ECE against severity, and how well the maximum softmax probability and the energy score tell clean digits from shifted ones (ROC curve, AUROC). Below, one test digit under the same shift, or anything you draw, and how sure the model is of it.',
  defaultId: 'shift',
  params,
  compute: 'model',
  source: [
    'src/math/evaluation-shift.ts',
    'src/math/evaluation-ood.ts',
    'src/math/evaluation-roc.ts',
    'src/widgets/evaluation-shift/studies.ts',
    'src/ml/zoo/evaluation.ts',
    'scripts/evaluation-shift.ts',
  ],
  metrics: {
    model: { label: 'model whose study is shown' },
    corruption: { label: 'shift of the study shown' },
    severity: { label: 'severity of the study shown' },
    cleanAccuracy: { label: 'accuracy on the clean test digits', unit: 'share' },
    accuracy: { label: 'accuracy on the shifted digits', unit: 'share' },
    meanConfidence: { label: 'mean maximum softmax probability on the shifted inputs', unit: 'share' },
    ece: { label: 'ECE on the shifted digits (15 bins)', unit: 'share' },
    aurocMaxSoftmax: { label: 'AUROC of max softmax, clean against shifted' },
    aurocEnergy: { label: 'AUROC of the energy score, clean against shifted' },
    inputConfidence: { label: 'max softmax probability of the one input', unit: 'share' },
    inputPercentile: { label: 'share of clean test digits the input is more confident than', unit: 'share' },
    computeMs: { label: 'worker time for the study (scoring included)', unit: 'ms' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
