/** The attention playground's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'attention-playground',
  component: 'AttentionPlayground',
  title: 'Attention playground',
  caption:
    'A tiny decoder-only transformer that trains in your browser. Pick a task, press Train, and watch each head’s attention settle into the pattern the task needs. Rows of a map are the positions doing the looking; columns are the positions looked at.',
  defaultId: 'ap',
  params,
  compute: 'model',
  source: [
    'src/ml/transformer.ts',
    'src/ml/attention.ts',
    'src/ml/positional.ts',
    'src/ml/init.ts',
    'src/ml/training-session.ts',
    'src/math/tasks.ts',
  ],
  metrics: {
    step: { label: 'training steps done' },
    accuracy: { label: 'held-out token accuracy', unit: 'share' },
    stepsPerSecond: { label: 'training steps per second', unit: 'steps/s' },
    stepsTo95: { label: 'first evaluation step at 95% held-out token accuracy' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  roundTrip: { input: '3 1 4 1 5 9' },
});
