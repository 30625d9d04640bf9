/** The denoiser lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'denoiser-lab',
  component: 'DenoiserLab',
  title: 'Denoiser lab',
  caption:
    'A small network that learned to predict the noise added to 2D points. Sampling starts from pure noise and removes the predicted noise step by step until points lie on the data. Compare samplers, step counts, schedules and training lengths by the sliced Wasserstein distance to fresh data: lower is better, and untouched noise scores the baseline.',
  defaultId: 'lab',
  params,
  compute: 'model',
  source: [
    'src/ml/denoiser.ts',
    'src/ml/samplers.ts',
    'src/math/diffusion.ts',
    'src/widgets/denoiser-lab/session.ts',
    'src/math/sample-quality.ts',
    'src/math/datasets2d.ts',
  ],
  metrics: {
    source: { label: 'where the model’s weights come from (pretrained, untrained, scratch)' },
    stepsPerSecond: { label: 'training steps per second', unit: 'steps/s' },
    trainStep: { label: 'training steps done' },
    sampleMs: { label: 'compute time of the last sampling run', unit: 'ms' },
    quality: { label: 'sliced Wasserstein distance of the last samples to fresh data' },
    baseline: { label: 'the same distance for untouched noise' },
    classFraction: { label: 'share of samples nearest the chosen class' },
    thresholdStep: { label: 'training step at which samples first beat half the noise baseline' },
    thresholdMs: { label: 'training time until then', unit: 'ms' },
    frames: { label: 'sampling frames kept' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
