/** The leakage lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'evaluation-leakage',
  component: 'LeakageLab',
  title: 'Leakage lab',
  caption:
    'A collection of zoo digits with three leaks: several noisy scans of each digit (near-duplicates), a scanner’s stamp whose position encodes the class, and augmentation run before the split. Train has your browser train one model per protocol and scores it twice: on the protocol’s own test split, and on clean held-out digits that no leak reaches. The gap is the inflation; each fix should close it.',
  defaultId: 'leak',
  params,
  compute: 'model',
  source: [
    'src/math/evaluation-leakage.ts',
    'src/ml/evaluation-leakage.ts',
    'src/widgets/evaluation-leakage/studies.ts',
    'scripts/evaluation-leakage.ts',
  ],
  metrics: {
    protocolsDone: { label: 'protocols trained and scored' },
    inflationClean: { label: 'inflation, clean protocol (group split, stamp removed, augment after)', unit: 'share' },
    inflationDuplicates: { label: 'inflation, split by image (near-duplicates cross)', unit: 'share' },
    inflationDedupe: { label: 'inflation, de-duplicated then split by image', unit: 'share' },
    inflationStamp: { label: 'inflation, label-encoding stamp kept', unit: 'share' },
    inflationAugment: { label: 'inflation, augmentation before the split', unit: 'share' },
    inflationAll: { label: 'inflation, all three leaks', unit: 'share' },
    heldOutClean: { label: 'held-out accuracy of the clean protocol', unit: 'share' },
    stepsPerSecond: { label: 'training steps per second' },
    computeMs: { label: 'worker time for the six runs', unit: 'ms' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
