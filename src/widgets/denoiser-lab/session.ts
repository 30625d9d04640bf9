/**
 * One model of the denoiser lab and everything it is measured against, with no postMessage and no DOM:
 * the Worker (worker.ts) drives it step by step, the pre-training script (scripts/denoiser-lab-pretrain.ts)
 * runs the very same code in Node, and the unit tests check it on the cpu backend.
 *
 * A session owns: the training set and a held-out set of the chosen data (different seeds), the noise
 * schedule, a Denoiser (class-conditional when the data have labels) with its DiffusionTrainer (Adam +
 * an exponential moving average of the weights, which is what we sample from), and the measurements:
 * the training loss, and every QUALITY_EVERY steps the sliced Wasserstein distance of a quick DDIM
 * sample to the held-out data.
 */
import type { StepPoint } from '../../lib/runtime/protocol';
import { makeSchedule, type NoiseSchedule, type ScheduleKind, type Vec2 } from '../../math/diffusion';
import { sampleBatch, type Dataset2D } from '../../math/datasets2d';
import { deriveSeed, mulberry32, type Rng } from '../../math/random';
import { noiseBaseline, slicedWasserstein } from '../../math/sample-quality';
import {
  DEFAULT_DENOISER_CONFIG,
  DEFAULT_DIFFUSION_TRAINING,
  Denoiser,
  DiffusionTrainer,
  unflattenPoints,
} from '../../ml/denoiser';
import { directionField, makeGrid, sampleFrames, type SamplerMethod, type SamplingFrame } from '../../ml/samplers';
import { datasetFromParams, type DatasetChoice } from '../diffusion-shared/dataset-params';
import { FIELD_EXTENT, FIELD_SIZE, QUALITY_CHECK, QUALITY_EVERY, THRESHOLD_FRACTION } from './constants';

/** What defines the data and the model: any change needs a new session. */
export interface SessionConfig {
  dataset: DatasetChoice;
  points: string;
  schedule: ScheduleKind;
  T: number;
  seed: number;
  /** Adam step size (only used when training). */
  lr: number;
}

/** The network every lab model uses; pre-trained weights exist for this one only. */
export const LAB_ARCHITECTURE = {
  hidden: DEFAULT_DENOISER_CONFIG.hidden,
  layers: DEFAULT_DENOISER_CONFIG.layers,
  timeDim: DEFAULT_DENOISER_CONFIG.timeDim,
} as const;

/**
 * Share of labelled training examples shown as the null class ∅, which the lab's default 'any' class
 * samples from. Higher than Ho & Salimans' 0.1–0.2 because ∅ is what readers see first: with 0.1, the
 * pre-trained rings model's ∅ samples blurred the two rings into one disk (DDIM-50 sliced Wasserstein
 * 0.121, noise baseline 0.144); with 0.3 and the same budget they score 0.098 (fresh data: 0.072).
 */
export const LAB_P_UNCOND = 0.3;

/** Training points per session: many more than a batch, so batches rarely repeat. */
export const TRAIN_SIZE = 4000;
/** Held-out points the quality is measured against ("fresh data"). */
export const HELD_OUT_SIZE = 1000;
export const BATCH_SIZE = DEFAULT_DIFFUSION_TRAINING.batchSize;

/** Projection directions of every sliced Wasserstein distance here: the same seed, so numbers compare. */
const SW_SEED = 7;

/** Independent random streams of a session, all derived from the reader's seed. */
const STREAM = { heldOut: 1, batches: 2, trainer: 3, qualityCheck: 4, sampling: 5, floor: 6 } as const;

/** A quick quality check: the sliced Wasserstein-1 distance to the held-out data, by training step. */
export type QualityPoint = StepPoint;

export interface Quality {
  /** Sliced Wasserstein-1 distance of the samples to the held-out data (of the chosen class). */
  sw: number;
  /** The same distance for untouched N(0, I) noise: what "no model at all" scores. */
  baseline: number;
  /**
   * The same distance for a fresh sample of the data itself, of as many points: what a perfect model
   * would score, since two finite samples of one distribution never match exactly.
   */
  floor: number;
  /** Share of samples whose nearest held-out point has the chosen class (null when no class is chosen). */
  classFraction: number | null;
}

export interface SampleRequest {
  method: SamplerMethod;
  /** DDIM steps (clamped to T here; DDPM ignores it). */
  steps: number;
  n: number;
  /** Model class (0-based) or null for ∅. */
  cls: number | null;
  guidance: number;
}

/** Throws with a message fit for the reader when the data cannot be built (e.g. an empty drawing). */
export function buildData(config: Pick<SessionConfig, 'dataset' | 'points'>, n: number, seed: number): Dataset2D {
  const result = datasetFromParams(config, n, seed);
  if (!result.ok) {
    throw new RangeError(
      config.dataset === 'drawn' && config.points === ''
        ? 'No drawing was given: draw points in the forward-process explorer above and follow its link here, or pick a built-in data set.'
        : result.message,
    );
  }
  return result.data;
}

export class LabSession {
  readonly config: SessionConfig;
  readonly schedule: NoiseSchedule;
  readonly data: Dataset2D;
  readonly heldOut: Dataset2D;
  readonly model: Denoiser;
  readonly trainer: DiffusionTrainer;
  /** Noise baseline of the whole held-out set, and of each class's part of it. */
  readonly baseline: number;
  private readonly classBaselines: number[];
  private readonly batchRng: Rng;
  private readonly floors = new Map<string, number>();
  /** True once pre-trained weights were loaded (then there is nothing to train). */
  pretrained = false;
  /** Milliseconds spent in training steps (quality checks excluded). */
  trainMs = 0;
  readonly quality: QualityPoint[] = [];
  /** First quality check at or below THRESHOLD_FRACTION × baseline. */
  threshold: { step: number; ms: number } | null = null;

  /** Steps between quick quality checks (QUALITY_EVERY; tests use fewer). */
  readonly qualityEvery: number;

  constructor(
    config: SessionConfig,
    { qualityEvery = QUALITY_EVERY, pUncond = LAB_P_UNCOND }: { qualityEvery?: number; pUncond?: number } = {},
  ) {
    this.config = config;
    this.qualityEvery = qualityEvery;
    this.schedule = makeSchedule(config.schedule, config.T);
    this.data = buildData(config, TRAIN_SIZE, config.seed);
    this.heldOut = buildData(config, HELD_OUT_SIZE, deriveSeed(config.seed, STREAM.heldOut));
    this.baseline = noiseBaseline(this.heldOut.points, { seed: SW_SEED });
    this.classBaselines = Array.from({ length: this.data.numClasses }, (_, c) =>
      noiseBaseline(this.classPoints(c), { seed: SW_SEED }),
    );
    this.batchRng = mulberry32(deriveSeed(config.seed, STREAM.batches));
    this.model = new Denoiser({ ...LAB_ARCHITECTURE, numClasses: this.data.numClasses, seed: config.seed });
    try {
      this.trainer = new DiffusionTrainer(this.model, this.schedule, {
        learningRate: config.lr,
        pUncond,
        seed: deriveSeed(config.seed, STREAM.trainer),
      });
    } catch (err) {
      this.model.dispose();
      throw err;
    }
  }

  get numClasses(): number {
    return this.data.numClasses;
  }

  get steps(): number {
    return this.trainer.steps;
  }

  /** The model samples come from: the weights' moving average while training, the loaded ones otherwise. */
  get sampler(): Denoiser {
    return this.trainer.ema ?? this.model;
  }

  /** Loads pre-trained weights (in Denoiser.getWeights order) into the model and its average. */
  loadWeights(weights: readonly ArrayLike<number>[]): void {
    this.model.setWeights(weights);
    this.trainer.ema?.setWeights(weights);
    this.pretrained = true;
  }

  /** One Adam step on a fresh batch; every `qualityEvery` steps a quality check. Returns the loss. */
  trainStep(): number {
    const started = performance.now();
    const batch = sampleBatch(this.data, BATCH_SIZE, this.batchRng);
    const { loss } = this.trainer.trainStep(batch.points, batch.labels);
    this.trainMs += performance.now() - started;
    if (this.steps % this.qualityEvery === 0) this.checkQuality();
    return loss;
  }

  /**
   * Quick unconditional DDIM sample, scored against the held-out set. Recorded in `quality` (once per
   * step) and checked against the threshold.
   */
  checkQuality(): QualityPoint {
    const last = this.quality.at(-1);
    if (last && last.step === this.steps) return last;
    const frames = sampleFrames(this.sampler, this.schedule, {
      method: 'ddim',
      steps: Math.min(QUALITY_CHECK.steps, this.config.T),
      n: QUALITY_CHECK.n,
      seed: deriveSeed(this.config.seed, STREAM.qualityCheck),
      classes: null,
    });
    let final: SamplingFrame | null = null;
    for (const frame of frames) final = frame;
    const value = this.distance(unflattenPoints(final!.points), null);
    const point = { step: this.steps, value };
    this.quality.push(point);
    if (!this.threshold && value <= THRESHOLD_FRACTION * this.baseline) {
      this.threshold = { step: this.steps, ms: this.trainMs };
    }
    return point;
  }

  /** Sampling frame by frame (see sampleFrames); the seed makes a shared link reproduce the run. */
  sampleFrames(request: SampleRequest): Generator<SamplingFrame, number[][], void> {
    const conditional = this.numClasses > 0 && request.cls !== null;
    return sampleFrames(this.sampler, this.schedule, {
      method: request.method,
      steps: Math.min(request.steps, this.config.T),
      n: request.n,
      classes: conditional ? request.cls : null,
      guidance: conditional ? request.guidance : 0,
      seed: deriveSeed(this.config.seed, STREAM.sampling),
    });
  }

  /** Scores a finished sample (flat [x0, y0, …]) against the held-out data of its class. */
  score(points: Float32Array, cls: number | null): Quality {
    const samples = unflattenPoints(points).filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    const conditional = cls !== null && cls < this.numClasses;
    const c = conditional ? cls : null;
    return {
      sw: samples.length > 0 ? this.distance(samples, c) : Infinity,
      baseline: c === null ? this.baseline : this.classBaselines[c],
      floor: this.floor(points.length / 2, c),
      classFraction: c === null ? null : nearestClassFraction(samples, this.heldOut, c),
    };
  }

  /** SW of a fresh data sample of n points (of one class, or all) to the held-out set; cached per (n, class). */
  floor(n: number, cls: number | null): number {
    const key = `${n}:${cls}`;
    let value = this.floors.get(key);
    if (value === undefined) {
      // Labels of the built-in sets alternate, so n · K points hold n of each class; a drawing may be
      // unbalanced, hence twice that, then the first n of the class.
      const count = cls === null ? n : Math.min(20000, 2 * n * this.numClasses);
      const fresh = buildData(this.config, count, deriveSeed(this.config.seed, STREAM.floor));
      const points = cls === null ? fresh.points : fresh.points.filter((_, i) => fresh.labels![i] === cls);
      value = this.distance(points.slice(0, n), cls);
      this.floors.set(key, value);
    }
    return value;
  }

  /** The learned direction -ε̃ at time t on the lab's grid (with the same class and guidance as sampling). */
  field(t: number, cls: number | null, guidance: number): { grid: Vec2[]; directions: Vec2[] } {
    const grid = makeGrid(FIELD_EXTENT, FIELD_SIZE);
    const conditional = this.numClasses > 0 && cls !== null;
    const directions = directionField(this.sampler, this.schedule, Math.min(Math.max(1, t), this.config.T), grid, {
      classes: conditional ? cls : null,
      guidance: conditional ? guidance : 0,
    });
    return { grid, directions };
  }

  dispose(): void {
    this.trainer.dispose();
    this.model.dispose();
  }

  private classPoints(cls: number): Vec2[] {
    const labels = this.heldOut.labels!;
    return this.heldOut.points.filter((_, i) => labels[i] === cls);
  }

  private distance(samples: readonly (readonly number[])[], cls: number | null): number {
    const target = cls === null ? this.heldOut.points : this.classPoints(cls);
    return slicedWasserstein(target, samples, { seed: SW_SEED });
  }
}

/**
 * A simple check of what class the samples look like: each sample takes the label of its nearest
 * labelled held-out point (1-nearest-neighbour), and we count the share that lands on `cls`. With
 * guidance w > 0 this share should rise towards 1. O(samples × held-out), about 2 million distances at most.
 */
export function nearestClassFraction(samples: readonly (readonly number[])[], data: Dataset2D, cls: number): number {
  if (!data.labels || samples.length === 0) return 0;
  let hits = 0;
  for (const s of samples) {
    let best = Infinity;
    let label = -1;
    for (let j = 0; j < data.points.length; j++) {
      const dx = s[0] - data.points[j][0];
      const dy = s[1] - data.points[j][1];
      const d = dx * dx + dy * dy;
      if (d < best) {
        best = d;
        label = data.labels[j];
      }
    }
    if (label === cls) hits++;
  }
  return hits / samples.length;
}
