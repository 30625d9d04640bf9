import { choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { PRUNE_SCOPES, PRUNE_STRUCTURES } from '../../math/pruning';
import { zooModelParam } from '../zoo-shared/params';
import { MAX_FINE_TUNE_STEPS, MAX_SPARSITY } from './lab-limits';

/**
 * State of the pruning lab. Two experiments: `prune` a shipped model (the MLP or the CNN) by magnitude
 * to a sparsity, optionally fine-tuned with the mask fixed; and `ticket`, the lottery-ticket experiment
 * on an MLP trained from the seed. Bounds cap the compute: at most 300 fine-tuning steps; the ticket at
 * most 6 rounds × 2 arms × 400 steps of a 128-unit MLP.
 */
export const params = defineParams({
  experiment: choiceParam({
    default: 'prune',
    options: ['prune', 'ticket'],
    optionLabels: { prune: 'prune a shipped model', ticket: 'lottery ticket: rewind or re-initialise' },
    label: 'Experiment',
    doc: 'Prune a shipped model, or run the lottery-ticket experiment on a small MLP trained here.',
  }),
  model: zooModelParam({ default: 'cnn', options: ['mlp', 'cnn'], doc: 'The shipped model to prune.' }),
  structure: choiceParam({
    default: 'unstructured',
    options: PRUNE_STRUCTURES,
    optionLabels: { unstructured: 'unstructured (single weights)', structured: 'structured (whole units and filters)' },
    label: 'What is removed',
    doc: 'Single weights of smallest magnitude, or whole hidden units and filters of smallest L1 norm.',
  }),
  scope: choiceParam({
    default: 'global',
    options: PRUNE_SCOPES,
    optionLabels: { global: 'one global threshold', layer: 'each layer alike' },
    label: 'Threshold (unstructured)',
    doc: 'One magnitude threshold over all layers, or the same share removed from each layer.',
  }),
  sparsity: numberParam({
    default: 0.8,
    min: 0,
    max: MAX_SPARSITY,
    step: 0.05,
    label: 'Sparsity (share removed)',
    doc: 'Share of the weights removed (structured: of each hidden layer’s units).',
  }),
  fineTune: intParam({
    default: 0,
    min: 0,
    max: MAX_FINE_TUNE_STEPS,
    step: 25,
    label: 'Fine-tuning steps after pruning',
    doc: 'Adam steps of 64 training digits with the pruned weights held at 0 (0: none).',
  }),
  seed: intParam({
    default: 1,
    min: 1,
    max: 9999,
    label: 'Seed',
    doc: 'Seeds the fine-tune and the ticket experiment.',
  }),
  hidden: intParam({
    default: 32,
    min: 16,
    max: 128,
    step: 16,
    label: 'Ticket MLP hidden units',
    doc: 'Width of the one hidden layer of the lottery-ticket MLP.',
  }),
  steps: intParam({
    default: 100,
    min: 50,
    max: 400,
    step: 50,
    label: 'Ticket training steps per round',
    doc: 'Adam steps of 64 digits for each training run of the ticket experiment.',
  }),
  rounds: intParam({
    default: 4,
    min: 1,
    max: 6,
    label: 'Ticket pruning rounds',
    doc: 'Rounds of removing half of each layer’s remaining weights (the output layer to half that sparsity).',
  }),
});

export type PruneLabParams = ParamValues<typeof params>;

/** Which params each experiment uses (the controls shown). */
export const PRUNE_KEYS = ['experiment', 'model', 'structure', 'scope', 'sparsity', 'fineTune', 'seed'] as const;
export const TICKET_KEYS = ['experiment', 'hidden', 'steps', 'rounds', 'seed'] as const;
