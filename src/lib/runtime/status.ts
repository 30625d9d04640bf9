/**
 * The widget contract's status, derived in one place from plain facts: the root's data-status that
 * tests, the bench and CSS read. `loading` covers everything before the widget can answer (tfjs,
 * weights, a model being built); `running` is long work in progress; an error wins over everything.
 */
export type WidgetStatus = 'loading' | 'ready' | 'running' | 'error';

export interface StatusFacts {
  error: string | null;
  /** False until tfjs (or whatever the widget needs first) has started. */
  started: boolean;
  /** Something the reader waits for before the widget can answer (weights, a model). */
  loading: boolean;
  running: boolean;
}

export function deriveStatus(f: StatusFacts): WidgetStatus {
  if (f.error) return 'error';
  if (!f.started || f.loading) return 'loading';
  return f.running ? 'running' : 'ready';
}
