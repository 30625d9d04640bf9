/**
 * Messages between the adversarial example lab's page code (controller.ts) and its Worker (worker.ts):
 * the zoo's shared commands (models and test digits come from ZooKit) and the lab's own attack.
 */
import type { InRun } from '../../lib/runtime/protocol';
import type { ZooModelName } from '../../math/zoo';
import type { DigitAttackResult, LinfAttack } from '../../ml/security';
import type { DigitRequest, ZooCommand, ZooEvent } from '../zoo-shared/protocol';

export interface AttackRequest {
  /** The model whose answer is attacked. */
  victim: ZooModelName;
  /** The model the perturbation is computed on (the victim in a white-box attack). */
  source: ZooModelName;
  digit: DigitRequest;
  attack: LinfAttack;
  seed: number;
}

export interface AttackResult extends DigitAttackResult {
  request: AttackRequest;
  /** The test digit's true label (null for a drawing). */
  trueLabel: number | null;
  /** Milliseconds to compute the attack and score both digits. */
  ms: number;
}

export type Command = ZooCommand | ({ type: 'attack'; request: AttackRequest } & InRun);
export type WorkerEvent = ZooEvent | ({ type: 'attacked'; result: AttackResult } & InRun);

export const ATTACK_LANE = 'attack';
