/**
 * Page-side owner of the calibration lab's Worker (evaluation-shared/study-controller.ts): one study
 * request per change of model, epochs, binning or seed (a newer one replaces an older), the training and
 * scoring progress of a model's first study, and the newest study in the state. No DOM: tests drive it
 * through a fake port.
 */
import type { ControllerOptions, WorkerPort } from '../../lib/runtime/worker-controller';
import { initialStudyState, StudyController, type StudyState } from '../evaluation-shared/study-controller';
import type { CalibrationStudy, StudyRequest } from './protocol';

export type CalibrationState = StudyState<StudyRequest, CalibrationStudy>;
export const INITIAL_STATE: CalibrationState = initialStudyState<StudyRequest, CalibrationStudy>();

export class CalibrationController extends StudyController<StudyRequest, CalibrationStudy> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeCalibrationWorker) {
    super(makeWorker, options);
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeCalibrationWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'evaluation-calibration' });
}
