/**
 * The shipped digit zoo: every weights file matches its manifest, each model's test accuracy (and per
 * class), validation NLL and ECE are reproduced from the shipped weights, the PGD numbers' first batch is
 * reproduced, and the training script's first steps replay bit for bit. Runs on the wasm backend, as the
 * script did (the cpu backend rounds differently, so a digit on the edge could flip).
 */
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256HexSync as sha256 } from '../../src/lib/sha256';
import { decodeFloat32, encodeFloat32 } from '../../src/lib/weights';
import {
  decodeSplitFile,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  type DigitSplit,
  type DigitSplitManifest,
} from '../../src/math/digit-split';
import {
  architectureShapes,
  parameterCount,
  PGD_EVAL_BATCH,
  ZOO_MODEL_NAMES,
  ZOO_WEIGHTS_DIR,
  ZOO_WEIGHTS_MANIFEST,
  type ZooManifest,
  type ZooModelEntry,
} from '../../src/math/zoo';
import { tf } from '../../src/ml/tf';
import { evaluateSplit } from '../../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../../src/ml/zoo/models';
import { ZOO_RECIPES } from '../../src/ml/zoo/recipes';
import { ZooTrainingSession, type ZooTrainingOptions } from '../../src/ml/zoo/training';

const PUBLIC = join(process.cwd(), 'public');
const readJson = <T>(...parts: string[]) => JSON.parse(readFileSync(join(PUBLIC, ...parts), 'utf8')) as T;
const zoo = readJson<ZooManifest>(ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST);
const data = readJson<DigitSplitManifest>(ZOO_DATA_DIR, ZOO_DATA_MANIFEST);
const entry = (name: string) => zoo.models.find((m) => m.name === name)!;
const weightsOf = (m: ZooModelEntry) => {
  const bytes = new Uint8Array(readFileSync(join(PUBLIC, ZOO_WEIGHTS_DIR, m.file)));
  return { bytes, arrays: decodeFloat32(bytes, m.shapes) };
};

let train: DigitSplit;
let validation: DigitSplit;
let test: DigitSplit;

beforeAll(async () => {
  const load = (name: 'train' | 'validation' | 'test') =>
    decodeSplitFile(
      new Uint8Array(readFileSync(join(PUBLIC, ZOO_DATA_DIR, data.splits[name].file))),
      data.splits[name],
      sha256,
    );
  [train, validation, test] = await Promise.all([load('train'), load('validation'), load('test')]);
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('shipped zoo manifest', () => {
  it('lists every model, trained on these data files, each under 500 KB and as the recipes say', () => {
    expect(zoo.models.map((m) => m.name)).toEqual([...ZOO_MODEL_NAMES]);
    expect(zoo.data.sha256).toBe(sha256(readFileSync(join(PUBLIC, ZOO_DATA_DIR, ZOO_DATA_MANIFEST))));
    for (const m of zoo.models) {
      const recipe = ZOO_RECIPES.find((r) => r.name === m.name)!;
      expect(m.training.session).toEqual(recipe.options);
      expect(m.architecture).toEqual(recipe.options.architecture);
      expect(m.parameters).toBe(parameterCount(m.architecture));
      expect(m.shapes).toEqual(architectureShapes(m.architecture));
      const { bytes, arrays } = weightsOf(m);
      expect(bytes.length).toBe(m.bytes);
      expect(m.bytes).toBe(4 * m.parameters);
      expect(m.bytes).toBeLessThan(500_000);
      expect(sha256(bytes)).toBe(m.sha256);
      expect(sha256(encodeFloat32(arrays))).toBe(m.sha256);
    }
    const cnn = entry('cnn');
    expect(() => zooModelFromWeights({ ...cnn, shapes: entry('mlp').shapes }, weightsOf(cnn).arrays)).toThrow(
      /another architecture/,
    );
  });

  it('states what the models reach (the claims a chapter may quote)', () => {
    expect(entry('cnn').test.accuracy).toBeGreaterThanOrEqual(0.98);
    expect(entry('mlp').test.accuracy).toBeGreaterThanOrEqual(0.96);
    expect(entry('softmax').test.accuracy).toBeGreaterThan(0.89);
    expect(entry('softmax').test.accuracy).toBeLessThan(0.93);
    expect(entry('robust-cnn').test.accuracy).toBeGreaterThanOrEqual(0.93);
    // Under PGD at ε = 0.3 the plain CNN all but fails; the robust one keeps most of its answers.
    expect(entry('cnn').pgd!.accuracy).toBeLessThan(0.05);
    expect(entry('robust-cnn').pgd!.accuracy).toBeGreaterThan(entry('cnn').pgd!.accuracy + 0.4);
    expect(zoo.pgdEvaluation).toEqual({ epsilon: 0.3, steps: 40, stepSize: 0.01, randomStart: true });
  });
});

describe('shipped zoo weights, rerun in Node (wasm)', () => {
  it('reproduce each model’s test accuracy, per class, and its validation NLL and ECE', () => {
    for (const m of zoo.models) {
      const model = zooModelFromWeights(m, weightsOf(m).arrays);
      try {
        const t = evaluateSplit(model, test);
        expect(t.correct, m.name).toBe(m.test.correct);
        expect(t.accuracy).toBeCloseTo(m.test.accuracy, 6);
        t.perClass.forEach((a, c) => expect(a, `${m.name} class ${c}`).toBeCloseTo(m.test.perClass[c], 6));
        const v = evaluateSplit(model, validation);
        expect(v.accuracy).toBeCloseTo(m.validation.accuracy, 6);
        expect(v.nll).toBeCloseTo(m.validation.nll, 5);
        expect(v.ece).toBeCloseTo(m.validation.ece, 5);
      } finally {
        model.dispose();
      }
    }
  });

  it('reproduce the first batch of the PGD evaluation of both CNNs', () => {
    for (const name of ['cnn', 'robust-cnn']) {
      const m = entry(name);
      const model = zooModelFromWeights(m, weightsOf(m).arrays);
      try {
        const r = evaluateSplit(model, test, {
          count: PGD_EVAL_BATCH,
          batchSize: PGD_EVAL_BATCH,
          attack: { settings: m.pgd!.settings, seed: m.pgd!.seed },
        });
        expect(r.correct, name).toBe(m.pgd!.firstBatch.correct);
      } finally {
        model.dispose();
      }
    }
  });

  it('replay the training script’s first steps bit for bit', () => {
    for (const m of zoo.models) {
      const session = new ZooTrainingSession(m.training.session as ZooTrainingOptions, train);
      try {
        const losses = Array.from({ length: m.replay.steps }, () => session.trainStep().loss);
        expect(losses, m.name).toEqual(m.replay.losses);
        expect(sha256(encodeFloat32(session.model.getWeights())), m.name).toBe(m.replay.sha256);
      } finally {
        session.dispose();
      }
    }
  });
});
