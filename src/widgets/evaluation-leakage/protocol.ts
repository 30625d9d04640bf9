/**
 * Messages between the leakage lab's page code and its Worker. The page asks for a study at its settings;
 * the worker builds the collected and held-out digits, trains one model per protocol (batched on a
 * SlicedRunner, so progress and a newer request get through) and posts each protocol's scores as it
 * finishes.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { LeakProtocolId, LeakResult, LeakSettings } from '../../ml/evaluation-leakage';

export type Command = { type: 'leak-study'; settings: LeakSettings } & InRun;

export type WorkerEvent =
  | ({
      type: 'leak-progress';
      settings: LeakSettings;
      /** Steps done over all protocols, of the total; the protocol training now. */
      done: number;
      total: number;
      protocol: LeakProtocolId;
      stepsPerSecond: number;
    } & InRun)
  | ({ type: 'leak-result'; settings: LeakSettings; id: LeakProtocolId; result: LeakResult } & InRun)
  | ({ type: 'leak-done'; settings: LeakSettings; computeMs: number } & InRun);
