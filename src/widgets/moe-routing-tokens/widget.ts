/** Routing tokens' registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'moe-routing-tokens',
  component: 'RoutingTokens',
  title: 'Routing tokens',
  caption:
    'The transformers chapter’s tiny model with its feed-forward layer replaced by a mixture of experts, trained in your browser on a sequence task. For your input, the table shows which expert each token goes to in each layer, with its gate; the heatmaps show, over held-out sequences, where each kind of token goes.',
  defaultId: 'rt',
  params,
  compute: 'model',
  source: [
    'src/ml/moe-transformer.ts',
    'src/ml/moe.ts',
    'src/ml/attention.ts',
    'src/ml/moe-ops.ts',
    'src/math/moe.ts',
    'src/math/tasks.ts',
  ],
  metrics: {
    step: { label: 'training steps done' },
    accuracy: { label: 'held-out token accuracy', unit: 'share' },
    loadCv: { label: 'coefficient of variation of layer 1’s expert loads' },
    dropped: { label: 'share of layer 1’s assignments dropped', unit: 'share' },
    stepsPerSecond: { label: 'training steps per second', unit: 'steps/s' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  roundTrip: { input: '3 1 4 1 5 9' },
});
