/**
 * The digit model zoo as cell bindings (Worker side): the `digits` set (1,000 validation digits) and
 * the `zoo` set (the four shipped classifiers and the 2,000 test digits). Files come through the zoo
 * widgets' own loader (src/widgets/zoo-shared/assets.ts: sizes and SHA-256 checked against the
 * manifests) fed by the cell's `readFile`, and everything is read while the bindings load, before the
 * sandbox locks the network away: a reader's `zoo.load(name)` builds a model from weights already in
 * memory (softmax 31 kB, mlp 407 kB, cnn and robust-cnn 423 kB each; the test split 327 kB gzipped).
 *
 * A model built in a run owns tfjs variables; the sandbox disposes every variable and tensor a run
 * made when it ends, so a reader need not call dispose() (they may).
 */
import { splitToFloats, type DigitSplit, type SplitName } from '../../math/digit-split';
import { DIGIT_CLASSES, DIGIT_PIXELS, ZOO_MODEL_NAMES, type ZooModelEntry, type ZooModelName } from '../../math/zoo';
import { crossEntropy, oneHotLabels, zooModelFromWeights } from '../../ml/zoo/models';
import type { Tf } from '../../lib/tf-runtime';
import type { Tensor, Tensor2D } from '../../ml/tf';
import { ZooAssets } from '../zoo-shared/assets';

/** Reads a file of the site's public folder, e.g. "data/zoo/validation.u8.gz". */
export type ReadFile = (path: string) => Promise<Uint8Array>;

/** The base URL the zoo's loader is given; its fetch turns URLs under it back into public/ paths. */
const PUBLIC_BASE = 'public:/';

/** The zoo's loader reading through `readFile` (no network of its own). */
export function zooAssetsOver(readFile: ReadFile): ZooAssets {
  const fetchFromPublic = async (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(PUBLIC_BASE)) throw new Error(`${url} is not a file of the site`);
    return new Response((await readFile(url.slice(PUBLIC_BASE.length))) as Uint8Array<ArrayBuffer>);
  };
  return new ZooAssets(PUBLIC_BASE, { fetch: fetchFromPublic as typeof fetch });
}

/** Read-only accessors on a split: labels, images as u / 255, the k-th digit of a class, batches. */
export function splitBinding(tf: Tf, split: DigitSplit, name: SplitName) {
  const check = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= split.count) {
      throw new RangeError(`digit index must be an integer from 0 to ${split.count - 1}, got ${i}`);
    }
  };
  return Object.freeze({
    split: name,
    count: split.count,
    side: 28,
    label(i: number): number {
      check(i);
      return split.labels[i];
    },
    image(i: number): number[] {
      check(i);
      return Array.from(split.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), (u) => u / 255);
    },
    /** The index of the k-th digit (from 0) with this label. */
    indexOf(label: number, k = 0): number {
      let seen = 0;
      for (let i = 0; i < split.count; i++) if (split.labels[i] === label && seen++ === k) return i;
      throw new RangeError(`there is no digit ${label} number ${k} among the ${split.count}`);
    },
    /** Digits start … start + count − 1: x [count, 784] in [0, 1], their labels, and the labels one-hot. */
    batch(start: number, count: number): { x: Tensor2D; labels: number[]; oneHot: Tensor2D } {
      const x = splitToFloats(split, start, count);
      const labels = Array.from(split.labels.subarray(start, start + count));
      return { x: tf.tensor2d(x, [count, DIGIT_PIXELS]) as Tensor2D, labels, oneHot: oneHotLabels(labels) };
    },
  });
}

/** Digits as a [N, 784] float32 array: one digit (784 numbers), a list of them, or a tensor. */
function pixelsOf(tf: Tf, images: unknown): { pixels: Float32Array; single: boolean } {
  if (images instanceof tf.Tensor) {
    const t = images as unknown as Tensor;
    if (t.size % DIGIT_PIXELS !== 0) {
      throw new RangeError(`expected digits of ${DIGIT_PIXELS} numbers each, got a tensor of shape [${t.shape}]`);
    }
    return { pixels: Float32Array.from(t.dataSync()), single: t.rank === 1 };
  }
  if (!Array.isArray(images) && !ArrayBuffer.isView(images)) {
    throw new TypeError('predict(images): give one digit (784 numbers), a list of digits, or a tensor [N, 784]');
  }
  const list = images as ArrayLike<unknown>;
  const single = list.length > 0 && typeof list[0] === 'number';
  const rows = (single ? [list] : Array.from(list)) as ArrayLike<number>[];
  const pixels = new Float32Array(rows.length * DIGIT_PIXELS);
  rows.forEach((row, i) => {
    if (!row || row.length !== DIGIT_PIXELS) {
      throw new RangeError(`digit ${i} has ${row?.length ?? 0} numbers, expected ${DIGIT_PIXELS} (28 × 28)`);
    }
    pixels.set(row, i * DIGIT_PIXELS);
  });
  return { pixels, single };
}

/** A shipped model as a reader sees it. */
function cellModel(tf: Tf, entry: ZooModelEntry, weights: Float32Array[]) {
  const model = zooModelFromWeights(entry, weights);
  const asInput = (x: Tensor) => {
    if (!(x instanceof tf.Tensor)) throw new TypeError('logits(x) and loss(x, labels) take a tensor x [N, 784]');
    return x as Tensor2D;
  };
  return Object.freeze({
    name: entry.name,
    title: entry.title,
    parameters: entry.parameters,
    /** Class probabilities: 10 numbers for one digit, N rows of 10 for N digits. */
    predict(images: unknown): number[] | number[][] {
      const { pixels, single } = pixelsOf(tf, images);
      const p = model.predict(pixels);
      const rows = Array.from({ length: p.length / DIGIT_CLASSES }, (_, i) =>
        Array.from(p.subarray(i * DIGIT_CLASSES, (i + 1) * DIGIT_CLASSES)),
      );
      return single ? rows[0] : rows;
    },
    /** Logits [N, 10] of x [N, 784], differentiable with respect to x (tf.grad works through it). */
    logits(x: Tensor): Tensor2D {
      return model.logits(asInput(x), 'attack');
    },
    /** Mean cross-entropy of x's logits against the labels (numbers 0 … 9), differentiable in x. */
    loss(x: Tensor, labels: ArrayLike<number>): Tensor {
      return tf.tidy(() => crossEntropy(model.logits(asInput(x), 'attack'), oneHotLabels(labels)));
    },
    dispose(): void {
      model.dispose();
    },
  });
}

/** The `zoo` binding: the shipped models' weights and the test split, all read now. */
export async function loadZoo(tf: Tf, assets: ZooAssets) {
  const manifest = await assets.manifest();
  const [test, ...weights] = await Promise.all([
    assets.split('test'),
    ...ZOO_MODEL_NAMES.map((name) => assets.weights(name)),
  ]);
  const entryOf = (name: unknown): [ZooModelEntry, Float32Array[]] => {
    const i = ZOO_MODEL_NAMES.indexOf(name as ZooModelName);
    const entry = manifest.models.find((m) => m.name === name);
    if (i < 0 || !entry) {
      throw new RangeError(`the zoo has no model "${String(name)}": try one of ${ZOO_MODEL_NAMES.join(', ')}`);
    }
    return [entry, weights[i]];
  };
  return Object.freeze({
    names: Object.freeze([...ZOO_MODEL_NAMES]),
    /** What the manifest records of a model: its title, architecture, size and measured accuracies. */
    info(name: ZooModelName) {
      const [e] = entryOf(name);
      return {
        name: e.name,
        title: e.title,
        description: e.description,
        parameters: e.parameters,
        testAccuracy: e.test.accuracy,
        pgdAccuracy: e.pgd?.accuracy ?? null,
      };
    },
    /** A new model holding the shipped weights (synchronous: `await zoo.load(name)` works too). */
    load(name: ZooModelName) {
      return cellModel(tf, ...entryOf(name));
    },
    test: splitBinding(tf, test, 'test'),
  });
}
