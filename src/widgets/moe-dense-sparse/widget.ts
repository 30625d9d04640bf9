/** Dense versus sparse's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'moe-dense-sparse',
  component: 'DenseVersusSparse',
  title: 'Dense versus sparse',
  caption:
    'Two models trained side by side in your browser on the same batches: a dense MLP, and a mixture of experts whose router sends each point through as many hidden units as the dense model has. The charts plot each one’s held-out loss against the FLOPs its training used (counted) and against the seconds it took (measured).',
  defaultId: 'dvs',
  params,
  compute: 'model',
  source: [
    'src/ml/moe-dense-sparse.ts',
    'src/ml/moe.ts',
    'src/ml/moe-ops.ts',
    'src/math/moe-counts.ts',
    'src/math/moe-tasks.ts',
  ],
  metrics: {
    step: { label: 'training steps of each model' },
    denseLoss: { label: 'held-out loss of the dense model', unit: 'nats' },
    moeLoss: { label: 'held-out loss of the mixture of experts', unit: 'nats' },
    denseMsPerStep: { label: 'milliseconds per training step, dense', unit: 'ms' },
    moeMsPerStep: { label: 'milliseconds per training step, mixture of experts', unit: 'ms' },
    stepsPerSecond: { label: 'training steps per second (both models)', unit: 'steps/s' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
