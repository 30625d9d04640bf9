import { choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { CORRUPTIONS, type Corruption } from '../../math/evaluation-shift';
import { digitInputParams, zooModelParam } from '../zoo-shared/params';

/**
 * State of the shift lab: which zoo model, which corruption of the 2,000 test digits and how severe, the
 * seed of the random ones (noise, uniform images, the prior change's subsample), and the digit to classify
 * on its own (a test digit under the same corruption, or one the reader draws: a letter, a scribble).
 * Bounds cap the compute: the lab scores at most six severities of one corruption (12,000 images).
 */
export const params = defineParams({
  model: zooModelParam({
    default: 'cnn',
    doc: 'The zoo model that scores the clean and the shifted test digits (see the model zoo page).',
  }),
  corruption: choiceParam<Corruption>({
    default: 'rotation',
    options: CORRUPTIONS,
    optionLabels: {
      rotation: 'rotation',
      translation: 'translation',
      blur: 'blur',
      noise: 'Gaussian noise',
      contrast: 'lower contrast',
      inversion: 'inversion',
      prior: 'class-prior change (label shift)',
      uniform: 'uniform noise images (not digits)',
    },
    label: 'Shift',
    doc: 'What happens to the test digits (or, for uniform noise, what replaces them).',
  }),
  severity: numberParam({
    default: 0.5,
    min: 0,
    max: 1,
    step: 0.05,
    label: 'Severity',
    doc: '0 is the clean test split; 1 is 90° of rotation, 10 px of translation, a blur of σ = 2.5 px, noise of σ = 0.6, 10% contrast, full inversion, or a prior of 2^-k.',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes the random corruptions (noise, uniform images) and the prior change’s subsample.',
  }),
  ...digitInputParams,
});

export type ShiftParams = ParamValues<typeof params>;

/** The severities every curve is drawn at (the chosen severity is added). */
export const CURVE_SEVERITIES = [0, 0.25, 0.5, 0.75, 1] as const;
/** Corrupted test digits shown as a strip. */
export const SAMPLE_IMAGES = 8;
/** Points of each ROC curve sent to the page. */
export const ROC_POINTS = 160;
