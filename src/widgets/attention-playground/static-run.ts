/**
 * Records one full training run as plain numbers for the static figure. Used by the seeded script
 * (scripts/attention-playground-static.ts) and by the test that checks the committed file against it.
 */
import { EVAL_EVERY, TrainingSession } from '../../ml/training-session';
import type { StepPoint as Point } from '../../lib/runtime/protocol';
import type { PlaygroundParams } from './params';

/** Static figures keep one training-loss point in this many (the curve's shape survives; the file shrinks). */
const LOSS_EVERY = 5;

export interface StaticRun {
  steps: number;
  loss: Point[];
  evalLoss: Point[];
  accuracy: Point[];
  tokens: number[];
  expected: number[];
  generated: number[];
  /** [layer][head][query][key], rounded to 3 decimals. */
  attention: number[][][][];
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function recordStaticRun(p: PlaygroundParams, probe: number[], steps = p.steps): StaticRun {
  const session = new TrainingSession(p);
  try {
    const loss: Point[] = [];
    const evalLoss: Point[] = [];
    const accuracy: Point[] = [];
    const evaluate = () => {
      const e = session.evaluate();
      evalLoss.push({ step: e.step, value: round(e.loss, 4) });
      accuracy.push({ step: e.step, value: round(e.tokenAccuracy, 4) });
    };
    evaluate();
    for (let i = 1; i <= steps; i++) {
      const l = session.trainStep();
      if (i % LOSS_EVERY === 0) loss.push({ step: i, value: round(l, 4) });
      if (i % EVAL_EVERY === 0) evaluate();
    }
    const { tokens, expected, generated, attention } = session.probe(probe);
    return {
      steps,
      loss,
      evalLoss,
      accuracy,
      tokens,
      expected,
      generated,
      attention: attention.map((l) => l.map((h) => h.map((row) => row.map((w) => round(w, 3))))),
    };
  } finally {
    session.dispose();
  }
}
