/** The leaderboard lab's Worker: the zoo model's logits, scored once, and each study from them. */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { StudyServer } from '../evaluation-shared/study-server';
import type { LeaderboardStudy } from '../../math/evaluation-leaderboard';
import type { Command, LeaderboardRequest, WorkerEvent } from './protocol';
import { labLeaderboard } from './report';

const studies = new StudyServer<LeaderboardRequest, LeaderboardStudy>(labLeaderboard);

serveModelWorker<Command, WorkerEvent>({
  handle: (cmd, ctx) => studies.handle(cmd, ctx),
});
