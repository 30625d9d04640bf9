/**
 * The static figure's data: one seeded sampling run of a pre-trained model, as a few frames of plain
 * numbers (noise → samples), with its quality numbers and the quality curve of its pre-training.
 * Recorded by scripts/denoiser-lab-pretrain.ts into static-run.json; drawn at build time by DenoiserLab.astro.
 */
import type { Vec2 } from '../../math/diffusion';
import { unflattenPoints } from '../../ml/denoiser';
import type { LabParams } from './params';
import type { Quality, QualityPoint } from './session';
import { LabSession, type SampleRequest } from './session';

export interface StaticFrame {
  step: number;
  t: number;
  points: Vec2[];
}

export interface StaticRun {
  settings: Pick<LabParams, 'dataset' | 'schedule' | 'T' | 'sampler' | 'steps' | 'samples' | 'seed'>;
  /** Held-out data shown in grey behind the samples. */
  data: Vec2[];
  frames: StaticFrame[];
  quality: Quality;
  /** Quick quality checks of the pre-training run (see session.ts). */
  trainingQuality: QualityPoint[];
  trainingSteps: number;
}

/** Frames kept in the figure: the start, then times where the shape emerges (it appears late). */
const FRAME_TIMES = [1, 0.6, 0.3, 0.1, 0];
/** Points drawn per frame (the quality is scored on all of them). */
const SHOWN = 400;

const round = (p: readonly number[]): Vec2 => [Number(p[0].toFixed(2)), Number(p[1].toFixed(2))];

export function recordStaticRun(
  session: LabSession,
  settings: StaticRun['settings'],
  trainingQuality: QualityPoint[],
  trainingSteps: number,
): StaticRun {
  const request: SampleRequest = {
    method: settings.sampler,
    steps: settings.steps,
    n: settings.samples,
    cls: null,
    guidance: 0,
  };
  const frames: StaticFrame[] = [];
  const wanted = new Set(FRAME_TIMES.map((f) => Math.round(f * settings.T)));
  let last: Float32Array | null = null;
  for (const frame of session.sampleFrames(request)) {
    last = frame.points;
    if (wanted.has(frame.t)) {
      frames.push({
        step: frame.step,
        t: frame.t,
        points: unflattenPoints(frame.points.slice(0, 2 * SHOWN)).map(round),
      });
    }
  }
  return {
    settings,
    data: session.heldOut.points.slice(0, SHOWN).map(round),
    frames,
    quality: session.score(last!, null),
    trainingQuality,
    trainingSteps,
  };
}
