/**
 * How each shipped zoo model is trained: the exact session options scripts/zoo-train.ts uses (and
 * records in the manifest), so a Worker can retrain any of them from scratch with the same code. Plain
 * data; settings chosen on the validation split only (the test split scores the result, once).
 */
import type { PgdSettings, ZooArchitecture, ZooModelName } from '../../math/zoo';
import type { ZooTrainingOptions } from './training';

export interface ZooRecipe {
  name: ZooModelName;
  title: string;
  /** Passes over the 7,000 training digits. */
  epochs: number;
  options: ZooTrainingOptions;
}

/** Steps per epoch for a training split of `count` digits (the last partial batch is skipped). */
export const stepsPerEpoch = (count: number, batchSize: number) => Math.floor(count / batchSize);

export const ZOO_TRAIN_COUNT = 7000;
const BATCH = 64;
const STEPS = stepsPerEpoch(ZOO_TRAIN_COUNT, BATCH);

export const CNN_ARCHITECTURE: ZooArchitecture = { kind: 'cnn', kernel: 3, filters: [16, 32], dense: 64 };

/** The attack every robustness number of the zoo is measured with (Madry et al. 2018's MNIST setting). */
export const ZOO_PGD_EVALUATION: PgdSettings = { epsilon: 0.3, steps: 40, stepSize: 0.01, randomStart: true };

function recipe(
  name: ZooModelName,
  title: string,
  epochs: number,
  options: Omit<ZooTrainingOptions, 'schedule' | 'batchSize' | 'seed'> & { finalFraction: number },
): ZooRecipe {
  const { finalFraction, ...rest } = options;
  return {
    name,
    title,
    epochs,
    options: { ...rest, seed: 1, batchSize: BATCH, schedule: { totalSteps: epochs * STEPS, finalFraction } },
  };
}

export const ZOO_RECIPES: ZooRecipe[] = [
  recipe('softmax', 'Softmax regression', 10, {
    architecture: { kind: 'softmax' },
    learningRate: 0.01,
    finalFraction: 0.05,
  }),
  recipe('mlp', 'MLP', 30, {
    architecture: { kind: 'mlp', hidden: [128] },
    learningRate: 0.002,
    finalFraction: 0.02,
    maxShift: 1,
  }),
  recipe('cnn', 'CNN', 12, {
    architecture: CNN_ARCHITECTURE,
    learningRate: 0.002,
    finalFraction: 0.02,
    maxShift: 2,
  }),
  recipe('robust-cnn', 'Adversarially trained CNN', 12, {
    architecture: CNN_ARCHITECTURE,
    learningRate: 0.002,
    finalFraction: 0.02,
    maxShift: 1,
    adversarial: { epsilon: 0.3, steps: 7, stepSize: 0.1, randomStart: true, rampSteps: 2 * STEPS },
  }),
];
