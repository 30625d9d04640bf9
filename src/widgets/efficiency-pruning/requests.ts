/** The worker's requests for the lab's settings (page side and scripts alike). */
import type { PruneLabParams } from './params';
import type { PruneRequest, TicketRequest } from './protocol';

export function pruneRequest(v: PruneLabParams): PruneRequest {
  return {
    model: v.model === 'mlp' ? 'mlp' : 'cnn',
    structure: v.structure,
    scope: v.scope,
    sparsity: v.sparsity,
    fineTune: v.fineTune,
    seed: v.seed,
  };
}

export function ticketRequest(v: PruneLabParams): TicketRequest {
  return { hidden: v.hidden, steps: v.steps, rounds: v.rounds, seed: v.seed };
}
