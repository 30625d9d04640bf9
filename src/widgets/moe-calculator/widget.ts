/** The parameter and FLOP calculator's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'moe-calculator',
  component: 'MoeCalculator',
  title: 'Parameter and FLOP calculator',
  caption:
    'Counts the weights of a decoder-only transformer with mixture-of-experts feed-forward layers from its configuration: all that must be stored, and those one token uses; the memory to hold them; and the FLOPs per token. The buttons load published configurations.',
  defaultId: 'calc',
  params,
  compute: 'plain',
  source: ['src/math/moe-counts.ts', 'src/widgets/moe-calculator/compute.ts', 'src/widgets/moe-calculator/presets.ts'],
  metrics: {
    total: { label: 'parameters stored' },
    active: { label: 'parameters used per token' },
    weightBytes: { label: 'bytes to hold the weights', unit: 'bytes' },
    flopsPerToken: { label: 'forward FLOPs per token' },
  },
});
