/**
 * Pruning with training: a pruned zoo model fine-tuned with its masks kept fixed, and the lottery-ticket
 * experiment (Frankle & Carbin 2019) at small scale. Masks come from src/math/pruning.ts.
 *
 * Masks kept fixed: after every optimiser step (src/ml/zoo/training.ts's Adam step on the whole model),
 * each pruned weight is set back to 0 (w ← w ⊙ m), so a pruned weight stays pruned and the sparsity
 * stays exactly what was asked for. (Adam's moments of a pruned weight still move; the weight does not.)
 *
 * The lottery ticket, iterative pruning with rewinding (Frankle & Carbin 2019, §2 and §4): train the
 * dense network from its initial weights w₀ for `steps` steps; remove the `rate` share of each layer's
 * remaining weights of smallest magnitude (the output layer to half the others' sparsity, as they
 * prune LeNet's output layer at half the rate);
 * rewind the survivors to their values in w₀ and train again; repeat. The control keeps each round's
 * mask but starts from a fresh random initialisation w₀′ (another seed): same connections, other
 * initial values. Both arms see the same batches in the same order.
 */
import { applyMasks, magnitudeMasks, sparsityOf } from '../math/pruning';
import type { DigitSplit } from '../math/digit-split';
import type { TicketRow } from '../math/pruning-table';
import type { ZooArchitecture } from '../math/zoo';
import { tf, type Tensor } from './tf';
import { evaluateSplit } from './zoo/evaluation';
import { createZooModel } from './zoo/models';
import { ZOO_RECIPES } from './zoo/recipes';
import { ZooTrainingSession, type ZooStepResult, type ZooTrainingOptions } from './zoo/training';

export type { TicketRow };

/** Adam's initial rate when fine-tuning a pruned model (a fifth of the shipped recipes' 0.002). */
export const FINE_TUNE_LEARNING_RATE = 0.0004;

/**
 * The session options of a short fine-tune of a pruned shipped model: its recipe's batch and
 * augmentation, a smaller rate decaying by a cosine to a tenth over the `steps` steps, on the given
 * (possibly smaller, structured) architecture.
 */
export function fineTuneOptions(
  name: string,
  architecture: ZooArchitecture,
  steps: number,
  seed: number,
): ZooTrainingOptions {
  const recipe = ZOO_RECIPES.find((r) => r.name === name);
  if (!recipe) throw new Error(`the zoo has no recipe called "${name}"`);
  return {
    architecture,
    seed,
    batchSize: recipe.options.batchSize,
    learningRate: FINE_TUNE_LEARNING_RATE,
    schedule: { totalSteps: steps, finalFraction: 0.1 },
    maxShift: recipe.options.maxShift ?? 0,
  };
}

/** A training session whose pruned weights stay 0: the mask is applied again after every step. */
export class MaskedTrainingSession {
  readonly session: ZooTrainingSession;
  private readonly masks: Tensor[];
  private disposed = false;

  constructor(
    options: ZooTrainingOptions,
    train: DigitSplit,
    initialWeights: readonly ArrayLike<number>[],
    masks: readonly Uint8Array[],
  ) {
    if (masks.length !== initialWeights.length) throw new RangeError('one mask per weight array is needed');
    this.session = new ZooTrainingSession(options, train, applyMasks(initialWeights, masks));
    const vars = this.session.model.trainableVariables;
    this.masks = masks.map((m, i) => {
      if (m.length !== vars[i].size) {
        this.session.dispose();
        throw new RangeError(`mask ${i} has ${m.length} entries, the weights ${vars[i].size}`);
      }
      return tf.tensor(Float32Array.from(m), vars[i].shape);
    });
  }

  get model() {
    return this.session.model;
  }

  trainStep(): ZooStepResult {
    const r = this.session.trainStep();
    const vars = this.session.model.trainableVariables;
    tf.tidy(() => vars.forEach((v, i) => v.assign(tf.mul(v, this.masks[i]))));
    return r;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.masks.forEach((m) => m.dispose());
    this.session.dispose();
  }
}

export interface TicketOptions {
  /** An MLP (the experiment's scale: LeNet-300-100 in the paper, one or two small layers here). */
  architecture: Extract<ZooArchitecture, { kind: 'mlp' }>;
  /** Seeds w₀, the batches' order; the control's w₀′ comes from seed + 1. */
  seed: number;
  /** Training steps per round (both arms), batch 64, Adam at learningRate. */
  steps: number;
  learningRate: number;
  batchSize: number;
  /** Pruning rounds after the dense one. */
  rounds: number;
  /** Share of each hidden layer's remaining weights removed per round (the output layer: to half the sparsity). */
  rate: number;
  /** Digits of the evaluation split scored after each training (default all). */
  evalCount?: number;
}

export function checkTicketOptions(o: TicketOptions): void {
  if (o.architecture.kind !== 'mlp') throw new RangeError('the lottery-ticket experiment runs on an MLP');
  if (!(Number.isInteger(o.rounds) && o.rounds >= 1 && o.rounds <= 10))
    throw new RangeError(`rounds must be 1 … 10, got ${o.rounds}`);
  if (!(o.rate > 0 && o.rate < 1)) throw new RangeError(`the pruning rate must be in (0, 1), got ${o.rate}`);
  if (!(Number.isInteger(o.steps) && o.steps >= 1 && o.steps <= 5000))
    throw new RangeError(`steps must be 1 … 5,000, got ${o.steps}`);
}

/** Per-array sparsity factors: 1 for hidden layers, ½ for the output layer (biases are never pruned). */
function layerRates(shapes: readonly (readonly number[])[]): number[] {
  const last = shapes.length - 2;
  return shapes.map((_, i) => (i === last ? 0.5 : 1));
}

/**
 * The experiment as a sequence of training steps, one per call of `step()` (a SlicedRunner drives it):
 * round 0 trains the dense network; each later round trains the rewound ticket, then the re-initialised
 * control, each for `steps` steps, and scores both. `totalSteps` is the number of calls to make.
 */
export class LotteryTicketExperiment {
  readonly options: TicketOptions;
  readonly rows: TicketRow[] = [];
  readonly totalSteps: number;
  private readonly train: DigitSplit;
  private readonly test: DigitSplit;
  private readonly shapes: number[][];
  private readonly w0: Float32Array[];
  private readonly w0Random: Float32Array[];
  private masks: Uint8Array[];
  private next: Uint8Array[] | null = null;
  private current: MaskedTrainingSession | null = null;
  /** 0: dense; then for each round r ≥ 1: 2r − 1 the ticket, 2r the control. */
  private phase = 0;
  private inPhase = 0;
  private pending: Partial<TicketRow> = {};

  constructor(options: TicketOptions, train: DigitSplit, test: DigitSplit) {
    checkTicketOptions(options);
    this.options = structuredClone(options);
    this.train = train;
    this.test = test;
    this.totalSteps = options.steps * (1 + 2 * options.rounds);
    const a = createZooModel(options.architecture, options.seed);
    const b = createZooModel(options.architecture, (options.seed + 1) >>> 0);
    this.shapes = a.weightShapes;
    this.w0 = a.getWeights();
    this.w0Random = b.getWeights();
    a.dispose();
    b.dispose();
    this.masks = this.w0.map((w) => new Uint8Array(w.length).fill(1));
  }

  get done(): boolean {
    return this.phase > 2 * this.options.rounds;
  }

  /** The round being trained (0 = dense) and which arm. */
  get position(): { round: number; arm: 'dense' | 'rewound' | 'random' } {
    if (this.phase === 0) return { round: 0, arm: 'dense' };
    return { round: Math.ceil(this.phase / 2), arm: this.phase % 2 ? 'rewound' : 'random' };
  }

  private training(): ZooTrainingOptions {
    const o = this.options;
    return { architecture: o.architecture, seed: o.seed, batchSize: o.batchSize, learningRate: o.learningRate };
  }

  step(): void {
    if (this.done) return;
    if (!this.current) {
      const init = this.phase === 0 || this.phase % 2 === 1 ? this.w0 : this.w0Random;
      this.current = new MaskedTrainingSession(this.training(), this.train, init, this.masks);
    }
    this.current.trainStep();
    if (++this.inPhase < this.options.steps) return;
    // The phase's training is over: score it, and after the dense run or the ticket, prune.
    const session = this.current;
    this.current = null;
    this.inPhase = 0;
    try {
      const e = evaluateSplit(session.model, this.test, {
        count: Math.min(this.options.evalCount ?? this.test.count, this.test.count),
      });
      const rep = sparsityOf(this.masks, this.shapes);
      const { round, arm } = this.position;
      if (arm === 'dense') {
        this.rows.push({ round: 0, sparsity: 0, kept: rep.prunableSize, rewound: e.accuracy, random: e.accuracy });
      } else if (arm === 'rewound') {
        this.pending = { round, sparsity: rep.sparsity, kept: rep.prunableSize - rep.pruned, rewound: e.accuracy };
      } else {
        this.rows.push({ ...(this.pending as TicketRow), random: e.accuracy });
      }
      if (arm !== 'random' && round < this.options.rounds) {
        // The next round's mask: the share `rate` of what remains, from the weights this run learned.
        const target = 1 - (1 - this.options.rate) ** (round + 1);
        this.next = magnitudeMasks(session.model.getWeights(), this.shapes, target, 'layer', {
          base: this.masks,
          rate: layerRates(this.shapes),
        });
      }
      // The control trains with the ticket's mask; the next mask takes over after it (or the dense run).
      if (arm !== 'rewound' && this.next) {
        this.masks = this.next;
        this.next = null;
      }
    } finally {
      session.dispose();
    }
    // After the dense run the next phase is round 1's ticket; after a ticket, its control.
    this.phase++;
  }

  dispose(): void {
    this.current?.dispose();
    this.current = null;
  }
}
