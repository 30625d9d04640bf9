/**
 * The leakage lab's training runs (the Worker steps them on a SlicedRunner; tests and the seeded script
 * drain them): one zoo architecture trained from its recipe on a protocol's train split
 * (src/math/evaluation-leakage.ts), then scored on the protocol's own test split and on the clean
 * held-out digits. The gap between the two is the inflation a leak causes.
 */
import type { DigitSplit } from '../math/digit-split';
import {
  collectSet,
  LEAK_PROTOCOLS,
  prepareProtocol,
  type LeakModel,
  type LeakProtocolId,
  type PreparedProtocol,
  type Protocol,
} from '../math/evaluation-leakage';

export { LEAK_FIXES, LEAK_PROTOCOLS, type LeakModel, type LeakProtocolId } from '../math/evaluation-leakage';
import { DIGIT_CLASSES } from '../math/zoo';
import { evaluateSplit } from './zoo/evaluation';
import { ZOO_RECIPES } from './zoo/recipes';
import { ZooTrainingSession } from './zoo/training';

export interface LeakSettings {
  model: LeakModel;
  sources: number;
  copies: number;
  steps: number;
  seed: number;
}

/** Held-out digits: 100 of each class, after the collected ones in the zoo's training split. */
export const HELD_OUT = 1000;

/** The collected set and the held-out set for these settings (seeded). */
export function leakData(train: DigitSplit, s: Pick<LeakSettings, 'sources' | 'copies' | 'seed'>) {
  return {
    collected: collectSet(train, s.sources, s.copies, s.seed),
    heldOut: collectSet(train, HELD_OUT, 1, s.seed + 1, false, s.sources / DIGIT_CLASSES),
  };
}

/** Every protocol of LEAK_PROTOCOLS trained and scored (tests, the seeded script). */
export function runLeakStudy(train: DigitSplit, s: LeakSettings): Record<LeakProtocolId, LeakResult> {
  const { collected, heldOut } = leakData(train, s);
  const out = {} as Record<LeakProtocolId, LeakResult>;
  for (const p of LEAK_PROTOCOLS) out[p.id] = runProtocol(p, prepareProtocol(collected, heldOut, p, s.seed), s);
  return out;
}

export interface LeakResult {
  protocol: Protocol;
  trainCount: number;
  testCount: number;
  /** Test images with a near-duplicate (same source digit) in the training split. */
  testWithSiblingInTrain: number;
  trainAccuracy: number;
  testAccuracy: number;
  heldOutAccuracy: number;
  /** testAccuracy - heldOutAccuracy. */
  inflation: number;
}

/** One protocol's run: `steps` optimiser steps of the model's recipe (constant rate), then its scores. */
export class LeakageRun {
  private readonly session: ZooTrainingSession;
  constructor(
    readonly protocol: Protocol,
    private readonly data: PreparedProtocol,
    o: { model: LeakModel; seed: number },
  ) {
    const recipe = ZOO_RECIPES.find((r) => r.name === o.model)!.options;
    this.session = new ZooTrainingSession(
      {
        architecture: recipe.architecture,
        seed: o.seed,
        batchSize: Math.min(recipe.batchSize, data.train.count),
        learningRate: recipe.learningRate,
      },
      data.train,
    );
  }

  step(): void {
    this.session.trainStep();
  }

  get steps(): number {
    return this.session.steps;
  }

  result(): LeakResult {
    const acc = (s: PreparedProtocol['test']) => (s.count ? evaluateSplit(this.session.model, s).accuracy : NaN);
    const testAccuracy = acc(this.data.test);
    const heldOutAccuracy = acc(this.data.heldOut);
    return {
      protocol: this.protocol,
      trainCount: this.data.train.count,
      testCount: this.data.test.count,
      testWithSiblingInTrain: this.data.testWithSiblingInTrain,
      trainAccuracy: acc(this.data.train),
      testAccuracy,
      heldOutAccuracy,
      inflation: testAccuracy - heldOutAccuracy,
    };
  }

  dispose(): void {
    this.session.dispose();
  }
}

/** Trains and scores one protocol to the end (tests, scripts). */
export function runProtocol(
  protocol: Protocol,
  data: PreparedProtocol,
  o: { model: LeakModel; seed: number; steps: number },
): LeakResult {
  const run = new LeakageRun(protocol, data, o);
  try {
    for (let i = 0; i < o.steps; i++) run.step();
    return run.result();
  } finally {
    run.dispose();
  }
}
