/**
 * Messages between the leaderboard lab's page code and its Worker (evaluation-shared/study-protocol.ts):
 * a request is the reader's settings; the study is src/math/evaluation-leaderboard.ts's.
 */
import type { LeaderboardStudy } from '../../math/evaluation-leaderboard';
import type { StudyCommand, StudyEvent } from '../evaluation-shared/study-protocol';
import type { LeaderboardParams } from './params';

export type LeaderboardRequest = LeaderboardParams;
export type Command = StudyCommand<LeaderboardRequest>;
export type WorkerEvent = StudyEvent<LeaderboardRequest, LeaderboardStudy>;
