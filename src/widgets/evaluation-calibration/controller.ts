/**
 * Page-side owner of the calibration lab's Worker: for a model it asks for the validation split's
 * logits, then the test split's, and keeps both (the zoo's state keeps only the latest evaluation).
 * No DOM: tests drive it through a fake port.
 */
import type { ControllerOptions, RuntimeState, WorkerPort } from '../../lib/runtime/worker-controller';
import type { ZooModelName } from '../../math/zoo';
import { ZooController } from '../zoo-shared/zoo-controller';
import type { ZooEvent } from '../zoo-shared/protocol';
import { INITIAL_ZOO_STATE, type ZooState } from '../zoo-shared/zoo-state';
import type { Command, WorkerEvent } from './protocol';

export interface ScoredSplit {
  logits: Float32Array;
  labels: Uint8Array;
}

export interface CalibrationState extends ZooState {
  /** The model whose logits are being gathered or shown. */
  model: ZooModelName | null;
  validation: ScoredSplit | null;
  test: ScoredSplit | null;
}

export const INITIAL_STATE: CalibrationState = { ...INITIAL_ZOO_STATE, model: null, validation: null, test: null };

export class CalibrationController extends ZooController<Command, WorkerEvent, CalibrationState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeCalibrationWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Scores `model` on the validation split, then on the test split (a newer call replaces it). */
  calibrate(model: ZooModelName): void {
    if (this.state.model === model && (this.state.test || this.state.evaluation.request?.model === model)) return;
    this.update({ model, validation: null, test: null });
    this.evaluate({ model, split: 'validation' });
  }

  protected receive(event: WorkerEvent | ZooEvent): void {
    super.receive(event);
    if (event.type !== 'zoo-evaluated') return;
    const { request, logits, labels } = event.result;
    if (request.model !== this.state.model) return;
    if (request.split === 'validation') {
      this.update({ validation: { logits, labels } });
      this.evaluate({ model: request.model, split: 'test' });
    } else if (request.split === 'test') {
      this.update({ test: { logits, labels } });
    }
  }

  /** Loading until the first model's test logits are in. */
  protected isLoading(s: CalibrationState & RuntimeState): boolean {
    return s.test === null && s.error === null;
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeCalibrationWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'evaluation-calibration' });
}
