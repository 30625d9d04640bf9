/**
 * Messages between a code cell's page code (controller.ts) and its sandbox Worker (worker.ts), beside
 * the runtime's own (src/lib/runtime/protocol.ts). `configure` loads the lesson's bindings and then
 * locks the network away for good; each `run` is one Run of the reader's code.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { BindingSet } from './binding-docs';
import type { RunResult } from './output';

export type Command = { type: 'configure'; sets: BindingSet[] } | ({ type: 'run'; code: string } & InRun);

export type WorkerEvent =
  /** Bindings loaded and the sandbox locked: `refused` names what lockDown took off the global. */
  { type: 'configured'; names: string[]; refused: string[] } | ({ type: 'result'; result: RunResult } & InRun);
