/**
 * The leaderboard lab's committed seeded run (static-run.json, written by scripts/evaluation-leaderboard.ts
 * with the lab's code): its shape, and the settings the script runs.
 */
import type { GapRow, LeaderboardStudy } from '../../math/evaluation-leaderboard';
import type { ZooModelName } from '../../math/zoo';
import run from './static-run.json';

export const STATIC_FILE = 'src/widgets/evaluation-leaderboard/static-run.json';
export const STATIC_MODELS: readonly ZooModelName[] = ['softmax', 'cnn'];
export const STATIC_SEEDS = 20;
export const STATIC_SIZES = [200, 500, 1000] as const;

export interface LeaderboardRun {
  seeds: number;
  spread: number;
  thresholdout: { threshold: number; sigma: number; budget: number };
  models: { name: ZooModelName; title: string; start: LeaderboardStudy; table: GapRow[] }[];
}

export const STATIC_RUN = run as LeaderboardRun;
