/**
 * The digit zoo's shared commands and events, beside the runtime's (src/lib/runtime/protocol.ts): what
 * any chapter widget's page sends its worker to evaluate a zoo model on a split, classify one digit, or
 * train a model live, and what comes back. A chapter's protocol.ts adds these to its own:
 *
 *   export type Command = ZooCommand | { type: 'my-thing'; ... };
 *   export type WorkerEvent = ZooEvent | { type: 'my-result'; ... };
 *
 * The worker side is ZooKit.handle (kit.ts); the page side folds the events with foldZooEvent
 * (zoo-state.ts). Plain data only (structured clone); typed arrays are transferred.
 *
 * Each kind of job is a lane of its own (ZOO_LANES, for WorkerController.startRun): a new evaluation
 * replaces older evaluations only, so a digit being classified or a model training is left alone. The
 * worker still computes one long job at a time (runs share the worker server's one current run):
 * starting an evaluation pauses training, and Train stops an evaluation in progress (its view then
 * says "cancelled").
 */
import type { InRun, StepPoint } from '../../lib/runtime/protocol';
import type { RunnerPhase, RunnerState } from '../../lib/runtime/sliced-runner';
import type { SplitName } from '../../math/digit-split';
import type { PgdSettings, ZooModelName } from '../../math/zoo';

/** A shipped model by name, or the model this worker trains live ('trained'). */
export type ZooModelRef = ZooModelName | 'trained';

/** Lanes of the zoo's jobs (WorkerController.startRun's second argument). */
export const ZOO_LANES = { evaluation: 'zoo-evaluation', input: 'zoo-input', training: 'zoo-training' } as const;

export interface EvaluateRequest {
  model: ZooModelRef;
  split: SplitName;
  /** A range of the split (default: all of it). */
  start?: number;
  count?: number;
  batchSize?: number;
  /** Score the PGD adversaries of the digits instead (src/ml/zoo/attacks.ts); the seed draws random starts. */
  attack?: { settings: PgdSettings; seed: number };
}

/** A digit to classify: a test digit by its index in the test split, or 784 pixels (a preprocessed drawing). */
export type DigitRequest = { kind: 'test'; index: number } | { kind: 'pixels'; pixels: Float32Array };

export interface TrainRequest {
  /** Whose recipe (src/ml/zoo/recipes.ts): architecture, optimiser, augmentation, adversarial training. */
  model: ZooModelName;
  /** From the seed's initial weights, or from the shipped weights (fine-tuning). */
  from: 'scratch' | 'shipped';
  /** Step budget (batches of 64). */
  steps: number;
  seed: number;
  /** Overrides the recipe's initial learning rate (e.g. smaller to fine-tune). */
  learningRate?: number;
  /** Held-out accuracy on the validation split every this many steps (default: a tenth of the budget, at least 10). */
  validationEvery?: number;
}

export type ZooCommand =
  | ({ type: 'zoo-evaluate'; request: EvaluateRequest } & InRun)
  | ({ type: 'zoo-classify'; model: ZooModelRef; digit: DigitRequest } & InRun)
  /** A new live-training run (any older one is disposed); then the runtime's play / step drive it. */
  | ({ type: 'zoo-train'; request: TrainRequest } & InRun)
  | { type: 'play' }
  | { type: 'step' };

/** A file on its way (the first use of a split or of weights). */
export interface LoadingInfo {
  file: string;
  loaded: number;
  total: number | null;
}

export interface EvaluationProgressInfo {
  /** loading: files on their way; running: batches being scored; cancelled: stopped for good. */
  phase: 'loading' | RunnerPhase;
  request: EvaluateRequest;
  done: number;
  total: number;
  correct: number;
  computeMs: number;
  loading: LoadingInfo | null;
}

/** An evaluation's result as it crosses to the page: numbers, and every digit's arrays (transferred). */
export interface EvaluationResult {
  request: EvaluateRequest;
  count: number;
  correct: number;
  accuracy: number;
  perClass: number[];
  /** confusion[true][predicted]. */
  confusion: number[][];
  nll: number;
  ece: number;
  /** Milliseconds spent scoring, and from the command's arrival to the result (loading included). */
  computeMs: number;
  wallMs: number;
  labels: Uint8Array;
  predictions: Uint8Array;
  /** count × 10, row by row. */
  probabilities: Float32Array;
  logits: Float32Array;
  /** What the manifest records for this model on the test split (null for other splits and models). */
  manifest: { accuracy: number; correct: number; count: number } | null;
}

export interface ClassifyResult {
  model: ZooModelRef;
  digit: DigitRequest['kind'];
  /** The test digit's index, or null for pixels. */
  index: number | null;
  /** The 784 pixels the model received. */
  pixels: Float32Array;
  /** The test digit's label (null for pixels). */
  label: number | null;
  /** Class probabilities (softmax of the logits). */
  probabilities: number[];
}

/** A training run's report (see trainer.ts TrainingSnapshot), with the run's request. */
export interface TrainingReport {
  request: TrainRequest;
  progress: RunnerState;
  epoch: number;
  learningRate: number;
  newLoss: StepPoint[];
  newBatchAccuracy: StepPoint[];
  newValidation: StepPoint[];
  newValidationNll: StepPoint[];
  evalMs: number;
  numParameters: number;
}

export type ZooEvent =
  | ({ type: 'zoo-evaluation'; progress: EvaluationProgressInfo } & InRun)
  | ({ type: 'zoo-evaluated'; result: EvaluationResult } & InRun)
  | ({ type: 'zoo-classified'; result: ClassifyResult } & InRun)
  | ({ type: 'zoo-training-loading'; request: TrainRequest; loading: LoadingInfo } & InRun)
  | ({ type: 'zoo-training'; report: TrainingReport } & InRun);

/** True for the zoo's own events (a chapter's receive hands them to foldZooEvent). */
export function isZooEvent(event: { type: string }): event is ZooEvent {
  return event.type.startsWith('zoo-');
}
