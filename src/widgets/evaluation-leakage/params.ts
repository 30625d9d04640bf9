import { choiceParam, defineParams, intParam, type ParamValues } from '../../lib/params';
import type { LeakModel } from '../../math/evaluation-leakage';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';

/**
 * State of the leakage lab: the model trained (the zoo's softmax regression or MLP recipe), how many
 * digits were collected and how many scans of each, the training budget, and the seed (scans, splits,
 * augmentation, initial weights and batch order). Bounds cap the compute: six runs of at most 600 steps
 * on at most 4,800 images.
 */
export const params = defineParams({
  model: choiceParam<LeakModel>({
    default: 'mlp',
    options: ['softmax', 'mlp'],
    optionLabels: { softmax: ZOO_MODEL_LABELS.softmax, mlp: ZOO_MODEL_LABELS.mlp },
    label: 'Model',
    doc: 'The zoo recipe trained on each protocol’s training split (architecture, batch, learning rate).',
  }),
  sources: intParam({
    default: 300,
    min: 100,
    max: 600,
    step: 50,
    label: 'Digits collected',
    doc: 'Distinct digits in the collection (the same number of each class).',
  }),
  copies: intParam({
    default: 4,
    min: 1,
    max: 8,
    label: 'Scans of each digit',
    doc: 'Near-duplicates per digit: the digit with fresh Gaussian noise (σ = 0.1) each time. 1: no duplicates.',
  }),
  steps: intParam({
    default: 300,
    min: 50,
    max: 600,
    step: 50,
    label: 'Training steps per protocol',
    doc: 'Optimiser steps (batches of 64) for each of the six runs.',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes the scans, the splits, the augmentation, the initial weights and the batch order.',
  }),
});

export type LeakageParams = ParamValues<typeof params>;
