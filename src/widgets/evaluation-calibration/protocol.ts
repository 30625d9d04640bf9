/**
 * Messages between the calibration lab's page code and its Worker: the zoo's shared commands and events
 * only (the lab asks for the validation and test logits of a model; every calibration number is then
 * computed from them page-side by src/math/evaluation-calibration.ts).
 */
import type { ZooCommand, ZooEvent } from '../zoo-shared/protocol';

export type Command = ZooCommand;
export type WorkerEvent = ZooEvent;
