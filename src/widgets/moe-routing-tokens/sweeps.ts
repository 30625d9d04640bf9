/**
 * Routing-tokens runs the lesson quotes besides the default one, each a change to the default settings.
 * Recorded by ./record.ts into static-run.json; the tests replay their first steps.
 */
import type { RoutingTokensParams } from './params';

export const TOKENS_SWEEPS: Partial<RoutingTokensParams>[] = [{ alpha: '0' }, { alpha: '0.1' }, { topK: 2 }];
