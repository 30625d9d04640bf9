/**
 * The data-set choice shared by the diffusion widgets (forward process explorer and denoiser lab):
 * the same two params in each widget's params.ts, and one function that turns them into points, so a
 * drawing carried from one widget to the other by a link gives the same data set in both.
 */
import { DATASET_NAMES, makeDataset, makeFromPoints, type Dataset2D } from '../../math/datasets2d';
import type { ScheduleKind } from '../../math/diffusion';
import { deriveSeed, mulberry32 } from '../../math/random';
import { choiceParam, textParam } from '../../lib/params';
import { decodeDrawing, MAX_POINTS_TEXT } from './points-codec';

export const DATASET_CHOICES = [...DATASET_NAMES, 'drawn'] as const;
export type DatasetChoice = (typeof DATASET_CHOICES)[number];

export const DATASET_LABELS: Record<DatasetChoice, string> = {
  moons: 'Two moons',
  swissRoll: 'Swiss roll',
  rings: 'Rings',
  drawn: 'My drawing',
};

/** How every diffusion widget names the two noise schedules (their papers in brackets). */
export const SCHEDULE_LABELS: Record<ScheduleKind, string> = {
  linear: 'Linear (Ho et al. 2020)',
  cosine: 'Cosine (Nichol & Dhariwal 2021)',
};

/** Spread into a widget's defineParams({...}). */
export const datasetParams = {
  dataset: choiceParam({
    default: 'moons',
    options: DATASET_CHOICES,
    optionLabels: DATASET_LABELS,
    label: 'Data set',
    doc: 'The 2D distribution the forward process starts from.',
  }),
  points: textParam({
    default: '',
    maxLength: MAX_POINTS_TEXT,
    label: 'Drawn points',
    doc: 'Your drawing, encoded (2 characters per point).',
  }),
};

export type DatasetResult = { ok: true; data: Dataset2D } | { ok: false; message: string };

/**
 * n points of the chosen set for a seed. The drawn set needs at least one point; its drawing is
 * centred and scaled like the built-in sets (makeFromPoints), so every set sits on the noise's scale.
 */
export function datasetFromParams(
  { dataset, points }: { dataset: DatasetChoice; points: string },
  n: number,
  seed: number,
): DatasetResult {
  if (dataset !== 'drawn') return { ok: true, data: makeDataset({ name: dataset }, n, seed) };
  const drawing = decodeDrawing(points);
  if (drawing.points.length === 0) {
    return { ok: false, message: 'No drawn points yet: place some points on the drawing pad.' };
  }
  try {
    const data = makeFromPoints(drawing.points, n, mulberry32(deriveSeed(seed, 0)), { labels: drawing.labels });
    return { ok: true, data };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
