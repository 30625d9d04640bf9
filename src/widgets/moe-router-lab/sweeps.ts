/**
 * The router-lab sweeps the lesson quotes, each a list of changes to the default settings. Recorded by
 * ./record.ts into static-run.json; the tests replay each entry's first steps.
 */
import type { RouterLabParams } from './params';

export const LAB_SWEEPS = {
  /** The balancing coefficient, with the defaults' four experts and with eight. */
  alpha: ['0', '0.001', '0.01', '0.1'].flatMap((alpha) => [{ alpha }, { alpha, experts: 8 }]),
  /** The capacity factor at the default settings. */
  capacity: [0.5, 1, 1.25, 2].map((capacityFactor) => ({ capacityFactor })),
  /** Seeds 1 to 6 at the default settings. */
  seeds: [1, 2, 3, 4, 5, 6].map((seed) => ({ seed })),
  /** The router z-loss at the default settings. */
  zLoss: ['0.001', '0.01', '0.1'].map((zLoss) => ({ zLoss })),
  /** Router noise without the balancing loss: can noise alone keep experts in use? */
  noise: [1, 2].map((noise) => ({ alpha: '0', noise })),
  /** Two experts per point. */
  topK: [{ topK: 2 }, { topK: 2, experts: 8 }],
} satisfies Record<string, Partial<RouterLabParams>[]>;
