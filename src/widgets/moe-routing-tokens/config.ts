/** Routing tokens' settings as the worker's session takes them. */
import { coefficientValue } from '../moe-shared/coefficients';
import type { RoutingTokensParams } from './params';
import type { TokensRunConfig } from './protocol';

export function tokensRunConfig(v: RoutingTokensParams): TokensRunConfig {
  return {
    task: v.task,
    length: v.length,
    layers: v.layers,
    experts: v.experts,
    topK: v.topK,
    alpha: coefficientValue(v.alpha),
    capacityFactor: v.capacityFactor,
    lr: v.lr,
    seed: v.seed,
    steps: v.steps,
  };
}
