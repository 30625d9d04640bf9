/** The positional encoding viewer's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'positional-encoding',
  component: 'PositionalEncodingViewer',
  title: 'Positional encoding viewer',
  caption:
    'Left: the sinusoidal encoding, one row per position, one column per dimension. Right: how alike every pair of positions looks to a dot-product attention.',
  defaultId: 'pe',
  params,
  compute: 'plain',
  source: ['src/widgets/positional-encoding/compute.ts', 'src/math/positional.ts'],
  metrics: {
    neighbourSimilarity: { label: 'similarity of the probe position to its neighbour' },
  },
});
