/** Page-side owner of the metrics lab's Worker (evaluation-shared/study-controller.ts). */
import type { ControllerOptions, WorkerPort } from '../../lib/runtime/worker-controller';
import { initialStudyState, StudyController } from '../evaluation-shared/study-controller';
import type { MetricsRequest } from './protocol';
import type { MetricsStudy } from './report';

export const INITIAL_STATE = initialStudyState<MetricsRequest, MetricsStudy>();

export class MetricsController extends StudyController<MetricsRequest, MetricsStudy> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeMetricsWorker) {
    super(makeWorker, options);
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeMetricsWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'evaluation-metrics' });
}
