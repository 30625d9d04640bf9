/**
 * The messages every model widget's page and Worker exchange, whatever the widget: the runtime's own
 * commands and events, around which each widget adds its commands and events. Plain data only: they
 * cross the thread boundary by structured clone.
 *
 * Runs. A run is one stream of output the page shows: a model being built and trained, a sampling
 * job. The page numbers its runs (1, 2, 3, ... per widget) and puts the number on the command that
 * starts one; the worker puts it on every event that run produces. The page drops every event of a
 * run that a newer one replaced: a new model replaces everything; a new job on the same model (a lane,
 * such as sampling) replaces that lane's earlier jobs only. That is the only way stale output is
 * dropped, for every widget (src/lib/runtime/worker-controller.ts).
 */
import type { BackendName } from '../backend-choice';

export interface Typed {
  type: string;
}

/** Commands the runtime handles itself. */
export type RuntimeCommand =
  /** Load tfjs with the first of `backends` that starts; `baseUrl` is the site's base, for weights. */
  | { type: 'init'; backends: BackendName[]; baseUrl: string }
  /** Stop the current run where it is (Pause, Stop). */
  | { type: 'abort' };

/** Events the runtime posts itself. */
export type RuntimeEvent =
  | { type: 'backend'; backend: BackendName; fallbacks: string[] }
  /** tf.memory() after each command and run: flat across runs, or something leaks. */
  | { type: 'memory'; numTensors: number; numBytes: number }
  /** A failure, with the run it belongs to when it belongs to one. */
  | { type: 'error'; message: string; run?: number };

/** A widget's command or event that belongs to a run. */
export interface InRun {
  run: number;
}

/** One point of any curve a widget draws: loss by step, accuracy by step, quality by step. */
export interface StepPoint {
  step: number;
  value: number;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
