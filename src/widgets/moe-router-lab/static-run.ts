/**
 * Records router-lab runs as plain numbers: the static figure's run of the default settings, and the
 * sweeps the lesson quotes (α and the capacity factor, several seeds). Used by the seeded script
 * (./record.ts) and by the tests that replay a prefix of each.
 */
import type { StepPoint } from '../../lib/runtime/protocol';
import { sha256HexSync } from '../../lib/sha256';
import { encodeFloat32 } from '../../lib/weights';
import { LAB_EVAL_EVERY, RouterLabSession, type LabEvaluation } from '../../ml/moe-router-lab';
import { labRunConfig } from './config';
import type { RouterLabParams } from './params';

/** Static figures keep one training-loss point in this many. */
const LOSS_EVERY = 10;
/** Steps after which a run's weights are hashed, for the replay tests. */
export const HASH_STEPS = 30;

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

export interface LabStaticRun {
  settings: RouterLabParams;
  steps: number;
  loss: StepPoint[];
  evalLoss: StepPoint[];
  accuracy: StepPoint[];
  cv: StepPoint[];
  dropped: StepPoint[];
  /** Regime purity of the expert map at each evaluation. */
  purity: StepPoint[];
  final: LabEvaluation;
  map: { res: number; expert: number[] };
  capacity: number;
  numParameters: number;
  /** sha256 of the float32 weights after HASH_STEPS steps. */
  hash: string;
}

export function weightsHash(session: RouterLabSession): string {
  return sha256HexSync(encodeFloat32(session.layer.variables.map((v) => v.dataSync())));
}

function roundEvaluation(e: LabEvaluation): LabEvaluation {
  return {
    ...e,
    loss: round(e.loss),
    accuracy: round(e.accuracy),
    f: e.f.map((x) => round(x)),
    P: e.P.map((x) => round(x)),
    cv: round(e.cv),
    balance: round(e.balance),
    entropy: round(e.entropy),
    dropped: round(e.dropped),
    tokensDropped: round(e.tokensDropped),
    purity: round(e.purity),
  };
}

/** A full run of these settings, with curves for a figure. */
export function recordLabRun(values: RouterLabParams, steps = values.steps): LabStaticRun {
  const session = new RouterLabSession(labRunConfig(values));
  try {
    const curves = {
      loss: [] as StepPoint[],
      evalLoss: [] as StepPoint[],
      accuracy: [] as StepPoint[],
      cv: [] as StepPoint[],
      dropped: [] as StepPoint[],
      purity: [] as StepPoint[],
    };
    let final = session.evaluate();
    const pushEval = (e: LabEvaluation) => {
      curves.evalLoss.push({ step: e.step, value: round(e.loss) });
      curves.accuracy.push({ step: e.step, value: round(e.accuracy) });
      curves.cv.push({ step: e.step, value: round(e.cv) });
      curves.dropped.push({ step: e.step, value: round(e.dropped) });
      curves.purity.push({ step: e.step, value: round(e.purity) });
    };
    pushEval(final);
    let hash = '';
    for (let i = 1; i <= steps; i++) {
      const s = session.trainStep();
      if (i % LOSS_EVERY === 0) curves.loss.push({ step: i, value: round(s.loss) });
      if (i === HASH_STEPS) hash = weightsHash(session);
      if (i % LAB_EVAL_EVERY === 0 || i === steps) {
        final = session.evaluate();
        pushEval(final);
      }
    }
    const map = session.expertMap();
    return {
      settings: values,
      steps,
      ...curves,
      final: roundEvaluation(final),
      map: { res: map.res, expert: map.expert },
      capacity: session.capacity,
      numParameters: session.numParameters,
      hash,
    };
  } finally {
    session.dispose();
  }
}

export interface SweepEntry {
  /** The settings that differ from the defaults. */
  change: Partial<RouterLabParams>;
  steps: number;
  final: LabEvaluation;
  hash: string;
}

/** The end of a run, for a sweep table (no curves). */
export function recordSweepEntry(defaults: RouterLabParams, change: Partial<RouterLabParams>): SweepEntry {
  const values = { ...defaults, ...change };
  const session = new RouterLabSession(labRunConfig(values));
  try {
    let hash = '';
    for (let i = 1; i <= values.steps; i++) {
      session.trainStep();
      if (i === HASH_STEPS) hash = weightsHash(session);
    }
    return { change, steps: values.steps, final: roundEvaluation(session.evaluate()), hash };
  } finally {
    session.dispose();
  }
}

/** What static-run.json holds: the default run, and the sweeps by name (see ./sweeps.ts). */
export interface LabRecord {
  run: LabStaticRun;
  sweeps: Record<string, SweepEntry[]>;
}

/** Replays the first HASH_STEPS steps of a recorded run and hashes the weights (the tests compare). */
export function replayHash(values: RouterLabParams): string {
  const session = new RouterLabSession(labRunConfig(values));
  try {
    for (let i = 0; i < HASH_STEPS; i++) session.trainStep();
    return weightsHash(session);
  } finally {
    session.dispose();
  }
}
