/**
 * The views of widgets that build a model from their settings share two rules, kept here once:
 *
 * - a new model whenever a setting that shapes it changes, debounced (a dragged slider sends one
 *   `configure`, not forty), and never while the settings have a problem the reader must fix first;
 * - a settings problem counts as an answer: the widget is `ready` (with its message) once the worker
 *   has started, rather than `loading` for ever, which tests and readers would both wait on.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { WidgetStatus } from '../runtime/status';

/** Debounce of reconfiguring after a settings change. */
export const RECONFIGURE_DELAY_MS = 150;

/**
 * Calls `configure` (its latest version) RECONFIGURE_DELAY_MS after `key` changes, unless there is a
 * `problem` or no controller yet (`configure` null).
 */
export function useReconfigure(key: string, problem: string | null, configure: (() => void) | null): void {
  const latest = useRef(configure);
  latest.current = configure;
  const ready = configure !== null;
  useEffect(() => {
    if (problem || !ready) return;
    const timer = setTimeout(() => latest.current?.(), RECONFIGURE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, problem, ready]);
}

/** The worker's status, except that a settings problem on a started worker is a ready answer. */
export function statusWithProblem(status: WidgetStatus, problem: string | null, started: boolean): WidgetStatus {
  return status === 'loading' && problem && started ? 'ready' : status;
}
