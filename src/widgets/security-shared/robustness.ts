/**
 * The recorded robustness curves (scripts/security-figures.ts → robustness.json) as plain data the
 * chapter's pages and tests read: accuracy of each zoo model at each ε under each attack.
 */
import type { AttackKind } from '../../ml/security';
import type { RobustnessPoint, RobustnessSettings } from '../../ml/security-robustness';
import type { ZooModelName } from '../../math/zoo';
import recorded from './robustness.json';

export interface RecordedRobustness {
  backend: string;
  settings: RobustnessSettings;
  models: { name: ZooModelName; points: RobustnessPoint[] }[];
}

export const RECORDED = recorded as RecordedRobustness;

/** A recorded point; throws when the file lacks it (the lesson would be quoting nothing). */
export function recordedPoint(model: ZooModelName, kind: AttackKind, epsilon: number): RobustnessPoint {
  const p = RECORDED.models.find((m) => m.name === model)?.points.find((q) => q.kind === kind && q.epsilon === epsilon);
  if (!p) throw new Error(`no recorded point for ${model}, ${kind}, ε = ${epsilon}`);
  return p;
}
