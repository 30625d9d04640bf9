import { defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { DISTILL_LIMITS as L } from './limits';

/**
 * State of the distillation lab: the student's size, the transfer set (its size and a class left out of
 * it), the training budget, and the distillation loss's temperature T and soft-target weight λ. Bounds
 * cap the compute: two students of at most 128 hidden units, at most 1,000 steps of 64 digits each.
 */
export const params = defineParams({
  temperature: numberParam({
    default: 2,
    min: L.temperature[0],
    max: L.temperature[1],
    step: 0.5,
    label: 'Temperature T',
    doc: 'Teacher and student logits are divided by T before the softmax of the soft term.',
  }),
  alpha: numberParam({
    default: 0.5,
    min: 0,
    max: 1,
    step: 0.05,
    label: 'Soft-target weight λ',
    doc: 'The distilled student’s loss: λ·T²·(soft cross-entropy) + (1 − λ)·(hard cross-entropy).',
  }),
  transfer: intParam({
    default: 200,
    min: L.transfer[0],
    max: L.transfer[1],
    step: 100,
    label: 'Transfer set (training digits)',
    doc: 'How many training digits both students learn from (the first of the split).',
  }),
  holdOut: intParam({
    default: -1,
    min: -1,
    max: 9,
    label: 'Class left out of the transfer set (−1: none)',
    doc: 'A digit class whose every example is removed from the transfer set.',
  }),
  hidden: intParam({
    default: 32,
    min: L.hidden[0],
    max: L.hidden[1],
    step: 8,
    label: 'Student hidden units',
    doc: 'The student is an MLP 784 → hidden → 10.',
  }),
  steps: intParam({
    default: 300,
    min: L.steps[0],
    max: L.steps[1],
    step: 50,
    label: 'Training steps',
    doc: 'Adam steps of 64 transfer digits, for each student.',
  }),
  seed: intParam({
    default: 1,
    min: 1,
    max: 9999,
    label: 'Seed',
    doc: 'Seeds both students’ initial weights and batches.',
  }),
});

export type DistillLabParams = ParamValues<typeof params>;

export function distillRequest(v: DistillLabParams) {
  return {
    hidden: v.hidden,
    transfer: v.transfer,
    steps: v.steps,
    temperature: v.temperature,
    alpha: v.alpha,
    holdOut: v.holdOut,
    seed: v.seed,
  };
}
