/** Page-side owner of the leaderboard lab's Worker (evaluation-shared/study-controller.ts). */
import type { ControllerOptions, WorkerPort } from '../../lib/runtime/worker-controller';
import type { LeaderboardStudy } from '../../math/evaluation-leaderboard';
import { initialStudyState, StudyController } from '../evaluation-shared/study-controller';
import type { LeaderboardRequest } from './protocol';

export const INITIAL_STATE = initialStudyState<LeaderboardRequest, LeaderboardStudy>();

export class LeaderboardController extends StudyController<LeaderboardRequest, LeaderboardStudy> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeLeaderboardWorker) {
    super(makeWorker, options);
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeLeaderboardWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'evaluation-leaderboard' });
}
