import { SAMPLER_METHODS, SCHEDULE_KINDS, T_LIMITS } from '../../math/diffusion';
import { choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { datasetParams, SCHEDULE_LABELS } from '../diffusion-shared/dataset-params';

/**
 * State of the denoiser lab. The bounds cap the compute: at most T = 1000 sampling steps over 2,000
 * points, a 15 × 15 direction field, and 5,000 training steps of a 64-wide, 3-layer MLP.
 *
 * Default schedule: linear, because it samples better in 2D with the few-step samplers readers use, as
 * measured by the pre-training script (public/weights/denoiser-lab/manifest.json, same budget for
 * both): on moons the linear model's quick checks (DDIM 20) beat half the noise baseline from step 1000
 * on, the cosine model's never did in 3000 steps (SW 0.16–0.25 against a baseline of 0.22), and its
 * final DDIM-50 samples score 0.067 against the cosine model's 0.118 (swiss roll 0.052 against 0.083,
 * rings 0.098 against 0.162). The cosine schedule was
 * designed for 64 × 64 images, whose linear-schedule noise wipes out the signal too early; a 2D point
 * set gains nothing from that. A likely part of the gap (not isolated here): the cosine schedule ends at
 * ᾱ_T ≈ 0, so a deterministic sampler's first, large step divides by sqrt(ᾱ_T) ≈ 0 to estimate x̂_0.
 */
export const params = defineParams({
  ...datasetParams,
  schedule: choiceParam({
    default: 'linear',
    options: SCHEDULE_KINDS,
    optionLabels: SCHEDULE_LABELS,
    label: 'Noise schedule',
    doc: 'How fast noise is added: β_t rising linearly, or ᾱ_t following a cosine.',
  }),
  T: intParam({
    default: 1000,
    min: T_LIMITS.min,
    max: T_LIMITS.max,
    label: 'Diffusion steps T',
    doc: 'Steps of the forward process; DDPM sampling takes all of them.',
  }),
  sampler: choiceParam({
    default: 'ddim',
    options: SAMPLER_METHODS,
    optionLabels: { ddpm: 'DDPM (T steps, stochastic)', ddim: 'DDIM (fewer steps, deterministic)' },
    label: 'Sampler',
    doc: 'DDPM walks back through every step adding fresh noise; DDIM skips steps and adds none.',
  }),
  steps: intParam({
    default: 50,
    min: 1,
    max: 1000,
    label: 'DDIM steps',
    doc: 'Sampling steps of DDIM (at most T). DDPM always takes T.',
  }),
  samples: intParam({
    default: 1000,
    min: 100,
    max: 2000,
    step: 100,
    label: 'Points sampled',
    doc: 'How many points each sampling run turns from noise into data.',
  }),
  fieldT: intParam({
    default: 100,
    min: 1,
    max: 1000,
    label: 'Field at t',
    doc: 'The diffusion time at which the learned direction field is drawn (at most T).',
  }),
  cls: choiceParam({
    default: 'any',
    options: ['any', '1', '2', '3'],
    optionLabels: { any: 'Any (unconditional)', '1': 'Class 1', '2': 'Class 2', '3': 'Class 3' },
    label: 'Generate class',
    doc: 'Sample one class of a labelled data set, or any (the unconditional model).',
  }),
  guidance: numberParam({
    default: 0,
    min: 0,
    max: 10,
    step: 0.5,
    label: 'Guidance scale w',
    doc: 'Classifier-free guidance: ε̃ = (1 + w) ε(x, class) − w ε(x, ∅). 0 is plain conditional sampling.',
  }),
  trainSteps: intParam({
    default: 1500,
    min: 100,
    max: 5000,
    step: 100,
    label: 'Training steps',
    doc: 'Budget of "Train from scratch".',
  }),
  lr: numberParam({
    default: 0.01,
    min: 0.0001,
    max: 0.03,
    step: 0.0001,
    scale: 'log',
    digits: 2,
    label: 'Learning rate',
    doc: 'Adam step size for training from scratch.',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes the data, the initial weights and the sampling noise.',
  }),
});

export type LabParams = ParamValues<typeof params>;

/** Classes as the URL writes them (1-based); the model counts from 0, and 'any' is the null class ∅. */
export type ClassChoice = LabParams['cls'];

/** The model's class index for a URL class, or null for 'any'. */
export function modelClass(cls: ClassChoice): number | null {
  return cls === 'any' ? null : Number(cls) - 1;
}
