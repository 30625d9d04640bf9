/**
 * Messages between the backdoor lab's page code (controller.ts) and its Worker (worker.ts): the zoo's
 * shared commands, the lab's run (poison the training split, retrain, score, check) and the stamp (one
 * digit through the backdoored model, without and with the trigger).
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { RunnerPhase } from '../../lib/runtime/sliced-runner';
import type { BackdoorModel, DetectionResult } from '../../math/security-backdoor';
import type { BackdoorScores } from '../../ml/security-backdoor';
import type { DigitRequest, LoadingInfo, ZooCommand, ZooEvent } from '../zoo-shared/protocol';

export interface BackdoorRequest {
  model: BackdoorModel;
  /** The trigger's text form (src/math/security-backdoor.ts parseTrigger). */
  trigger: string;
  target: number;
  /** Share of the training split poisoned, in [0, 0.1]. */
  rate: number;
  steps: number;
  seed: number;
}

export interface BackdoorProgress {
  phase: 'loading' | 'checking' | RunnerPhase;
  request: BackdoorRequest;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  /** Poisoned training digits (known once the split is poisoned). */
  poisoned: number;
  loading: LoadingInfo | null;
}

export interface BackdoorResult extends BackdoorScores {
  request: BackdoorRequest;
  poisoned: number;
  detection: DetectionResult;
  /** Milliseconds spent training, and scoring plus checking. */
  trainMs: number;
  checkMs: number;
}

export interface StampResult {
  /** The request of the model that answered. */
  request: BackdoorRequest;
  digit: DigitRequest['kind'];
  /** The digit and the digit with the trigger stamped (784 pixels each). */
  pixels: Float32Array;
  stamped: Float32Array;
  /** The test digit's label (null for a drawing). */
  label: number | null;
  before: number[];
  after: number[];
}

export type Command =
  | ZooCommand
  | ({ type: 'backdoor-run'; request: BackdoorRequest } & InRun)
  | ({ type: 'backdoor-stamp'; digit: DigitRequest } & InRun);

export type WorkerEvent =
  | ZooEvent
  | ({ type: 'backdoor-progress'; progress: BackdoorProgress } & InRun)
  | ({ type: 'backdoor-result'; result: BackdoorResult } & InRun)
  | ({ type: 'backdoor-stamped'; result: StampResult } & InRun);

export const RUN_LANE = 'backdoor-run';
export const STAMP_LANE = 'backdoor-stamp';
