/** The "Diffusion on images" widget's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'digit-diffusion',
  component: 'DigitDiffusion',
  title: 'Diffusion on images',
  caption:
    'Top: a real handwritten digit (MNIST, 14 × 14 pixels) with Gaussian noise added in closed form, x_t = √ᾱ_t · x₀ + √(1 − ᾱ_t) · ε. Bottom: a tiny denoiser trained on 2,000 such digits runs the process backwards from pure noise, drawing 16 digits of the class you ask for.',
  defaultId: 'digits',
  params,
  compute: 'model',
  source: [
    'src/ml/denoiser.ts',
    'src/ml/samplers.ts',
    'src/widgets/digit-diffusion/sampling-session.ts',
    'src/widgets/digit-diffusion/forward.ts',
    'src/math/diffusion.ts',
  ],
  metrics: {
    agree: { label: 'samples whose nearest real digit is the asked one' },
    computeMs: { label: 'compute time of the last sampling run', unit: 'ms' },
    frames: { label: 'frames kept of the run on show' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
