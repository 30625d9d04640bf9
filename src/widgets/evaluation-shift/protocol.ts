/**
 * Messages between the shift lab's page code and its Worker. The page asks for a study (model,
 * corruption, severity, seed): the worker scores the clean test digits once per model and the shifted
 * ones at every severity of the curve (batched, with progress), and answers with the curve, the chosen
 * severity's ROC curves and a strip of its images. It also classifies one digit (a shifted test digit or
 * a drawing) and says where that digit's scores fall among the clean test digits'.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { ShiftMeasure } from '../../math/evaluation-ood';
import type { RocPoint } from '../../math/evaluation-roc';
import type { Corruption } from '../../math/evaluation-shift';
import type { ZooModelName } from '../../math/zoo';

export interface ShiftRequest {
  model: ZooModelName;
  corruption: Corruption;
  severity: number;
  seed: number;
}

export interface ShiftCurvePoint extends ShiftMeasure {
  severity: number;
}

export interface ShiftStudy {
  request: ShiftRequest;
  /** The clean test digits' accuracy, mean confidence and ECE. */
  clean: { accuracy: number; meanConfidence: number; ece: number };
  /** Every severity of the curve, the chosen one included, in order. */
  curve: ShiftCurvePoint[];
  /** At the chosen severity. */
  point: ShiftCurvePoint;
  roc: { msp: RocPoint[]; energy: RocPoint[] };
  /** The first shifted images (784 u8 each) and their labels. */
  samples: { pixels: Uint8Array; label: number }[];
  computeMs: number;
}

export type DigitToClassify = { kind: 'test'; index: number } | { kind: 'pixels'; pixels: Float32Array };

export interface ShiftClassification {
  request: ShiftRequest;
  digit: DigitToClassify['kind'];
  /** The 784 pixels (0 … 1) the model got. */
  pixels: Float32Array;
  /** The test digit's label; null for a drawing. */
  label: number | null;
  probabilities: number[];
  msp: number;
  energy: number;
  /** Share of the clean test digits this digit's score is above (mid-rank). */
  mspPercentile: number;
  energyPercentile: number;
}

export type Command =
  | ({ type: 'shift-study'; request: ShiftRequest } & InRun)
  | ({ type: 'shift-classify'; request: ShiftRequest; digit: DigitToClassify } & InRun);

export type WorkerEvent =
  /** Scoring: images done of the study's total (every severity still to score). */
  | ({ type: 'shift-scoring'; request: ShiftRequest; done: number; total: number } & InRun)
  | ({ type: 'shift-study'; study: ShiftStudy } & InRun)
  | ({ type: 'shift-classified'; result: ShiftClassification } & InRun);
