/**
 * Messages between the robustness curve's page code and its Worker: the zoo's shared commands, and the
 * curve: every (attack, ε) cell over a range of test digits, batch by batch, with progress.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { RunnerPhase } from '../../lib/runtime/sliced-runner';
import type { RobustnessPoint, RobustnessSettings } from '../../ml/security-robustness';
import type { ZooModelName } from '../../math/zoo';
import type { LoadingInfo, ZooCommand, ZooEvent } from '../zoo-shared/protocol';

export interface CurveRequest {
  model: ZooModelName;
  settings: RobustnessSettings;
}

export interface CurveProgress {
  phase: 'loading' | RunnerPhase;
  request: CurveRequest;
  done: number;
  total: number;
  points: RobustnessPoint[];
  /** Milliseconds spent computing (yields excluded). */
  computeMs: number;
  loading: LoadingInfo | null;
}

export type Command = ZooCommand | ({ type: 'curve'; request: CurveRequest } & InRun);
export type WorkerEvent = ZooEvent | ({ type: 'curve-progress'; progress: CurveProgress } & InRun);

export const CURVE_LANE = 'curve';
