/** The robustness curve's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'security-robustness',
  component: 'RobustnessCurve',
  title: 'Robustness curve',
  caption:
    'Accuracy of a zoo model over the test digits as the attack budget ε grows, under FGSM, PGD and random-sign noise of the same size, computed in your browser batch by batch; the seeded script’s curve (dashed) and the papers’ numbers (×) beside it.',
  defaultId: 'rob',
  params,
  compute: 'model',
  source: ['src/ml/security-robustness.ts', 'src/ml/security.ts', 'src/ml/zoo/models.ts'],
  metrics: {
    points: { label: 'points of the curve computed' },
    cleanAccuracy: { label: 'accuracy at ε = 0', unit: 'share' },
    fgsm03: { label: 'accuracy under FGSM at ε = 0.3', unit: 'share' },
    pgd03: { label: 'accuracy under PGD at ε = 0.3', unit: 'share' },
    curveMs: { label: 'compute time of the whole curve', unit: 'ms' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
