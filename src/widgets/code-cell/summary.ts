/**
 * The code cell's one-sentence status for its aria-live region: what the last Run did, in numbers.
 */
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import type { CellState } from './controller';

export interface SummaryFacts {
  /** True when the code shown came from the link (and has not run yet). */
  fromLink: boolean;
  limitSeconds: number;
}

const s = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeCell(state: CellState & Pick<RuntimeState, 'error' | 'backend'>, facts: SummaryFacts): string {
  if (state.error) return `Error: ${state.error}`;
  if (state.phase === 'starting') return 'Loading the sandbox…';
  if (state.phase === 'restarting') {
    return state.stopped
      ? `${state.stopped.reason === 'limit' ? `Stopped at the time limit of ${facts.limitSeconds} s` : `Stopped after ${(state.stopped.afterMs / 1000).toFixed(1)} s`}; starting a fresh sandbox…`
      : 'Starting a fresh sandbox…';
  }
  if (state.phase === 'running') return 'Running…';
  if (state.stopped) {
    return state.stopped.reason === 'limit'
      ? `Stopped at the time limit of ${facts.limitSeconds} s. The sandbox was replaced; press Run to try again.`
      : `Stopped after ${(state.stopped.afterMs / 1000).toFixed(1)} s. The sandbox was replaced; press Run to try again.`;
  }
  const r = state.result;
  if (!r) {
    return facts.fromLink
      ? 'This cell holds code from the link; it has not run. Read it, then press Run.'
      : `Ready on ${state.backend}. Press Run (Ctrl+Enter) to run the code.`;
  }
  const error = r.outputs.find((o) => o.kind === 'error');
  const charts = r.outputs.filter((o) => o.kind === 'plot').length;
  const printed = r.outputs.filter((o) => o.kind === 'text' || o.kind === 'table').length;
  const time = `${Math.max(1, Math.round(state.lastRunMs ?? r.durationMs))} ms`;
  if (error && error.kind === 'error') {
    return `Run ${state.runs} failed after ${time}: ${error.name}${error.line ? ` on line ${error.line}` : ''}: ${error.message}`;
  }
  return `Run ${state.runs} finished in ${time}: ${s(printed, 'output')}${charts ? `, ${s(charts, 'chart')}` : ''}; ${s(r.memory.disposedTensors, 'tensor')} disposed after it${r.memory.leaked ? `, ${r.memory.leaked} left over` : ''}.`;
}
