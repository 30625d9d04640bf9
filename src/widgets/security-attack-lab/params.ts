import { booleanParam, choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { ZOO_MODEL_NAMES, type ZooModelName } from '../../math/zoo';
import { digitInputParams, ZOO_MODEL_LABELS, zooModelParam } from '../zoo-shared/params';

/** The model the attack is computed on: the victim itself (white box) or another zoo model (transfer). */
export const SOURCE_OPTIONS = ['same', ...ZOO_MODEL_NAMES] as const;
export type SourceOption = (typeof SOURCE_OPTIONS)[number];

/** Untargeted, or the class the attacker wants the victim to answer. */
export const TARGET_OPTIONS = ['none', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * State of the adversarial example lab: the victim (a zoo model), the model the attacker computes the
 * perturbation on, the attack (FGSM, PGD or the random-sign control; untargeted or targeted), its L∞
 * budget ε, PGD's steps, step size and random start, the seed of its random draws, and the digit (the
 * zoo's shared input). Bounds cap the compute: at most 100 gradient steps on one digit.
 */
export const params = defineParams({
  model: zooModelParam({
    default: 'cnn',
    label: 'Model under attack',
    doc: 'The zoo model whose answer the attack tries to change.',
  }),
  source: choiceParam<SourceOption>({
    default: 'same',
    options: SOURCE_OPTIONS,
    optionLabels: {
      same: 'The same model (white box)',
      ...(Object.fromEntries(ZOO_MODEL_NAMES.map((n) => [n, `${ZOO_MODEL_LABELS[n]} (transfer)`])) as Record<
        ZooModelName,
        string
      >),
    },
    label: 'Attack computed on',
    doc: 'The model whose gradient makes the perturbation: the victim itself, or another model (a transfer attack).',
  }),
  attack: choiceParam({
    default: 'fgsm',
    options: ['fgsm', 'pgd', 'noise'],
    optionLabels: { fgsm: 'FGSM (one step)', pgd: 'PGD (iterated)', noise: 'Random signs (control)' },
    label: 'Attack',
    doc: 'FGSM takes one step of size ε along the gradient’s sign; PGD takes many small ones; random signs use no gradient.',
  }),
  target: choiceParam({
    default: 'none',
    options: TARGET_OPTIONS,
    optionLabels: { none: 'Untargeted (any wrong class)' },
    label: 'Target class',
    doc: 'Untargeted: raise the loss of the true label. A class: lower the loss of that class.',
  }),
  epsilon: numberParam({
    default: 0.1,
    min: 0,
    max: 0.5,
    step: 0.01,
    label: 'ε (largest change of a pixel)',
    doc: 'The L∞ budget: no pixel moves by more than ε (pixels run from 0, paper, to 1, ink).',
  }),
  steps: intParam({
    default: 20,
    min: 1,
    max: 100,
    label: 'PGD steps',
    doc: 'Gradient-sign steps of the PGD attack.',
  }),
  stepSize: numberParam({
    default: 0.01,
    min: 0.001,
    max: 0.1,
    step: 0.001,
    label: 'PGD step size α',
    doc: 'How far each PGD step moves every pixel (Madry et al. used 0.01 at ε = 0.3).',
  }),
  randomStart: booleanParam({
    default: true,
    label: 'PGD random start',
    doc: 'Start PGD from a uniform random point of the ε-ball instead of the digit itself.',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes PGD’s random start and the random-sign noise.',
  }),
  ...digitInputParams,
});

export type AttackLabParams = ParamValues<typeof params>;
