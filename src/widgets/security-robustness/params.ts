import { defineParams, intParam, type ParamValues } from '../../lib/params';
import { zooModelParam } from '../zoo-shared/params';

/**
 * State of the robustness curve: the zoo model, how many test digits (from the start of the split,
 * class-balanced), PGD's steps, and the seed of the random starts and noise. Bounds cap the compute: at
 * most 2,000 digits × 7 ε × (1 + 40 + 1) gradient passes.
 */
export const params = defineParams({
  model: zooModelParam({ default: 'cnn', doc: 'The zoo model to attack over the test digits.' }),
  count: intParam({
    default: 200,
    min: 100,
    max: 2000,
    step: 100,
    label: 'Test digits',
    doc: 'How many test digits to attack, from the start of the split (50 per class per 500).',
  }),
  pgdSteps: intParam({
    default: 10,
    min: 1,
    max: 40,
    label: 'PGD steps',
    doc: 'Steps of the PGD attack, each 4ε / (3 · steps), from a random start.',
  }),
  seed: intParam({ default: 1, min: 0, max: 99999, label: 'Seed', doc: 'Fixes PGD’s random starts and the noise.' }),
});

export type RobustnessParams = ParamValues<typeof params>;

/** The ε grid of every curve (MNIST's customary budgets up to 0.3). */
export const CURVE_EPSILONS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
/** Digits per batch: one runner step. */
export const CURVE_BATCH = 50;
