/** The adversarial example lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'security-attack-lab',
  component: 'AttackLab',
  title: 'Adversarial example lab',
  caption:
    'Attack one of the zoo’s digit classifiers in your browser: FGSM or PGD, untargeted or aimed at a class, with every pixel moved by at most ε, computed on the model itself or on another one (a transfer attack). The original, the perturbation (amplified) and the adversarial digit, with the model’s probabilities before and after.',
  defaultId: 'atk',
  params,
  compute: 'model',
  source: ['src/ml/security.ts', 'src/ml/zoo/models.ts', 'src/ml/zoo/conv.ts', 'src/math/digits.ts'],
  metrics: {
    before: { label: 'class the model gives the original digit' },
    after: { label: 'class the model gives the adversarial digit' },
    success: { label: 'whether the attack reached its goal' },
    linf: { label: 'largest change of any pixel' },
    attackMs: { label: 'time to attack the digit and score both', unit: 'ms' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  // A drawing the codec reads whole (a vertical stroke down the middle), so the round trip shows no notice.
  roundTrip: { drawing: 'gIgQgYghgpgx' },
});
