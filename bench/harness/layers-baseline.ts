/**
 * What a reader would write instead of src/ml/denoiser.ts: the denoiser lab's network in tfjs-layers,
 * trained with model.fit on the same data (the lab's moons set, noised as DiffusionTrainer.trainStep
 * noises it), the same batch size, optimiser and learning rate, on the same backend.
 *
 *   h₁ = swish(Dense([x_t, γ(t), onehot(c)]))            = silu(x_t W_x + γ W_t + onehot(c) E + b₁)
 *   h_ℓ = h_{ℓ-1} + swish(Dense([h_{ℓ-1}, γ(t)]))          = h + silu(h W_ℓ + γ V_ℓ + b_ℓ)
 *   ε̂ = Dense(h_L)
 *
 * The same function and the same 11,906 parameters as the lab's Denoiser (checked in the worker); only
 * the library differs. Bench code only: the site never ships tfjs-layers.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { deriveSeed, mulberry32, randInt, randNormal } from '../../src/math/random';
import { LAB_ARCHITECTURE, LAB_P_UNCOND, BATCH_SIZE } from '../../src/widgets/denoiser-lab/session';
import { DEFAULT_DIFFUSION_TRAINING, timeEmbedding } from '../../src/ml/denoiser';
import { tf } from '../../src/ml/tf';
import { labSession } from './loops';

/** The lab's network as a functional tfjs-layers model with inputs [x_t, γ(t), onehot(c)]. */
export function layersModel(dataDim: number, numClasses: number): tfl.LayersModel {
  const { hidden, layers, timeDim } = LAB_ARCHITECTURE;
  const x = tfl.input({ shape: [dataDim] });
  const t = tfl.input({ shape: [timeDim] });
  const c = tfl.input({ shape: [numClasses + 1] });
  const dense = (units: number, activation?: 'swish') => tfl.layers.dense({ units, activation });
  let h = dense(hidden, 'swish').apply(tfl.layers.concatenate().apply([x, t, c])) as tfl.SymbolicTensor;
  for (let l = 1; l < layers; l++) {
    const branch = dense(hidden, 'swish').apply(tfl.layers.concatenate().apply([h, t])) as tfl.SymbolicTensor;
    h = tfl.layers.add().apply([h, branch]) as tfl.SymbolicTensor;
  }
  const out = dense(dataDim).apply(h) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: [x, t, c], outputs: out });
  model.compile({ optimizer: tf.train.adam(DEFAULT_DIFFUSION_TRAINING.learningRate), loss: 'meanSquaredError' });
  return model;
}

export interface LayersResult {
  /** model.fit's batches per second (median of the timed fits). */
  stepsPerSecond: number;
  best: number;
  fits: number;
  stepsPerFit: number;
  examples: number;
  numParameters: number;
}

/** Batches in the fixed training set: 31 × 128 = 3,968 examples, about the lab's 4,000 points. */
const BATCHES = 31;

/**
 * Trains the layers model with model.fit, `epochs` epochs per call, `fits` timed calls after a warm-up
 * call, on 3,968 examples noised once as the lab noises each batch (the lab draws fresh noise every
 * step; a fixed set is what model.fit takes), and times each call. fit is given its best case:
 * yieldEvery 'never' (no waits for a frame), no validation, no callbacks.
 */
export async function timeLayersBaseline(epochs: number, fits: number): Promise<LayersResult> {
  const steps = BATCHES * epochs;
  const session = labSession();
  const { data, schedule } = session;
  const numParameters = session.model.numParameters;
  session.dispose();
  const D = 2;
  const K = data.numClasses;
  const E = LAB_ARCHITECTURE.timeDim;
  const n = BATCHES * BATCH_SIZE;
  const rng = mulberry32(deriveSeed(1, 99));
  const xt = new Float32Array(n * D);
  const eps = new Float32Array(n * D);
  const times: number[] = [];
  const classes = new Float32Array(n * (K + 1));
  for (let i = 0; i < n; i++) {
    const j = randInt(rng, data.points.length);
    const t = 1 + randInt(rng, schedule.T);
    const a = Math.sqrt(schedule.alphaBars[t]);
    const s = Math.sqrt(1 - schedule.alphaBars[t]);
    for (let k = 0; k < D; k++) {
      const e = randNormal(rng);
      xt[D * i + k] = a * data.points[j][k] + s * e;
      eps[D * i + k] = e;
    }
    times.push(t / schedule.T);
    const drop = rng() < LAB_P_UNCOND || !data.labels;
    classes[i * (K + 1) + (drop ? K : data.labels![j])] = 1;
  }
  const inputs = [
    tf.tensor2d(xt, [n, D]),
    tf.tensor2d(timeEmbedding(times, E), [n, E]),
    tf.tensor2d(classes, [n, K + 1]),
  ];
  const target = tf.tensor2d(eps, [n, D]);
  const model = layersModel(D, K);
  try {
    if (model.countParams() !== numParameters) {
      throw new Error(`layers model has ${model.countParams()} parameters, the lab's ${numParameters}`);
    }
    const fit = (e: number) =>
      model.fit(inputs, target, { batchSize: BATCH_SIZE, epochs: e, shuffle: true, verbose: 0, yieldEvery: 'never' });
    await fit(1); // warm-up: kernels, optimiser state
    const rates: number[] = [];
    for (let f = 0; f < fits; f++) {
      const t0 = performance.now();
      await fit(epochs);
      rates.push((1000 * steps) / (performance.now() - t0));
    }
    rates.sort((a, b) => a - b);
    return {
      stepsPerSecond: rates[rates.length >> 1],
      best: rates.at(-1)!,
      fits,
      stepsPerFit: steps,
      examples: n,
      numParameters,
    };
  } finally {
    model.dispose();
    tf.dispose([...inputs, target]);
  }
}
