import { choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { SAMPLER_METHODS, SCHEDULE_KINDS } from '../../math/diffusion';
import { SCHEDULE_LABELS } from '../diffusion-shared/dataset-params';
import { HELDOUT_COUNT } from './digits-data';

/**
 * State of the "Diffusion on images" widget. The forward half (image, schedule, t) is plain math on a
 * real held-out digit; the reverse half (digit, guidance, sampler, steps, seed) runs the pre-trained
 * denoiser. Bounds cap the compute: at most 1000 denoiser passes over 16 images (32 rows with guidance).
 */
export const params = defineParams({
  image: intParam({
    default: 0,
    min: 0,
    max: HELDOUT_COUNT - 1,
    label: 'Real digit',
    doc: `One of ${HELDOUT_COUNT} held-out MNIST digits; image i is a digit i mod 10.`,
  }),
  schedule: choiceParam({
    default: 'linear',
    options: SCHEDULE_KINDS,
    optionLabels: SCHEDULE_LABELS,
    label: 'Noise schedule (forward view)',
    doc: 'How fast the noise grows with t. The denoiser below was trained with the linear one.',
  }),
  t: intParam({ default: 300, min: 0, max: 1000, label: 'Noise level t', doc: 'Forward step, out of T = 1000.' }),
  digit: intParam({ default: 3, min: 0, max: 9, label: 'Digit to generate', doc: 'The class the denoiser is given.' }),
  guidance: numberParam({
    default: 2,
    min: 0,
    max: 10,
    step: 0.5,
    label: 'Guidance w',
    doc: 'Classifier-free guidance: 0 is plain conditional sampling; more pushes towards typical digits.',
  }),
  sampler: choiceParam({
    default: 'ddim',
    options: SAMPLER_METHODS,
    optionLabels: { ddpm: 'DDPM (1000 noisy steps)', ddim: 'DDIM (deterministic, fewer steps)' },
    label: 'Sampler',
    doc: 'DDPM always takes all T steps; DDIM takes the number of steps below.',
  }),
  steps: intParam({ default: 50, min: 1, max: 1000, label: 'DDIM steps', doc: 'Denoiser passes for DDIM.' }),
  seed: intParam({ default: 1, min: 0, max: 99999, label: 'Seed', doc: 'Fixes the noise of both halves.' }),
});

/** Images generated per sampling run (a fixed cost, not a param: 16 fill two rows of the grid). */
export const SAMPLE_COUNT = 16;

export type DigitDiffusionParams = ParamValues<typeof params>;

/** Keys that change the generated samples (a new sampling run), and the ones of the forward view. */
export const SAMPLING_KEYS = ['digit', 'guidance', 'sampler', 'steps', 'seed'] as const;
export const FORWARD_KEYS = ['image', 'schedule', 't'] as const;
