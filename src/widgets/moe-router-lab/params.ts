import { choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';
import { coefficientOptions } from '../moe-shared/coefficients';

/**
 * State of the router lab. The bounds cap the compute: at most 16 experts of 2 → 8 → 2 on batches of 256
 * points, and 3,000 steps (about 30 s on wasm).
 *
 * Defaults: four experts for the four regimes; α = 0.1, because with this task's small loss and 256-point
 * batches Switch's α = 0.01 leaves an expert idle (the sweeps in static-run.json);
 * seed 3, one of the five seeds in six (2 to 6) whose router gives each regime its own expert (seed 1's
 * splits one regime between two experts: the lesson's seed exercise).
 */
export const params = defineParams({
  regimes: choiceParam({
    default: '4',
    options: ['4', '9', '16'],
    optionLabels: { '4': '4 (2 × 2)', '9': '9 (3 × 3)', '16': '16 (4 × 4)' },
    label: 'Regimes',
    doc: 'Cells of the square, each with its own rule for the class.',
  }),
  experts: intParam({
    default: 4,
    min: 2,
    max: 16,
    label: 'Experts N',
    doc: 'Small MLPs (2 → 8 → 2) the router chooses from.',
  }),
  topK: intParam({
    default: 1,
    min: 1,
    max: 4,
    label: 'Experts per point k',
    doc: 'Top-k routing: 1 as in Switch, 2 as in GShard and Mixtral.',
  }),
  alpha: choiceParam({
    default: '0.1',
    options: coefficientOptions([0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1]),
    label: 'Balancing coefficient α',
    doc: 'Weight of the load-balancing loss α N Σ f_i P_i; 0 turns it off.',
  }),
  zLoss: choiceParam({
    default: '0',
    options: coefficientOptions([0, 0.0001, 0.001, 0.01, 0.1]),
    label: 'Router z-loss coefficient',
    doc: 'Weight of the z-loss, the mean of (log Σ exp logits)²; ST-MoE uses 0.001.',
  }),
  capacityFactor: numberParam({
    default: 1.25,
    min: 0.5,
    max: 2,
    step: 0.05,
    label: 'Capacity factor',
    doc: 'Each expert takes at most capacity factor × k × 256 / N points per batch; the rest are dropped.',
  }),
  noise: numberParam({
    default: 0,
    min: 0,
    max: 2,
    step: 0.1,
    label: 'Router noise σ',
    doc: 'Gaussian noise added to the router logits while training (not at evaluation).',
  }),
  lr: numberParam({
    default: 0.01,
    min: 0.001,
    max: 0.03,
    step: 0.001,
    scale: 'log',
    digits: 1,
    label: 'Learning rate',
    doc: 'Adam step size.',
  }),
  steps: intParam({ default: 1000, min: 100, max: 3000, step: 100, label: 'Training steps', doc: 'Step budget.' }),
  seed: intParam({
    default: 3,
    min: 0,
    max: 99999,
    label: 'Seed',
    doc: 'Fixes the data, the initial weights and the noise.',
  }),
});

export type RouterLabParams = ParamValues<typeof params>;
