/**
 * The committed seeded shift study (static-run.json, written by scripts/evaluation-shift.ts), typed, with
 * JSON's nulls (no labels: uniform noise) read back as NaN. The shift lab's static figure and the lesson's
 * claims test read it.
 */
import type { ShiftMeasure } from '../../math/evaluation-ood';
import type { Corruption } from '../../math/evaluation-shift';
import type { ZooModelName } from '../../math/zoo';
import run from './static-run.json';

export interface StaticShiftPoint extends Omit<ShiftMeasure, 'count'> {
  corruption: Corruption;
  severity: number;
}

export interface StaticShiftRun {
  seed: number;
  severities: number[];
  testCount: number;
  models: { name: ZooModelName; title: string; points: StaticShiftPoint[] }[];
}

const nan = (x: number | null) => (x === null ? NaN : x);

export const SHIFT_RUN: StaticShiftRun = {
  ...run,
  models: run.models.map((m) => ({
    name: m.name as ZooModelName,
    title: m.title,
    points: m.points.map((p) => ({
      ...p,
      corruption: p.corruption as Corruption,
      accuracy: nan(p.accuracy),
      ece: nan(p.ece),
    })),
  })),
};
