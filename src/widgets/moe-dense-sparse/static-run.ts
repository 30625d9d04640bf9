/**
 * Records a dense-versus-sparse run as plain numbers for the static figure and the lesson: held-out
 * loss and accuracy against training FLOPs. Wall-clock times are left out: they are the machine's, not
 * the code's, and the widget measures them live. Used by ./record.ts and
 * by the tests that replay a prefix.
 */
import { sha256HexSync } from '../../lib/sha256';
import { encodeFloat32 } from '../../lib/weights';
import { DenseSparseSession, DS_EVAL_EVERY, type DenseSparseCounts } from '../../ml/moe-dense-sparse';
import { dsRunConfig } from './config';
import type { DenseSparseParams } from './params';
import type { CostPoint } from './protocol';

export const HASH_STEPS = 30;

const round = (x: number) => Number(x.toFixed(4));

export interface DsStaticRun {
  settings: DenseSparseParams;
  steps: number;
  /** seconds is 0 throughout: not recorded. */
  points: CostPoint[];
  counts: DenseSparseCounts;
  moeCv: number;
  moeDropped: number;
  hash: string;
}

export function dsWeightsHash(session: DenseSparseSession): string {
  return sha256HexSync(encodeFloat32([...session.dense.variables, ...session.moe.variables].map((v) => v.dataSync())));
}

export function recordDsRun(values: DenseSparseParams, steps = values.steps): DsStaticRun {
  const session = new DenseSparseSession(dsRunConfig(values));
  try {
    const points: CostPoint[] = [];
    let moeCv = 0;
    let moeDropped = 0;
    const evaluate = () => {
      const e = session.evaluate();
      const { denseStepFlops, moeStepFlops } = session.counts;
      points.push(
        {
          model: 'dense',
          step: e.step,
          flops: e.step * denseStepFlops,
          seconds: 0,
          loss: round(e.dense.loss),
          accuracy: round(e.dense.accuracy),
        },
        {
          model: 'moe',
          step: e.step,
          flops: e.step * moeStepFlops,
          seconds: 0,
          loss: round(e.moe.loss),
          accuracy: round(e.moe.accuracy),
        },
      );
      moeCv = round(e.moe.cv);
      moeDropped = round(e.moe.dropped);
    };
    evaluate();
    let hash = '';
    for (let i = 1; i <= steps; i++) {
      session.trainStep();
      if (i === HASH_STEPS) hash = dsWeightsHash(session);
      if (i % DS_EVAL_EVERY === 0 || i === steps) evaluate();
    }
    return { settings: values, steps, points, counts: session.counts, moeCv, moeDropped, hash };
  } finally {
    session.dispose();
  }
}

export function replayDsHash(values: DenseSparseParams): string {
  const session = new DenseSparseSession(dsRunConfig(values));
  try {
    for (let i = 0; i < HASH_STEPS; i++) session.trainStep();
    return dsWeightsHash(session);
  } finally {
    session.dispose();
  }
}
