/**
 * Plain-number computation for the scaled dot-product explorer. No DOM, no tensors: at most 16 queries
 * and 16 keys of 512 entries, plus a Monte Carlo saturation curve (see saturationCurve for its cost).
 *
 * The teaching point. With query and key entries drawn i.i.d. from N(0, 1), each product q_c·k_c has
 * mean 0 and variance 1, so the score q·k = Σ_c q_c k_c has variance d: its spread grows like √d.
 * A softmax of numbers spread over ±3√d is almost one-hot, its gradient almost zero. Dividing by √d
 * brings the variance back to 1 whatever d is (Vaswani et al. 2017, footnote 4).
 */
import { attention, type Matrix } from '../../math/attention';
import { deriveSeed, mulberry32, randNormal } from '../../math/random';
import { entropy } from '../../math/softmax';
import type { ScaledDotProductParams } from './params';

export interface ScaledDotProductResult {
  /** [tokens][d] query vectors and key vectors, entries N(0, 1). */
  queries: Matrix;
  keys: Matrix;
  /** Scores as the softmax sees them (divided by √d when scaling is on), [query][key], before masking. */
  scores: Matrix;
  /** mask[i][j] is true where the causal mask hides key j from query i. */
  mask: boolean[][];
  /** Softmax of score / τ over the visible keys; each row sums to 1, masked entries are exactly 0. */
  weights: Matrix;
  /** The detailed query, clamped to the sequence (a query past the end moves to the last token). */
  query: number;
  queryScores: number[];
  queryWeights: number[];
  /** How many keys the detailed query may see (i + 1 under the causal mask). */
  visibleKeys: number;
  /** Entropy of the query's weights in nats; ln(visibleKeys) would be uniform, 0 one-hot. */
  entropy: number;
  uniformEntropy: number;
  maxWeight: number;
  /** Index of the key with the largest weight. */
  topKey: number;
  /** Empirical standard deviation of the visible scores, against the theory: √d unscaled, 1 scaled. */
  scoreStd: number;
  expectedStd: number;
  curve: SaturationPoint[];
  /** The curve's end points in one sentence, for the caption under it. */
  curveNote: string;
  summary: string;
}

/**
 * One random vector per token, each from its own seeded stream (queries on even streams, keys on odd).
 * Entry c of a vector does not depend on d, so raising d appends entries and keeps the old ones: the
 * slider grows the same vectors instead of redrawing them, and adding tokens keeps the earlier tokens.
 */
function drawVectors(seed: number, count: number, d: number, parity: 0 | 1): Matrix {
  return Array.from({ length: count }, (_, t) => {
    const rng = mulberry32(deriveSeed(seed, 2 * t + parity));
    return Array.from({ length: d }, () => randNormal(rng));
  });
}

export function computeScaledDotProduct(p: ScaledDotProductParams): ScaledDotProductResult {
  const queries = drawVectors(p.seed, p.tokens, p.d, 0);
  const keys = drawVectors(p.seed, p.tokens, p.d, 1);
  // The widget studies weights, not outputs: value vectors of length 0 make the output step free.
  const { scores, weights } = attention(
    queries,
    keys,
    keys.map(() => []),
    { scale: p.scale, causal: p.causal, temperature: p.temperature },
  );
  const mask = scores.map((row, i) => row.map((_, j) => p.causal && j > i));

  const query = Math.min(p.query, p.tokens - 1);
  const queryWeights = weights[query];
  const visibleKeys = p.causal ? query + 1 : p.tokens;
  let topKey = 0;
  queryWeights.forEach((w, j) => {
    if (w > queryWeights[topKey]) topKey = j;
  });

  const visible = scores.flatMap((row, i) => row.filter((_, j) => !mask[i][j]));
  const mean = visible.reduce((a, b) => a + b, 0) / visible.length;
  const scoreStd = Math.sqrt(visible.reduce((a, s) => a + (s - mean) ** 2, 0) / visible.length);

  const curve = cachedSaturationCurve(p.seed, p.tokens, p.temperature);
  const view: Omit<ScaledDotProductResult, 'summary'> = {
    queries,
    keys,
    scores,
    mask,
    weights,
    query,
    queryScores: scores[query],
    queryWeights,
    visibleKeys,
    entropy: entropy(queryWeights),
    uniformEntropy: Math.log(visibleKeys),
    maxWeight: queryWeights[topKey],
    topKey,
    scoreStd,
    expectedStd: p.scale ? 1 : Math.sqrt(p.d),
    curve,
    curveNote: describeCurve(curve, p.tokens, p.temperature),
  };
  return { ...view, summary: summarise(p, view) };
}

/**
 * 97% for most weights; near the ends one decimal, then a bound, so a weight of 0.99997 never reads
 * as a false "100%". Exactly 1 (a query that sees one key, or a gap so large that the other
 * exponentials vanish next to 1 in floating point) and a masked key's exact 0 print as they are.
 */
export function percent(w: number): string {
  if (w === 1 || w === 0) return `${w * 100}%`;
  if (w > 0.999) return '>99.9%';
  if (w < 0.001) return '<0.1%';
  if (w > 0.995 || w < 0.005) return `${(w * 100).toFixed(1)}%`;
  return `${Math.round(w * 100)}%`;
}

function summarise(p: ScaledDotProductParams, v: Omit<ScaledDotProductResult, 'summary'>): string {
  const setting = [
    `d = ${p.d}`,
    p.scale ? 'scaled by 1/√d' : 'unscaled',
    ...(p.temperature !== 1 ? [`τ = ${p.temperature}`] : []),
    ...(p.causal ? ['causal'] : []),
  ].join(', ');
  const over = p.causal ? `uniform over its ${v.visibleKeys} visible keys` : 'uniform';
  return (
    `${setting}: query ${v.query} puts ${percent(v.maxWeight)} of its weight on key ${v.topKey} ` +
    `(entropy ${v.entropy.toFixed(2)} nats; ${over} would be ${v.uniformEntropy.toFixed(2)}).`
  );
}

// ---------------------------------------------------------------------------------------------------
// Saturation curve: how peaked is the softmax, on average, as d grows?

/** Vector sizes of the curve: powers of two across the d slider's range, even on a log axis. */
export const CURVE_DS: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/** Draws averaged per point: a max weight varies by at most ~0.3 between draws, so the mean's error is ~0.02. */
export const CURVE_DRAWS = 200;

export interface SaturationStats {
  /** Mean over draws of the largest softmax weight: 1/tokens is uniform, 1 is one-hot. */
  maxWeight: number;
  /** Mean entropy of the weights in nats: ln(tokens) is uniform, 0 is one-hot. */
  entropy: number;
}

export interface SaturationPoint {
  d: number;
  scaled: SaturationStats;
  unscaled: SaturationStats;
}

export interface SaturationOptions {
  seed: number;
  /** Keys per query (no mask: the curve is about the scores, not about which keys are visible). */
  tokens: number;
  temperature: number;
  ds?: readonly number[];
  draws?: number;
}

/**
 * Monte Carlo estimate of the softmax's peakedness for each d in `ds`, with and without 1/√d.
 *
 * Drawing every key entry would cost draws × tokens × max(d) normal samples (1.6 M at 16 tokens, about
 * 150 ms in V8: too long for one main-thread task). A fact about Gaussians makes it exact and cheap:
 * given the query q, each score q·k = Σ_c q_c k_c is a sum of independent N(0, q_c²) terms, so it is
 * N(0, ‖q‖²), and disjoint blocks of entries add independent pieces. Walking d up the sorted sizes, a
 * block of entries adds √(Σ_block q_c²) · z_j to key j's score, with one fresh z_j ~ N(0, 1) per key.
 * The block's Σ q_c² is itself one chi-square sample (see chiSquare), so a draw costs about
 * max(d)/2 + tokens × |ds| random numbers, and the whole curve a few milliseconds.
 * Each draw follows its scores as d grows, so the points of one curve share their random numbers:
 * the curve comes out smooth without biasing any point.
 */
export function saturationCurve({
  seed,
  tokens,
  temperature,
  ds = CURVE_DS,
  draws = CURVE_DRAWS,
}: SaturationOptions): SaturationPoint[] {
  const sorted = [...new Set(ds)].filter((d) => Number.isInteger(d) && d >= 1).sort((a, b) => a - b);
  const sums = sorted.map(() => ({ sMax: 0, sH: 0, uMax: 0, uH: 0 }));
  const raw = new Array<number>(tokens);
  // The curve's own stream, apart from the vectors the heatmaps show (streams 0..31).
  const curveSeed = deriveSeed(seed, 1000);

  for (let draw = 0; draw < draws; draw++) {
    const rng = mulberry32(deriveSeed(curveSeed, draw));
    raw.fill(0);
    let done = 0;
    sorted.forEach((d, g) => {
      // Squared norm of the query's entries done+1 .. d: the variance this block adds to each score.
      const sd = Math.sqrt(chiSquare(rng, d - done));
      done = d;
      for (let j = 0; j < tokens; j++) raw[j] += sd * randNormal(rng);

      const unscaled = softmaxPeak(raw, 1 / temperature);
      const scaled = softmaxPeak(raw, 1 / (temperature * Math.sqrt(d)));
      sums[g].uMax += unscaled.maxWeight;
      sums[g].uH += unscaled.entropy;
      sums[g].sMax += scaled.maxWeight;
      sums[g].sH += scaled.entropy;
    });
  }
  return sorted.map((d, g) => ({
    d,
    scaled: { maxWeight: sums[g].sMax / draws, entropy: sums[g].sH / draws },
    unscaled: { maxWeight: sums[g].uMax / draws, entropy: sums[g].uH / draws },
  }));
}

/** The curve in words, from its first and last points: what the chart shows, for every reader. */
export function describeCurve(curve: SaturationPoint[], tokens: number, temperature = 1): string {
  const top = curve[curve.length - 1];
  if (!top) return '';
  const first = curve[0];
  return (
    `Each point averages ${CURVE_DRAWS} random draws of one query against ${tokens} keys` +
    `${temperature === 1 ? '' : ` at τ = ${temperature}`}. ` +
    `Raw scores: the top key's share grows from ${percent(first.unscaled.maxWeight)} at d = ${first.d} ` +
    `to ${percent(top.unscaled.maxWeight)} at d = ${top.d} (entropy ${top.unscaled.entropy.toFixed(2)} nats). ` +
    `Divided by √d: ${percent(first.scaled.maxWeight)} to ${percent(top.scaled.maxWeight)} ` +
    `(entropy ${top.scaled.entropy.toFixed(2)}). Uniform is ${percent(1 / tokens)} ` +
    `(entropy ${Math.log(tokens).toFixed(2)}).`
  );
}

/**
 * Largest weight and entropy of softmax(k · scores), in one pass with no arrays (the curve needs 4,000
 * of these per redraw; allocating each softmax made the garbage collector the largest cost).
 * With y_i = k·s_i − max and Z = Σ e^{y_i}: the top weight is e⁰/Z = 1/Z, and
 * H = −Σ p_i ln p_i = −Σ p_i (y_i − ln Z) = ln Z − (Σ e^{y_i} y_i) / Z.
 * Tested against softmax and entropy from src/math.
 */
export function softmaxPeak(scores: readonly number[], k: number): SaturationStats {
  let max = -Infinity;
  for (const s of scores) if (k * s > max) max = k * s;
  let z = 0;
  let zy = 0;
  for (const s of scores) {
    const y = k * s - max;
    const e = Math.exp(y);
    z += e;
    zy += e * y;
  }
  return { maxWeight: 1 / z, entropy: Math.log(z) - zy / z };
}

/**
 * A sample of χ²_m, the sum of m squared standard normals, without drawing them. In the Box–Muller
 * transform z₁ = r cos θ, z₂ = r sin θ with r² = -2 ln u, so z₁² + z₂² = -2 ln u: each pair of
 * squared normals costs one uniform and one log. An odd m adds one squared normal.
 */
export function chiSquare(rng: () => number, m: number): number {
  let sum = 0;
  for (let i = 0; i < m >> 1; i++) sum -= 2 * Math.log(1 - rng()); // 1 - u lies in (0, 1]
  if (m & 1) sum += randNormal(rng) ** 2;
  return sum;
}

/**
 * The curve changes only with (seed, tokens, temperature), not with d, the mask or the query shown,
 * so a slider drag over d reuses it. A few entries cover back-and-forth between nearby settings.
 */
const curveCache = new Map<string, SaturationPoint[]>();
const CURVE_CACHE_SIZE = 8;

export function cachedSaturationCurve(seed: number, tokens: number, temperature: number): SaturationPoint[] {
  const key = `${seed}|${tokens}|${temperature}`;
  const hit = curveCache.get(key);
  if (hit) return hit;
  const curve = saturationCurve({ seed, tokens, temperature });
  curveCache.set(key, curve);
  // Maps iterate in insertion order: the first key is the oldest.
  if (curveCache.size > CURVE_CACHE_SIZE) curveCache.delete(curveCache.keys().next().value as string);
  return curve;
}
