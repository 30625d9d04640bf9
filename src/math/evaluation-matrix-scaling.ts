/**
 * Matrix scaling (and its diagonal special case, vector scaling) of a K-class classifier's logits, the
 * richer calibration maps Guo et al. 2017 compare with temperature scaling (§4.2 "Matrix and vector
 * scaling"). Plain numbers, no tfjs; rows are flat (N rows of K numbers); sums run in float64.
 *
 * The map: q_n = softmax(u_n), u_n = W z_n + b, with z_n ∈ R^K the model's logits, W a K × K matrix and
 *   b ∈ R^K, so K² + K parameters (110 for 10 digits). Vector scaling keeps W diagonal (2K parameters).
 *   Temperature scaling is the one-parameter case W = I / T, b = 0.
 * The fit: minimise the mean NLL of the fitting rows,
 *   L(W, b) = (1/N) Σ_n [ logsumexp(u_n) - u_n[y_n] ],
 *   whose gradient is (the softmax-cross-entropy derivative ∂L_n/∂u_n = q_n - e_{y_n}, by the chain rule)
 *   ∂L/∂W = (1/N) Σ_n (q_n - e_{y_n}) z_n^T,    ∂L/∂b = (1/N) Σ_n (q_n - e_{y_n}).
 *   L is convex in (W, b) (a log-sum-exp of affine functions minus an affine one), so a descent method
 *   from any start heads to the global minimum, but the minimum need not exist: when a W separates the
 *   fitting rows (likely with few rows and 110 parameters) L → 0 only as ‖W‖ → ∞. The stopping rule
 *   then decides how far the fit goes, which is why a small fitting set overfits.
 * The start: W = I, b = 0, so the fit starts exactly at the uncalibrated model (q = softmax(z)).
 * The optimiser: L-BFGS (Nocedal & Wright 2006, Algorithm 7.4, the two-loop recursion, memory 10) with a
 *   backtracking line search on the Armijo condition L(θ + α d) ≤ L(θ) + c₁ α ∇L·d (c₁ = 1e-4, α halved
 *   from 1). Deterministic: no randomness, a fixed order of sums. It stops when the largest gradient entry
 *   is below `gradientTolerance`, when a full step (or a step down the plain gradient) lowers L by less
 *   than `lossTolerance`·max(1, L) (after a shortened step the memory is cleared instead), when no step
 *   along the direction lowers L enough, or after `maxIterations` iterations.
 * Unlike dividing by one T, a general W can reorder a row's entries, so the argmax, and accuracy, can change.
 */
import {
  calibrationReport,
  fitTemperature,
  temperatureStudyAt,
  type CalibrationOptions,
  type CalibrationReport,
  type TemperatureStudy,
} from './evaluation-calibration';

export const SCALING_FORMS = ['matrix', 'vector'] as const;
export type ScalingForm = (typeof SCALING_FORMS)[number];

export interface AffineMap {
  /** Number of classes. */
  k: number;
  /** W, row-major (W[i][j] at i·K + j): u_i = Σ_j W[i][j] z_j + b_i. */
  w: Float64Array;
  b: Float64Array;
}

export interface MatrixScalingOptions {
  form?: ScalingForm;
  maxIterations?: number;
  gradientTolerance?: number;
  lossTolerance?: number;
}

export const MATRIX_SCALING_DEFAULTS = {
  form: 'matrix',
  maxIterations: 500,
  gradientTolerance: 1e-6,
  lossTolerance: 1e-10,
} as const satisfies Required<MatrixScalingOptions>;

export type StopReason = 'gradient' | 'loss' | 'line-search' | 'iterations';

export interface MatrixScalingFit extends AffineMap {
  form: ScalingForm;
  /** Free parameters: K² + K for a matrix, 2K for a vector. */
  parameters: number;
  /** Fitting rows, their mean NLL at the start (W = I, b = 0: the model as trained) and at the fit. */
  count: number;
  nllBefore: number;
  nllAfter: number;
  iterations: number;
  stop: StopReason;
}

/** W = I, b = 0: the map that leaves the logits as they are. */
export function identityMap(k: number): AffineMap {
  const w = new Float64Array(k * k);
  for (let i = 0; i < k; i++) w[i * k + i] = 1;
  return { k, w, b: new Float64Array(k) };
}

function checkRows(logits: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`need at least 2 classes, got ${k}`);
  const n = labels.length;
  if (logits.length !== n * k) throw new RangeError(`${logits.length} numbers for ${n} rows of ${k}`);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < k)) throw new RangeError(`label ${i} is ${y}, not 0 … ${k - 1}`);
  }
  return n;
}

/** u_n = W z_n + b for every row (float64). */
export function applyAffine(logits: ArrayLike<number>, map: AffineMap): Float64Array {
  const { k, w, b } = map;
  const n = logits.length / k;
  if (!Number.isInteger(n)) throw new RangeError(`${logits.length} numbers are not whole rows of ${k}`);
  const out = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    const o = r * k;
    for (let i = 0; i < k; i++) {
      let s = b[i];
      for (let j = 0; j < k; j++) s += w[i * k + j] * logits[o + j];
      out[o + i] = s;
    }
  }
  return out;
}

/**
 * L(W, b) and its gradient, θ = (W row-major, b) in one vector of K² + K numbers. The gradient is written
 * into `grad` (same layout); returns L. Each row's softmax subtracts its max first.
 */
export function affineNll(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  theta: ArrayLike<number>,
  grad?: Float64Array,
): number {
  const n = labels.length;
  if (theta.length !== k * k + k) throw new RangeError(`θ has ${theta.length} numbers, not K² + K = ${k * k + k}`);
  if (grad) grad.fill(0);
  if (n === 0) return NaN;
  const u = new Float64Array(k);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const o = r * k;
    let max = -Infinity;
    for (let i = 0; i < k; i++) {
      let s = theta[k * k + i];
      for (let j = 0; j < k; j++) s += theta[i * k + j] * logits[o + j];
      u[i] = s;
      if (s > max) max = s;
    }
    const y = labels[r];
    // -log q_y = logsumexp(u) - u_y = log Σ_i exp(u_i - max) - (u_y - max), with no exp of a large number.
    const gap = u[y] - max;
    let sum = 0;
    for (let i = 0; i < k; i++) {
      u[i] = Math.exp(u[i] - max);
      sum += u[i];
    }
    total += Math.log(sum) - gap;
    if (grad) {
      for (let i = 0; i < k; i++) {
        const d = u[i] / sum - (i === y ? 1 : 0); // q_i - 1[i = y]
        if (d === 0) continue;
        for (let j = 0; j < k; j++) grad[i * k + j] += d * logits[o + j];
        grad[k * k + i] += d;
      }
    }
  }
  if (grad) for (let i = 0; i < grad.length; i++) grad[i] /= n;
  return total / n;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * Fits W and b (a matrix, or a diagonal W for vector scaling) to minimise the mean NLL of the rows, from
 * W = I, b = 0, by L-BFGS with a backtracking line search (see the file comment for the math and the
 * stopping rule). For vector scaling the gradient's off-diagonal W entries are zeroed, so every step stays
 * diagonal.
 */
export function fitMatrixScaling(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  options: MatrixScalingOptions = {},
): MatrixScalingFit {
  const o = { ...MATRIX_SCALING_DEFAULTS, ...options };
  if (!(Number.isInteger(o.maxIterations) && o.maxIterations >= 0 && o.maxIterations <= 100_000)) {
    throw new RangeError(`maxIterations must be 0 … 100000, got ${o.maxIterations}`);
  }
  const n = checkRows(logits, labels, k);
  if (n === 0) throw new RangeError('matrix scaling needs at least one fitting row');
  const size = k * k + k;
  const free = new Uint8Array(size).fill(1);
  if (o.form === 'vector') for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) free[i * k + j] = 0;
  const f = (x: Float64Array, g: Float64Array) => {
    const v = affineNll(logits, labels, k, x, g);
    for (let i = 0; i < size; i++) if (!free[i]) g[i] = 0;
    return v;
  };
  const start = identityMap(k);
  let x = new Float64Array(size);
  x.set(start.w);
  let g = new Float64Array(size);
  let fx = f(x, g);
  const nllBefore = fx;
  const memory = 10;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(size);
  const alpha = new Array<number>(memory);
  let xNew = new Float64Array(size);
  let gNew = new Float64Array(size);
  let iterations = 0;
  let stop: StopReason;
  const gMax = (v: Float64Array) => v.reduce((m, e) => Math.max(m, Math.abs(e)), 0);
  while (true) {
    if (gMax(g) < o.gradientTolerance) {
      stop = 'gradient';
      break;
    }
    if (iterations >= o.maxIterations) {
      stop = 'iterations';
      break;
    }
    // Two-loop recursion: d = -H g, H the L-BFGS inverse-Hessian estimate from the last pairs (s, y),
    // scaled by γ = s·y / y·y of the newest pair (the identity before the first pair).
    for (let i = 0; i < size; i++) d[i] = -g[i];
    for (let m = S.length - 1; m >= 0; m--) {
      alpha[m] = rho[m] * dot(S[m], d);
      for (let i = 0; i < size; i++) d[i] -= alpha[m] * Y[m][i];
    }
    if (S.length) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let i = 0; i < size; i++) d[i] *= gamma;
    }
    for (let m = 0; m < S.length; m++) {
      const beta = rho[m] * dot(Y[m], d);
      for (let i = 0; i < size; i++) d[i] += (alpha[m] - beta) * S[m][i];
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (rounding in a flat valley): forget the memory, go down the gradient.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < size; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    // The first step has no curvature yet: a step of at most 1 in the largest entry.
    const fromMemory = S.length > 0;
    let step = fromMemory ? 1 : Math.min(1, 1 / gMax(g));
    const firstStep = step;
    let fNew = NaN;
    let accepted = false;
    for (let tries = 0; tries < 50; tries++) {
      for (let i = 0; i < size; i++) xNew[i] = x[i] + step * d[i];
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) {
      stop = 'line-search';
      break;
    }
    iterations++;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    // Keep the pair only if it carries positive curvature (L is convex, so only rounding can break it).
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const decrease = fx - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (decrease < o.lossTolerance * Math.max(1, Math.abs(fx))) {
      // A tiny decrease after a shortened step may be a poor direction, not the bottom: start the memory
      // afresh and go on; a tiny decrease along a full step, or down the plain gradient, ends the fit.
      if (!(fromMemory && step < firstStep)) {
        stop = 'loss';
        break;
      }
      S.length = Y.length = rho.length = 0;
    }
  }
  return {
    k,
    w: x.slice(0, k * k),
    b: x.slice(k * k),
    form: o.form,
    parameters: o.form === 'vector' ? 2 * k : size,
    count: n,
    nllBefore,
    nllAfter: fx,
    iterations,
    stop,
  };
}

/**
 * Both calibration maps fitted on the first `count` validation rows: one temperature (fitTemperature)
 * and a matrix (fitMatrixScaling). What a study needs that does not depend on the binning or the seed,
 * so the lab's worker keeps it per model and fitting size.
 */
export interface ScalingFits {
  count: number;
  temperature: number;
  matrix: MatrixScalingFit;
}

/** The first `count` rows of a split (the zoo's validation split interleaves the classes: count/10 of each). */
export function firstRows<L extends ArrayLike<number> & { subarray(a: number, b: number): L }>(
  split: { logits: Float32Array; labels: L },
  k: number,
  count: number,
): { logits: Float32Array; labels: L } {
  const n = split.labels.length;
  if (!(Number.isInteger(count) && count >= 1 && count <= n)) {
    throw new RangeError(`fitting rows must be an integer from 1 to ${n}, got ${count}`);
  }
  return { logits: split.logits.subarray(0, count * k), labels: split.labels.subarray(0, count) };
}

export function fitScalings(
  validation: { logits: Float32Array; labels: Uint8Array },
  k: number,
  count: number,
  options: MatrixScalingOptions = {},
): ScalingFits {
  const rows = firstRows(validation, k, count);
  return {
    count,
    temperature: fitTemperature(rows.logits, rows.labels, k),
    matrix: fitMatrixScaling(rows.logits, rows.labels, k, options),
  };
}

/**
 * The lab's study: temperature scaling as before (temperatureStudy's fields, with validationNll on the
 * fitting rows), plus the matrix fitted on the same rows and the test split's report under it.
 */
export interface ScalingStudy extends TemperatureStudy {
  fitCount: number;
  matrix: {
    fit: Omit<MatrixScalingFit, 'w' | 'b' | 'k'>;
    after: CalibrationReport;
  };
}

export function scalingStudy(
  fits: ScalingFits,
  validation: { logits: Float32Array; labels: Uint8Array },
  test: { logits: ArrayLike<number>; labels: ArrayLike<number> },
  k: number,
  o: CalibrationOptions,
): ScalingStudy {
  const rows = firstRows(validation, k, fits.count);
  const { temperature, matrix } = fits;
  const { w: _w, b: _b, k: _k, ...fit } = matrix;
  return {
    ...temperatureStudyAt(temperature, rows, test, k, o),
    fitCount: fits.count,
    matrix: { fit, after: calibrationReport(applyAffine(test.logits, matrix), test.labels, k, 1, o) },
  };
}
