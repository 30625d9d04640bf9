import { choiceParam, defineParams, intParam, type ParamValues } from '../../lib/params';
import { SCHEDULE_KINDS, T_LIMITS } from '../../math/diffusion';
import { datasetParams, SCHEDULE_LABELS } from '../diffusion-shared/dataset-params';

export { SCHEDULE_LABELS };

/**
 * State of the forward process explorer. The work per redraw is fixed (600 points, two schedules of at
 * most 1000 steps), so no bound here can make it slow.
 */
export const params = defineParams({
  ...datasetParams,
  schedule: choiceParam({
    default: 'cosine',
    options: SCHEDULE_KINDS,
    optionLabels: SCHEDULE_LABELS,
    label: 'Noise schedule',
    doc: 'How fast the signal fades: ᾱ_t for t = 0 … T.',
  }),
  T: intParam({
    default: 1000,
    min: T_LIMITS.min,
    max: T_LIMITS.max,
    label: 'Diffusion steps T',
    doc: 'Steps from data (t = 0) to pure noise (t = T).',
  }),
  t: intParam({
    default: 250,
    min: 0,
    max: T_LIMITS.max,
    label: 'Step t shown',
    doc: 'Where along the way the points are shown (at most T).',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Which data points and which noise each point gets.',
  }),
});

export type ForwardParams = ParamValues<typeof params>;
