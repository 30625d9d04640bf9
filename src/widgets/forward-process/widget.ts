/** The forward process explorer's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { POINT_COUNT } from './compute';
import { params } from './params';

export const widget = defineWidget({
  name: 'forward-process',
  component: 'ForwardProcessExplorer',
  title: 'Forward process explorer',
  caption: `${POINT_COUNT} points of a 2D data set x_0, each mixed with its own Gaussian noise ε as x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε. Move t (or press Play) to watch the data dissolve into N(0, I), compare the linear and cosine noise schedules, and check the measured variance of x_t against the closed form.`,
  defaultId: 'fwd',
  params,
  compute: 'plain',
  source: ['src/widgets/forward-process/compute.ts', 'src/math/diffusion.ts', 'src/math/datasets2d.ts'],
  metrics: {
    t: { label: 'the step shown' },
    measuredVariance: { label: 'variance of the noised points, measured' },
    expectedVariance: { label: 'variance of the noised points, closed form' },
  },
});
