/**
 * Records a routing-tokens run as plain numbers for the static figure: curves, the held-out routing
 * tables and the seed's example question routed. Used by ./record.ts and by
 * the tests that replay a prefix.
 */
import type { StepPoint } from '../../lib/runtime/protocol';
import { sha256HexSync } from '../../lib/sha256';
import { encodeFloat32 } from '../../lib/weights';
import { defaultProbe } from '../../math/seeds';
import {
  MOE_TRANSFORMER,
  MoeTransformerSession,
  type TokenEvaluation,
  type TokenProbe,
} from '../../ml/moe-transformer';
import { tokensRunConfig } from './config';
import type { RoutingTokensParams } from './params';

export const HASH_STEPS = 10;
const LOSS_EVERY = 5;
const round = (x: number, d = 4) => Number(x.toFixed(d));

export interface TokensStaticRun {
  settings: RoutingTokensParams;
  steps: number;
  loss: StepPoint[];
  evalLoss: StepPoint[];
  accuracy: StepPoint[];
  final: TokenEvaluation;
  probe: TokenProbe;
  numParameters: number;
  activeParameters: number;
  capacity: number;
  hash: string;
}

export function tokensWeightsHash(session: MoeTransformerSession): string {
  return sha256HexSync(encodeFloat32(session.model.trainableVariables.map((v) => v.dataSync())));
}

const roundRows = (m: number[][][]) => m.map((l) => l.map((r) => r.map((x) => round(x, 3))));

export function recordTokensRun(values: RoutingTokensParams, steps = values.steps): TokensStaticRun {
  const session = new MoeTransformerSession(tokensRunConfig(values));
  try {
    const loss: StepPoint[] = [];
    const evalLoss: StepPoint[] = [];
    const accuracy: StepPoint[] = [];
    let final = session.evaluate();
    const push = (e: TokenEvaluation) => {
      evalLoss.push({ step: e.step, value: round(e.loss) });
      accuracy.push({ step: e.step, value: round(e.tokenAccuracy) });
    };
    push(final);
    let hash = '';
    for (let i = 1; i <= steps; i++) {
      const s = session.trainStep();
      if (i % LOSS_EVERY === 0) loss.push({ step: i, value: round(s.loss) });
      if (i === HASH_STEPS) hash = tokensWeightsHash(session);
      if (i % MOE_TRANSFORMER.evalEvery === 0 || i === steps) {
        final = session.evaluate();
        push(final);
      }
    }
    const probe = session.probe(defaultProbe(values.seed, values.length));
    return {
      settings: values,
      steps,
      loss,
      evalLoss,
      accuracy,
      final: {
        ...final,
        loss: round(final.loss),
        tokenAccuracy: round(final.tokenAccuracy),
        f: final.f.map((r) => r.map((x) => round(x))),
        cv: final.cv.map((x) => round(x)),
        dropped: final.dropped.map((x) => round(x)),
        byToken: roundRows(final.byToken),
        byPosition: roundRows(final.byPosition),
      },
      probe: { ...probe, gates: roundRows(probe.gates), probs: roundRows(probe.probs) },
      numParameters: session.model.numParameters,
      activeParameters: session.model.activeParameters,
      capacity: session.capacity,
      hash,
    };
  } finally {
    session.dispose();
  }
}

export function replayTokensHash(values: RoutingTokensParams): string {
  const session = new MoeTransformerSession(tokensRunConfig(values));
  try {
    for (let i = 0; i < HASH_STEPS; i++) session.trainStep();
    return tokensWeightsHash(session);
  } finally {
    session.dispose();
  }
}

/** What static-run.json holds: the default run, and runs with one setting changed (see ./sweeps.ts). */
export interface TokensRecord {
  run: TokensStaticRun;
  sweeps: { change: Partial<RoutingTokensParams>; run: TokensStaticRun }[];
}
