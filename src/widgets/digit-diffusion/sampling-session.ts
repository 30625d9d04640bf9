/**
 * One sampling run of the pre-trained digit denoiser, step by step: the run the widget's Worker drives
 * (so it can pause, resume and cancel between steps), the training script records for the static
 * figure, and the unit test checks. It wraps sampleFrames from src/ml/samplers.ts and keeps a bounded
 * film of the run (at most MAX_KEPT_FRAMES frames, as ink bytes) for the scrubber.
 */
import type { NoiseSchedule } from '../../math/diffusion';
import { Denoiser } from '../../ml/denoiser';
import { sampleFrames, type SamplerMethod, type SamplingFrame } from '../../ml/samplers';
import { PIXELS, toInkBytes } from './digits-data';
import { SAMPLE_COUNT } from './params';
import { decodeFloat32 } from '../../lib/weights';
import type { DigitDenoiserManifest } from './weights-io';

/**
 * x̂_0 is clipped to the data range [-1, 1] at every step (Ho et al. 2020's sampler does the same for
 * images): without it the first, noisiest steps of the linear schedule throw pixels far outside.
 */
export const CLIP_X0 = 1;
/** Frames kept for the scrubber: a 1000-step DDPM run keeps one in ten. */
export const MAX_KEPT_FRAMES = 101;

export interface SamplingRequest {
  digit: number;
  guidance: number;
  sampler: SamplerMethod;
  /** DDIM steps (DDPM always takes T). */
  steps: number;
  seed: number;
  n?: number;
}

/** One kept frame, as ink bytes (n × PIXELS), with x̂_0 (null for the starting noise). */
export interface KeptFrame {
  step: number;
  t: number;
  xt: Uint8Array;
  x0: Uint8Array | null;
}

/** Builds the denoiser a manifest describes and loads its weights (bytes checked against the shapes). */
export function loadDigitDenoiser(manifest: DigitDenoiserManifest, bytes: Uint8Array): Denoiser {
  const model = new Denoiser(manifest.config);
  try {
    model.setWeights(decodeFloat32(bytes, manifest.shapes));
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** The frames a run of `total` steps keeps: evenly spread, always the first and the last. */
export function keptSteps(total: number, max = MAX_KEPT_FRAMES): Set<number> {
  if (total + 1 <= max) return new Set(Array.from({ length: total + 1 }, (_, i) => i));
  return new Set(Array.from({ length: max }, (_, k) => Math.round((k * total) / (max - 1))));
}

export class SamplingRun {
  readonly request: Required<SamplingRequest>;
  /** Denoiser passes of the whole run. */
  readonly totalSteps: number;
  readonly kept: KeptFrame[] = [];
  private readonly frames: Generator<SamplingFrame, number[][], void>;
  private readonly keep: Set<number>;
  private latestFrame: SamplingFrame | null = null;
  private finished = false;

  constructor(model: Denoiser, schedule: NoiseSchedule, request: SamplingRequest) {
    if (model.config.dataDim !== PIXELS) throw new RangeError(`the model takes ${model.config.dataDim} numbers`);
    this.request = { n: SAMPLE_COUNT, ...request };
    const { digit, guidance, sampler, steps, seed, n } = this.request;
    this.totalSteps = sampler === 'ddpm' ? schedule.T : steps;
    this.keep = keptSteps(this.totalSteps);
    // Checks every option now (RangeError), not at the first step.
    this.frames = sampleFrames(model, schedule, {
      method: sampler,
      steps,
      n,
      classes: digit,
      guidance,
      seed,
      clipX0: CLIP_X0,
    });
  }

  /** Advances one frame (the first call yields the starting noise); false once the run is over. */
  next(): boolean {
    if (this.finished) return false;
    const r = this.frames.next();
    if (r.done) {
      this.finished = true;
      return false;
    }
    const frame = r.value;
    this.latestFrame = frame;
    if (this.keep.has(frame.step)) {
      this.kept.push({
        step: frame.step,
        t: frame.t,
        xt: toInkBytes(frame.points),
        x0: frame.predictedX0 ? toInkBytes(frame.predictedX0) : null,
      });
    }
    if (frame.step === this.totalSteps) this.finished = true;
    return !this.finished;
  }

  /** Runs to the end. */
  runToEnd(): this {
    while (this.next());
    return this;
  }

  get done(): boolean {
    return this.finished;
  }

  get latest(): SamplingFrame | null {
    return this.latestFrame;
  }

  /** The final images, model scale (n rows of PIXELS), once done. */
  get samples(): Float32Array[] {
    const f = this.latestFrame;
    if (!this.finished || !f) throw new Error('the run has not finished');
    return Array.from({ length: this.request.n }, (_, i) => f.points.slice(i * PIXELS, (i + 1) * PIXELS));
  }

  /** Stops the generator early (nothing tensor-valued is held between steps). */
  cancel(): void {
    this.finished = true;
    this.frames.return([]);
  }
}
