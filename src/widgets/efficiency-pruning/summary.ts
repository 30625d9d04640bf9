/**
 * The pruning lab's one-sentence result for the aria-live region: the pruned model's sparsity, test
 * accuracy (before and after the fine-tune) against the unpruned model's, and its bytes dense and
 * sparse; or the lottery-ticket rounds measured so far.
 */
import { formatCount, formatPercent as pct } from '../../lib/format';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import type { TicketRow } from '../../ml/efficiency-pruning';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { PruneLabState } from './controller';
import type { PruneRequest } from './protocol';

export function methodLabel(r: Pick<PruneRequest, 'structure' | 'scope'>): string {
  if (r.structure === 'structured') return 'structured (whole units and filters)';
  return r.scope === 'global' ? 'unstructured, one global threshold' : 'unstructured, each layer alike';
}

export function describeTicket(rows: readonly TicketRow[], done: boolean): string {
  if (rows.length === 0) return 'Training the dense MLP of the lottery-ticket experiment…';
  const last = rows[rows.length - 1];
  const head = `${done ? 'Lottery ticket, all' : 'Lottery ticket so far,'} ${rows.length - 1} pruning round${rows.length === 2 ? '' : 's'}: dense ${pct(rows[0].rewound, 1)}`;
  if (rows.length === 1) return `${head}.`;
  return `${head}; at ${pct(last.sparsity, 1)} sparsity the rewound ticket reaches ${pct(last.rewound, 1)} and the re-initialised control ${pct(last.random, 1)}.`;
}

export function describePruneLab(s: PruneLabState & Pick<RuntimeState, 'error' | 'backend'>): string {
  if (s.error) return `Error: ${s.error}`;
  if (s.job === 'ticket') return describeTicket(s.ticket, s.ticketDone);
  if (!s.backend || (!s.result && s.phase !== 'running')) return 'Loading the model…';
  if (s.phase === 'running' || !s.result) return `Pruning: ${s.progress.step}.`;
  const r = s.result;
  const tuned = r.fineTuned
    ? `, ${pct(r.fineTuned.accuracy, 2)} after ${r.fineTuned.steps} fine-tuning steps`
    : ' without fine-tuning';
  return (
    `${ZOO_MODEL_LABELS[r.request.model]}, ${methodLabel(r.request)}, ${pct(r.sparsity, 1)} of the weights removed: ` +
    `test accuracy ${pct(r.pruned.accuracy, 2)}${tuned} (unpruned ${pct(r.float.accuracy, 2)}); ` +
    `${formatCount(r.denseBytes)} bytes dense, ${formatCount(r.sparseBytes)} stored sparse.`
  );
}
