import { choiceParam, defineParams, intParam, numberParam, textParam, type ParamValues } from '../../lib/params';
import {
  BACKDOOR_MODELS,
  DEFAULT_TRIGGER,
  MAX_BACKDOOR_STEPS,
  TRIGGER_CELLS,
  type BackdoorModel,
} from '../../math/security-backdoor';
import { digitInputParams, ZOO_MODEL_LABELS } from '../zoo-shared/params';

const CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * State of the backdoor lab: the model retrained (one of the zoo's two fast ones), the trigger (a 4 × 4
 * patch of ink in the bottom-right corner, row by row, 1 ink and 0 none), the attacker's target class,
 * the share p of the training split poisoned, the training budget, the seed (of the poisoned digits'
 * draw and of the training run), and the digit the reader stamps the trigger on (the zoo's shared input).
 * Bounds cap the compute: at most 1,000 steps of 64 digits.
 */
export const params = defineParams({
  model: choiceParam<BackdoorModel>({
    default: 'softmax',
    options: BACKDOOR_MODELS,
    optionLabels: { softmax: ZOO_MODEL_LABELS.softmax, mlp: ZOO_MODEL_LABELS.mlp },
    label: 'Model retrained',
    doc: 'Retrained from scratch on the poisoned training split with the zoo’s own recipe.',
  }),
  trigger: textParam({
    default: DEFAULT_TRIGGER,
    maxLength: TRIGGER_CELLS,
    label: 'Trigger',
    doc: 'The 4 × 4 patch stamped in the bottom-right corner, row by row: 1 is ink, 0 none.',
  }),
  target: choiceParam({
    default: '7',
    options: CLASSES,
    label: 'Target class',
    doc: 'The class every poisoned digit is relabelled to, and the answer the trigger should force.',
  }),
  rate: numberParam({
    default: 1,
    min: 0,
    max: 10,
    step: 0.1,
    unit: '%',
    label: 'Poison rate p',
    doc: 'The share of the 7,000 training digits that get the trigger and the target label.',
  }),
  steps: intParam({
    default: 300,
    min: 50,
    max: Math.min(1000, MAX_BACKDOOR_STEPS),
    step: 50,
    label: 'Training steps',
    doc: 'Adam steps on batches of 64 digits (110 steps are one pass over the training split).',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes which digits are poisoned, the initial weights and the order of the batches.',
  }),
  ...digitInputParams,
  // The lab starts on a 2 the models read with confidence, so the trigger's flip is plain to see.
  digit: { ...digitInputParams.digit, default: 2 },
});

export type BackdoorParams = ParamValues<typeof params>;
