/** The distillation lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'efficiency-distillation',
  component: 'DistillationLab',
  title: 'Distillation lab',
  caption:
    'The shipped CNN teaches two small MLP students in your browser, from the same seed on the same few training digits: one learns the hard labels, one the teacher’s temperature-softened probabilities. Their accuracy and calibration on the 2,000 test digits, and what a student learns about a class it never saw.',
  defaultId: 'distill',
  params,
  compute: 'model',
  source: [
    'src/ml/efficiency-distillation.ts',
    'src/math/efficiency-distillation.ts',
    'src/widgets/efficiency-distillation/lab.ts',
  ],
  metrics: {
    hardAccuracy: { label: 'test accuracy of the hard-label student', unit: 'share' },
    softAccuracy: { label: 'test accuracy of the distilled student', unit: 'share' },
    teacherAccuracy: { label: 'test accuracy of the teacher', unit: 'share' },
    hardEce: { label: 'ECE of the hard-label student' },
    softEce: { label: 'ECE of the distilled student' },
    heldOutHard: { label: 'held-out class accuracy of the hard-label student, bias corrected', unit: 'share' },
    heldOutSoft: { label: 'held-out class accuracy of the distilled student, bias corrected', unit: 'share' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  roundTrip: { temperature: 4, holdOut: 3 },
});
