/** The scaled dot-product explorer's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'scaled-dot-product',
  component: 'ScaledDotProductExplorer',
  title: 'Scaled dot-product explorer',
  caption:
    'Queries and keys are random vectors with N(0, 1) entries. Top: every query’s scores against every key, and the softmax weights they become. Bottom: how close the softmax comes to one-hot as the vectors grow, with and without dividing the scores by √d.',
  defaultId: 'sdp',
  params,
  compute: 'plain',
  source: ['src/widgets/scaled-dot-product/compute.ts', 'src/math/attention.ts', 'src/math/softmax.ts'],
  metrics: {
    maxWeight: { label: 'largest softmax weight of the detailed query' },
    scoreStd: { label: 'standard deviation of the visible scores' },
  },
});
