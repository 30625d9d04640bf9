/**
 * The digit model zoo described in plain data: its image format, the architectures and their parameter
 * counts, and the manifest the training script writes (public/weights/zoo/manifest.json). No tensors
 * here, so a page can list and describe the models without loading TensorFlow.js; the models themselves
 * are in src/ml/zoo.
 */
/** Side of a zoo image (MNIST's 28), pixels per image and classes. */
export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
export const DIGIT_CLASSES = 10;

/** Where the weights live under public/ (served from the site's base): <name>.bin and the manifest. */
export const ZOO_WEIGHTS_DIR = 'weights/zoo';
export const ZOO_WEIGHTS_MANIFEST = 'manifest.json';
export const zooWeightsFile = (name: ZooModelName) => `${name}.bin`;
/** Training steps whose losses (and the weights after them) the manifest records for the replay test. */
export const REPLAY_STEPS = 3;
/** Seed and batch size of the reported PGD evaluation (its random starts are drawn batch after batch). */
export const PGD_EVAL_SEED = 1;
export const PGD_EVAL_BATCH = 100;

/** The zoo's models, by the name chapters, URLs and the manifest use. */
export const ZOO_MODEL_NAMES = ['softmax', 'mlp', 'cnn', 'robust-cnn'] as const;
export type ZooModelName = (typeof ZOO_MODEL_NAMES)[number];

/**
 * An architecture. Every model reads a digit as 784 numbers in [0, 1] (0 paper, 1 ink), row by row, and
 * returns 10 logits.
 *
 * - softmax: logits = x W + b (multinomial logistic regression).
 * - mlp: fully connected ReLU layers of the given widths, then a linear layer to 10 logits.
 * - cnn: two blocks of [k×k 'same' convolution, ReLU, 2×2 max pool] (28 → 14 → 7 pixels per side), then
 *   a dense ReLU layer of `dense` units and a linear layer to 10 logits.
 */
export type ZooArchitecture =
  | { kind: 'softmax' }
  | { kind: 'mlp'; hidden: number[] }
  | { kind: 'cnn'; kernel: number; filters: [number, number]; dense: number };

/** Side of the feature maps after the CNN's two 2×2 pools. */
export const CNN_FINAL_SIDE = DIGIT_SIDE / 4;

/**
 * Every weight array's shape, in the order the model's getWeights returns them (what the manifest
 * records): for each layer its weights, then its biases. Convolution filters are [k, k, in, out].
 */
export function architectureShapes(a: ZooArchitecture): number[][] {
  switch (a.kind) {
    case 'softmax':
      return [[DIGIT_PIXELS, DIGIT_CLASSES], [DIGIT_CLASSES]];
    case 'mlp': {
      const widths = [DIGIT_PIXELS, ...a.hidden, DIGIT_CLASSES];
      return widths.slice(1).flatMap((out, i) => [[widths[i], out], [out]]);
    }
    case 'cnn': {
      const [f1, f2] = a.filters;
      const k = a.kernel;
      const flat = CNN_FINAL_SIDE * CNN_FINAL_SIDE * f2;
      return [
        [k, k, 1, f1],
        [f1],
        [k, k, f1, f2],
        [f2],
        [flat, a.dense],
        [a.dense],
        [a.dense, DIGIT_CLASSES],
        [DIGIT_CLASSES],
      ];
    }
  }
}

/** Parameters of an architecture, counted by hand (tests compare it with the model's variables). */
export function parameterCount(a: ZooArchitecture): number {
  switch (a.kind) {
    case 'softmax':
      return DIGIT_PIXELS * DIGIT_CLASSES + DIGIT_CLASSES;
    case 'mlp': {
      const widths = [DIGIT_PIXELS, ...a.hidden, DIGIT_CLASSES];
      let n = 0;
      for (let i = 1; i < widths.length; i++) n += widths[i - 1] * widths[i] + widths[i];
      return n;
    }
    case 'cnn': {
      const [f1, f2] = a.filters;
      const k2 = a.kernel * a.kernel;
      const flat = CNN_FINAL_SIDE * CNN_FINAL_SIDE * f2;
      return (
        k2 * f1 + f1 + (k2 * f1 * f2 + f2) + (flat * a.dense + a.dense) + (a.dense * DIGIT_CLASSES + DIGIT_CLASSES)
      );
    }
  }
}

/** A one-line description ("CNN: 3×3 conv 16, pool, 3×3 conv 32, pool, dense 64, 10"). */
export function describeArchitecture(a: ZooArchitecture): string {
  switch (a.kind) {
    case 'softmax':
      return 'softmax regression: 784 → 10';
    case 'mlp':
      return `MLP: 784 → ${a.hidden.map((h) => `${h} ReLU`).join(' → ')} → 10`;
    case 'cnn': {
      const k = `${a.kernel}×${a.kernel}`;
      return `CNN: ${k} conv ${a.filters[0]} ReLU, 2×2 max pool, ${k} conv ${a.filters[1]} ReLU, 2×2 max pool, dense ${a.dense} ReLU → 10`;
    }
  }
}

/** An L∞ projected-gradient attack (Madry et al. 2018): the settings an attack or evaluation used. */
export interface PgdSettings {
  /** Radius of the L∞ ball, in [0, 1] pixel units. */
  epsilon: number;
  /** Gradient-sign steps. */
  steps: number;
  /** Size of each step, in pixel units. */
  stepSize: number;
  /** Start from a uniform random point of the ball (true) or from the clean image. */
  randomStart: boolean;
}

/** What the manifest records of one trained model. */
export interface ZooModelEntry {
  name: ZooModelName;
  title: string;
  architecture: ZooArchitecture;
  description: string;
  parameters: number;
  /** The weights file (float32, src/lib/weights.ts format): name, bytes, SHA-256, shapes. */
  file: string;
  bytes: number;
  sha256: string;
  shapes: number[][];
  /** How it was trained (optimizer, steps, batch, learning rates, augmentation, adversarial settings). */
  training: Record<string, unknown>;
  /** Wall-clock seconds of training in the script, and the share of one core it used. */
  trainSeconds: number;
  trainCpuSeconds: number;
  /** On the 2,000 test digits: accuracy, per class, and the counts behind them. */
  test: { count: number; correct: number; accuracy: number; perClass: number[] };
  /** On the 1,000 validation digits: accuracy, mean negative log-likelihood (nats) and ECE (15 bins). */
  validation: { count: number; accuracy: number; nll: number; ece: number };
  /** Accuracy on the test digits under the attack, when measured. */
  pgd?: {
    settings: PgdSettings;
    seed: number;
    count: number;
    correct: number;
    accuracy: number;
    /** Right answers in the first batch of PGD_EVAL_BATCH digits (what the unit test reruns). */
    firstBatch: { count: number; correct: number };
    cpuSeconds: number;
  };
  /** The first training steps' losses and the weights' SHA-256 after them, for the replay test. */
  replay: { steps: number; losses: number[]; sha256: string };
}

export interface ZooManifest {
  /** Which data files (their manifest) the models were trained and scored on. */
  data: { manifest: string; sha256: string };
  backend: string;
  seed: number;
  /** Settings of the reported PGD evaluation. */
  pgdEvaluation: PgdSettings;
  ece: { bins: number; binning: string };
  models: ZooModelEntry[];
  totalSeconds: number;
  totalCpuSeconds: number;
}
