/**
 * Messages between the distillation lab's page code (controller.ts) and its Worker (worker.ts). One
 * command: train two students of one seed on the transfer set, one on the hard labels and one on the
 * teacher's soft targets, and score both and the teacher.
 */
import type { InRun } from '../../lib/runtime/protocol';

export interface DistillRequest {
  /** The student: an MLP 784 → hidden → 10. */
  hidden: number;
  /** Digits of the transfer set (the first of the training split, the held-out class skipped). */
  transfer: number;
  steps: number;
  temperature: number;
  /** λ, the soft targets' weight in the distilled student's loss. */
  alpha: number;
  /** A class left out of the transfer set, or −1 for none. */
  holdOut: number;
  seed: number;
}

export interface ScoredModel {
  accuracy: number;
  correct: number;
  ece: number;
  nll: number;
  perClass: number[];
}

export interface StudentResult extends ScoredModel {
  /** With a class held out: its test accuracy as trained, and after the bias correction chosen on validation. */
  heldOut: { raw: number; corrected: number; delta: number; correctedAccuracy: number } | null;
}

export interface DistillResult {
  request: DistillRequest;
  count: number;
  transferCount: number;
  teacher: ScoredModel;
  hard: StudentResult;
  soft: StudentResult;
  studentParameters: number;
  teacherParameters: number;
}

export type Command = { type: 'distill'; request: DistillRequest } & InRun;

export type WorkerEvent =
  | ({ type: 'distill-progress'; step: string; done: number; total: number } & InRun)
  | ({ type: 'distilled'; result: DistillResult } & InRun);
