/** The backdoor lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'security-backdoor',
  component: 'BackdoorLab',
  title: 'Backdoor lab',
  caption:
    'Poison the training digits as BadNets does: draw a trigger, choose a target class and a poison rate, and retrain one of the zoo’s models on the poisoned split in your browser. Clean test accuracy, the attack’s success on triggered test digits, a spectral-signature check of the training data against the truth, and any digit with the trigger stamped on it.',
  defaultId: 'bd',
  params,
  compute: 'model',
  source: [
    'src/math/security-backdoor.ts',
    'src/ml/security-backdoor.ts',
    'src/ml/zoo/training.ts',
    'src/ml/zoo/models.ts',
  ],
  metrics: {
    poisoned: { label: 'training digits poisoned' },
    cleanAccuracy: { label: 'accuracy on the clean test split' },
    attackSuccess: { label: 'share of triggered test digits sent to the target' },
    precision: { label: 'share of flagged training digits that were poisoned' },
    recall: { label: 'share of poisoned training digits flagged' },
    trainMs: { label: 'time to retrain on the poisoned split', unit: 'ms' },
    stepsPerSecond: { label: 'training steps per second' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  // A drawing the codec reads whole (a vertical stroke down the middle), so the round trip shows no notice.
  roundTrip: { drawing: 'gIgQgYghgpgx' },
});
