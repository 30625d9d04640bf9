/**
 * One training run of the tiny transformer on a task: model, optimiser, seeded data stream and a fixed
 * held-out batch. The attention playground's Worker drives it step by step, and the seeded script that
 * makes the playground's static figure runs the very same code, so both show the same run for a seed.
 */
import { deriveSeed, mulberry32, type Rng } from '../math/random';
import type { PositionalKind } from './positional';
import { SEED_STREAM } from '../math/seeds';
import { makeBatch, type Batch, type TaskName } from '../math/tasks';
import { Trainer, TinyTransformer, type InspectResult } from './transformer';

export interface SessionConfig {
  task: TaskName;
  /** Digits per question. */
  length: number;
  layers: number;
  heads: number;
  dModel: number;
  positional: PositionalKind;
  lr: number;
  seed: number;
}

/** Examples per training step: enough for a steady gradient, small enough for a fast step. */
export const BATCH_SIZE = 32;
/** Held-out examples for the accuracy curve, fixed per seed so the curve measures the model, not luck. */
export const EVAL_SIZE = 256;
/** Held-out evaluation every this many steps: one costs about as much as 8 training steps' forward passes. */
export const EVAL_EVERY = 25;

export interface Evaluation {
  step: number;
  loss: number;
  tokenAccuracy: number;
}

export interface ProbeResult extends InspectResult {
  /** The model's free-running greedy answer. */
  generated: number[];
}

export class TrainingSession {
  readonly config: SessionConfig;
  readonly model: TinyTransformer;
  private readonly trainer: Trainer;
  private readonly dataRng: Rng;
  private readonly heldOut: Batch;
  steps = 0;

  constructor(config: SessionConfig) {
    this.config = config;
    this.model = new TinyTransformer({
      layers: config.layers,
      heads: config.heads,
      dModel: config.dModel,
      positional: config.positional,
      seed: config.seed,
    });
    try {
      this.trainer = new Trainer(this.model, { learningRate: config.lr });
    } catch (err) {
      this.model.dispose();
      throw err;
    }
    this.dataRng = mulberry32(deriveSeed(config.seed, SEED_STREAM.data));
    this.heldOut = makeBatch(
      config.task,
      config.length,
      EVAL_SIZE,
      mulberry32(deriveSeed(config.seed, SEED_STREAM.heldOut)),
    );
  }

  /** One optimiser step on a fresh batch; returns its training loss. */
  trainStep(): number {
    const { loss } = this.trainer.trainStep(makeBatch(this.config.task, this.config.length, BATCH_SIZE, this.dataRng));
    this.steps++;
    return loss;
  }

  /** Loss and token accuracy on the held-out batch. */
  evaluate(): Evaluation {
    const { loss, tokenAccuracy } = this.model.evaluate(this.heldOut);
    return { step: this.steps, loss, tokenAccuracy };
  }

  /** Where every head looks, and what the model answers, for one question. */
  probe(x: readonly number[]): ProbeResult {
    return { ...this.model.inspect(this.config.task, x), generated: this.model.generate(x) };
  }

  dispose(): void {
    this.trainer.dispose();
    this.model.dispose();
  }
}
