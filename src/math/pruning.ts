/**
 * Pruning in plain numbers: magnitude masks (unstructured: single weights), and structured pruning
 * (whole hidden units and convolution filters), which leaves a smaller dense model.
 *
 * Unstructured (Han et al. 2015): remove the weights of smallest |w|. Layer-wise, each weight array loses
 * the same share; globally, one threshold over all of them, so layers with many small weights lose
 * more. Exactly round(s · n) weights go (ties broken by position), so the requested sparsity is exact.
 * Biases are never pruned (they are 0.2% of the zoo's parameters or less).
 *
 * Structured (Li et al. 2017, §3.1): score each unit of a hidden layer by the L1 norm of its incoming
 * weights, keep the round((1 − s) · units) best (at least one), and cut the unit out everywhere: its
 * column of the layer's weights, its bias, and its row (its input channel) in the next layer. The result
 * is a smaller network computing with dense kernels, so it is faster as well as smaller.
 */
import type { ZooArchitecture } from './zoo';
import { CNN_FINAL_SIDE, DIGIT_CLASSES, DIGIT_PIXELS } from './zoo';

export const PRUNE_SCOPES = ['global', 'layer'] as const;
export type PruneScope = (typeof PRUNE_SCOPES)[number];
export const PRUNE_STRUCTURES = ['unstructured', 'structured'] as const;
export type PruneStructure = (typeof PRUNE_STRUCTURES)[number];

export const isPrunable = (shape: readonly number[]) => shape.length >= 2;

export function checkSparsity(s: number): void {
  if (!(s >= 0 && s < 1)) throw new RangeError(`sparsity must be in [0, 1), got ${s}`);
}

/** Positions sorted by |value|, smallest first, ties by position. */
function byMagnitude(values: ArrayLike<number>, offset = 0, into?: { key: number; at: number }[]) {
  const out = into ?? [];
  for (let i = 0; i < values.length; i++) out.push({ key: Math.abs(values[i]), at: offset + i });
  return out;
}

/**
 * Keep-masks (1 keep, 0 pruned) removing exactly round(s · n) of the prunable weights by magnitude: of
 * each weight array (layer-wise) or of all of them together (global). Biases get all-ones masks.
 * `base` masks (from an earlier round) mark weights already gone: they stay gone, and the share
 * counts them.
 */
export function magnitudeMasks(
  weights: readonly ArrayLike<number>[],
  shapes: readonly (readonly number[])[],
  sparsity: number,
  scope: PruneScope,
  { base, rate }: { base?: readonly Uint8Array[]; rate?: readonly number[] } = {},
): Uint8Array[] {
  checkSparsity(sparsity);
  const masks = weights.map((w) => new Uint8Array(w.length).fill(1));
  const prunable = shapes.map(isPrunable);
  // Weights already pruned sort first (key -1), so a round only adds to the previous mask.
  const entries = (i: number, offset: number, into?: { key: number; at: number }[]) => {
    const list = byMagnitude(weights[i], offset, into);
    if (base)
      for (let j = 0; j < weights[i].length; j++) if (!base[i][j]) list[list.length - weights[i].length + j].key = -1;
    return list;
  };
  const cut = (list: { key: number; at: number }[], k: number, locate: (at: number) => [number, number]) => {
    list.sort((a, b) => a.key - b.key || a.at - b.at);
    for (let r = 0; r < k; r++) {
      const [i, j] = locate(list[r].at);
      masks[i][j] = 0;
    }
  };
  if (scope === 'layer') {
    weights.forEach((w, i) => {
      if (!prunable[i]) return;
      const s = rate ? Math.min(0.999999, sparsity * rate[i]) : sparsity;
      cut(entries(i, 0), Math.round(s * w.length), (at) => [i, at]);
    });
  } else {
    const starts: number[] = [];
    const list: { key: number; at: number }[] = [];
    let total = 0;
    weights.forEach((w, i) => {
      starts.push(total);
      if (prunable[i]) {
        entries(i, total, list);
        total += w.length;
      }
    });
    const locate = (at: number): [number, number] => {
      let i = 0;
      while (!prunable[i] || at >= starts[i] + weights[i].length) i++;
      return [i, at - starts[i]];
    };
    cut(list, Math.round(sparsity * total), locate);
  }
  return masks;
}

export function applyMasks(weights: readonly ArrayLike<number>[], masks: readonly Uint8Array[]): Float32Array[] {
  return weights.map((w, i) => Float32Array.from(w, (v, j) => (masks[i][j] ? v : 0)));
}

export interface SparsityReport {
  /** Per array: weights, zeros (pruned), share pruned. */
  arrays: { size: number; pruned: number; sparsity: number; prunable: boolean }[];
  /** Over the prunable arrays. */
  prunableSize: number;
  pruned: number;
  sparsity: number;
}

export function sparsityOf(masks: readonly Uint8Array[], shapes: readonly (readonly number[])[]): SparsityReport {
  const arrays = masks.map((m, i) => {
    let pruned = 0;
    for (const v of m) if (!v) pruned++;
    return { size: m.length, pruned, sparsity: m.length ? pruned / m.length : 0, prunable: isPrunable(shapes[i]) };
  });
  const prunableSize = arrays.filter((a) => a.prunable).reduce((s, a) => s + a.size, 0);
  const pruned = arrays.filter((a) => a.prunable).reduce((s, a) => s + a.pruned, 0);
  return { arrays, prunableSize, pruned, sparsity: prunableSize ? pruned / prunableSize : 0 };
}

// ---------------------------------------------------------------------------------------------------
// Structured pruning

/** Entries of `values` (shape `shape`, row-major) whose index on `axis` is in `keep`, as a new array. */
export function selectAxis(values: ArrayLike<number>, shape: readonly number[], axis: number, keep: readonly number[]) {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = shape[axis];
  const out = new Float32Array(outer * keep.length * inner);
  let at = 0;
  for (let o = 0; o < outer; o++) {
    for (const k of keep) {
      const from = (o * n + k) * inner;
      for (let i = 0; i < inner; i++) out[at++] = values[from + i];
    }
  }
  const newShape = [...shape];
  newShape[axis] = keep.length;
  return { values: out, shape: newShape };
}

/** L1 norm of each index of `axis`: Σ |values| over every other axis. */
export function axisL1(values: ArrayLike<number>, shape: readonly number[], axis: number): number[] {
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = shape[axis];
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) out[Math.floor(i / inner) % n] += Math.abs(values[i]);
  return out;
}

/** Indices of the `count` largest scores (ties by index), in increasing index order. */
export function topIndices(scores: readonly number[], count: number): number[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, count)
    .map((e) => e.i)
    .sort((a, b) => a - b);
}

export const keptUnits = (units: number, sparsity: number) => Math.max(1, Math.round(units * (1 - sparsity)));

export interface HiddenLayer {
  name: string;
  units: number;
  kept: number[];
}

export interface StructuredResult {
  architecture: ZooArchitecture;
  weights: Float32Array[];
  shapes: number[][];
  layers: HiddenLayer[];
}

/**
 * Removes the share `sparsity` of the units of every hidden layer (filters of each convolution, units
 * of each dense hidden layer), layer after layer, scored on the weights as they are when the layer's
 * turn comes. Softmax regression has no hidden unit to remove.
 */
export function structuredPrune(
  architecture: ZooArchitecture,
  weights: readonly ArrayLike<number>[],
  shapes: readonly (readonly number[])[],
  sparsity: number,
): StructuredResult {
  checkSparsity(sparsity);
  const w = weights.map((a) => Float32Array.from(a));
  const s = shapes.map((a) => [...a]);
  const layers: HiddenLayer[] = [];
  /** Cut the kept units of one layer: its output axis in arrays (i, axis) and its input axis in (j, axis). */
  const cut = (
    name: string,
    out: [number, number][],
    into: [number, number, number[]?][],
    scoreOf: [number, number],
  ) => {
    const [si, sa] = scoreOf;
    const scores = axisL1(w[si], s[si], sa);
    const kept = topIndices(scores, keptUnits(scores.length, sparsity));
    layers.push({ name, units: scores.length, kept });
    for (const [i, axis] of out) ({ values: w[i], shape: s[i] } = selectAxis(w[i], s[i], axis, kept));
    for (const [i, axis, view] of into) {
      if (!view) ({ values: w[i], shape: s[i] } = selectAxis(w[i], s[i], axis, kept));
      else {
        // A flattened input (the dense layer after the last pool) is seen as [7, 7, channels, out].
        const r = selectAxis(w[i], view, axis, kept);
        w[i] = r.values;
        s[i] = [r.values.length / s[i][s[i].length - 1], s[i][s[i].length - 1]];
      }
    }
  };
  switch (architecture.kind) {
    case 'softmax':
      throw new RangeError('softmax regression has no hidden units to remove');
    case 'mlp': {
      architecture.hidden.forEach((_, l) => {
        cut(
          `hidden layer ${l + 1}`,
          [
            [2 * l, 1],
            [2 * l + 1, 0],
          ],
          [[2 * l + 2, 0]],
          [2 * l, 1],
        );
      });
      return {
        architecture: { kind: 'mlp', hidden: layers.map((l) => l.kept.length) },
        weights: w,
        shapes: s,
        layers,
      };
    }
    case 'cnn': {
      cut(
        'convolution 1 (filters)',
        [
          [0, 3],
          [1, 0],
        ],
        [[2, 2]],
        [0, 3],
      );
      const f2 = s[2][3];
      cut(
        'convolution 2 (filters)',
        [
          [2, 3],
          [3, 0],
        ],
        [[4, 2, [CNN_FINAL_SIDE, CNN_FINAL_SIDE, f2, s[4][1]]]],
        [2, 3],
      );
      cut(
        'dense layer (units)',
        [
          [4, 1],
          [5, 0],
        ],
        [[6, 0]],
        [4, 1],
      );
      return {
        architecture: {
          kind: 'cnn',
          kernel: architecture.kernel,
          filters: [layers[0].kept.length, layers[1].kept.length],
          dense: layers[2].kept.length,
        },
        weights: w,
        shapes: s,
        layers,
      };
    }
  }
}

/** Multiply-adds of one digit's forward pass (convolutions 'same', stride 1; pools and biases not counted). */
export function multiplyAdds(a: ZooArchitecture): number {
  switch (a.kind) {
    case 'softmax':
      return DIGIT_PIXELS * DIGIT_CLASSES;
    case 'mlp': {
      const widths = [DIGIT_PIXELS, ...a.hidden, DIGIT_CLASSES];
      return widths.slice(1).reduce((s, out, i) => s + widths[i] * out, 0);
    }
    case 'cnn': {
      const k2 = a.kernel * a.kernel;
      const [f1, f2] = a.filters;
      const side = CNN_FINAL_SIDE * 4;
      const conv1 = side * side * k2 * 1 * f1;
      const conv2 = (side / 2) ** 2 * k2 * f1 * f2;
      const flat = CNN_FINAL_SIDE * CNN_FINAL_SIDE * f2;
      return conv1 + conv2 + flat * a.dense + a.dense * DIGIT_CLASSES;
    }
  }
}

/**
 * Bytes of a weight array stored sparse, as compressed sparse rows over its flattened [rows, columns]
 * view (columns = the last axis): a float32 value and a uint32 column index per kept weight, and a
 * uint32 row pointer per row plus one. At half the weights kept it is already no smaller than dense.
 */
export function csrBytes(shape: readonly number[], kept: number): number {
  const cols = shape[shape.length - 1] ?? 1;
  const rows = shape.reduce((a, b) => a * b, 1) / cols;
  return 8 * kept + 4 * (rows + 1);
}

/** A model's bytes with its prunable arrays stored sparse (CSR) and its biases dense float32. */
export function sparseModelBytes(masks: readonly Uint8Array[], shapes: readonly (readonly number[])[]): number {
  return masks.reduce((s, m, i) => {
    if (!isPrunable(shapes[i])) return s + 4 * m.length;
    let kept = 0;
    for (const v of m) kept += v;
    return s + csrBytes(shapes[i], kept);
  }, 0);
}
