/**
 * Benchmark overfitting by adaptive reuse, on real predictions. A team has one trained model (a zoo
 * model's logits on real digits) and submits variants of it to a leaderboard that scores every
 * submission on the same reused test set (the "holdout": H digits of the zoo's test split, drawn with
 * the seed). A variant adds a vector of per-class offsets b to the logits (a post-hoc tweak of the kind
 * teams make between submissions: class weights, thresholds): its prediction for digit i is
 * argmax_c (z_ic + b_c). The team keeps the variant with the best leaderboard score. A fresh test set
 * (the rest of the test split, never used for any choice) scores the kept variant honestly.
 *
 * - best-of: every variant draws b ~ N(0, σ² I) afresh (non-adaptive: a maximum of noisy scores);
 * - climb: every variant moves the best variant's offsets by N(0, σ² I) and replaces it if its
 *   leaderboard score is higher (adaptive: each submission uses what the earlier scores revealed).
 *
 * The first submission is always the model as trained (b = 0).
 *
 * Thresholdout (Dwork et al. 2015, "The reusable holdout", Science 349, its Fig. 1 experiment and supplementary
 * algorithm): the team's own data (the zoo's validation split) plays the training set S_t. For a query
 * φ (a variant's accuracy), with Laplace noise Lap(s) of scale s:
 *   T̂ = T + Lap(2σ) once; per query η ~ Lap(4σ); if |φ(S_h) - φ(S_t)| > T̂ + η, answer φ(S_h) + Lap(σ),
 *   draw T̂ = T + Lap(2σ) afresh and spend one unit of budget; otherwise answer φ(S_t).
 * Once the budget is spent, the answers are φ(S_t) only (the paper stops answering; we say so).
 * Plain numbers, no tfjs.
 */
import { deriveSeed, mulberry32, randNormal, shuffled, type Rng } from './random';

export const STRATEGIES = ['best-of', 'climb'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Logits (n × classes, row-major) and labels of scored digits. */
export interface ScoredDigits {
  logits: ArrayLike<number>;
  labels: ArrayLike<number>;
}

/**
 * Thresholdout's settings here. Dwork et al.'s experiment (Fig. 1) used T = 0.04 and τ = 0.01 on holdouts of
 * 10,000; the accuracy differences between our variants are a point or two, below that T, so we keep
 * their ratio σ = T/4 at T = 0.01, and a budget of 100 revealed answers.
 */
export const THRESHOLDOUT = { threshold: 0.01, sigma: 0.0025, budget: 100 } as const;

export interface LeaderboardOptions {
  /** Submissions to the leaderboard (the first is the model as trained). */
  submissions: number;
  /** Digits of the test split in the reused test set; the rest are the fresh test set. */
  holdout: number;
  /** σ of the per-class offsets (logit units). */
  spread: number;
  strategy: Strategy;
  /** Score submissions with Thresholdout (validation split as S_t) instead of the raw holdout. */
  thresholdout: boolean;
  seed: number;
}

export interface LeaderboardPoint {
  /** Submissions so far (1-based). */
  k: number;
  /** The kept variant's leaderboard score (what the team reports). */
  reported: number;
  /** The kept variant's accuracy on the reused test set and on the fresh one. */
  holdout: number;
  fresh: number;
}

export interface LeaderboardStudy {
  points: LeaderboardPoint[];
  holdoutCount: number;
  freshCount: number;
  /** The model as trained (b = 0) on the two sets. */
  base: { holdout: number; fresh: number };
  /** How often the kept variant changed. */
  kept: number;
  /** Thresholdout answers that revealed the holdout (budget spent); 0 without Thresholdout. */
  revealed: number;
}

/** Accuracy of argmax(z + b) on the rows `rows` of scored digits. */
export function variantAccuracy(
  d: ScoredDigits,
  classes: number,
  offsets: ArrayLike<number>,
  rows?: ArrayLike<number>,
): number {
  const n = rows ? rows.length : d.labels.length;
  if (n === 0) return NaN;
  let right = 0;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    const o = i * classes;
    let best = 0;
    let top = d.logits[o] + offsets[0];
    for (let c = 1; c < classes; c++) {
      const v = d.logits[o + c] + offsets[c];
      if (v > top) {
        top = v;
        best = c;
      }
    }
    if (best === d.labels[i]) right++;
  }
  return right / n;
}

/** A Laplace draw of scale s (inverse CDF). */
export function laplace(rng: Rng, s: number): number {
  const u = rng() - 0.5;
  return -s * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/** Dwork et al.'s Thresholdout as a stateful answerer (see the top of this file). */
export class Thresholdout {
  private tHat: number;
  revealed = 0;
  constructor(
    private readonly rng: Rng,
    private readonly o: { threshold: number; sigma: number; budget: number } = THRESHOLDOUT,
  ) {
    this.tHat = o.threshold + laplace(rng, 2 * o.sigma);
  }

  answer(train: number, holdout: number): number {
    if (this.revealed >= this.o.budget) return train;
    const eta = laplace(this.rng, 4 * this.o.sigma);
    if (Math.abs(holdout - train) > this.tHat + eta) {
      this.revealed++;
      this.tHat = this.o.threshold + laplace(this.rng, 2 * this.o.sigma);
      return holdout + laplace(this.rng, this.o.sigma);
    }
    return train;
  }
}

/** Limits the lab's params keep (the compute: submissions × digits × classes). */
export const LEADERBOARD_LIMITS = { submissions: [1, 1000], holdout: [50, 1500], spread: [0.1, 10] } as const;

function check(o: LeaderboardOptions, testCount: number) {
  const [s0, s1] = LEADERBOARD_LIMITS.submissions;
  if (!(Number.isInteger(o.submissions) && o.submissions >= s0 && o.submissions <= s1))
    throw new RangeError(`submissions must be a whole number ${s0} … ${s1}, got ${o.submissions}`);
  const [h0, h1] = LEADERBOARD_LIMITS.holdout;
  if (!(Number.isInteger(o.holdout) && o.holdout >= h0 && o.holdout <= Math.min(h1, testCount - 100)))
    throw new RangeError(`holdout must be a whole number ${h0} … ${Math.min(h1, testCount - 100)}, got ${o.holdout}`);
  const [p0, p1] = LEADERBOARD_LIMITS.spread;
  if (!(o.spread >= p0 && o.spread <= p1)) throw new RangeError(`spread must be ${p0} … ${p1}, got ${o.spread}`);
}

/**
 * One team's leaderboard run: `test` is split by the seed into the reused and the fresh test set;
 * `validation` is Thresholdout's S_t (unused without it).
 */
export function leaderboardStudy(
  test: ScoredDigits,
  validation: ScoredDigits,
  classes: number,
  o: LeaderboardOptions,
): LeaderboardStudy {
  check(o, test.labels.length);
  const order = shuffled(mulberry32(deriveSeed(o.seed, 1)), [...Array(test.labels.length).keys()]);
  const hold = Int32Array.from(order.slice(0, o.holdout));
  const fresh = Int32Array.from(order.slice(o.holdout));
  const rng = mulberry32(deriveSeed(o.seed, 2));
  const guard = o.thresholdout ? new Thresholdout(mulberry32(deriveSeed(o.seed, 3))) : null;
  const score = (b: ArrayLike<number>) => {
    const h = variantAccuracy(test, classes, b, hold);
    return { h, reported: guard ? guard.answer(variantAccuracy(validation, classes, b), h) : h };
  };
  let best = new Float64Array(classes);
  let bestScore = score(best);
  const base = { holdout: bestScore.h, fresh: variantAccuracy(test, classes, best, fresh) };
  let bestFresh = base.fresh;
  let kept = 0;
  const points: LeaderboardPoint[] = [{ k: 1, reported: bestScore.reported, holdout: bestScore.h, fresh: bestFresh }];
  for (let k = 2; k <= o.submissions; k++) {
    const b = new Float64Array(classes);
    for (let c = 0; c < classes; c++) b[c] = (o.strategy === 'climb' ? best[c] : 0) + o.spread * randNormal(rng);
    const s = score(b);
    if (s.reported > bestScore.reported) {
      best = b;
      bestScore = s;
      bestFresh = variantAccuracy(test, classes, b, fresh);
      kept++;
    }
    points.push({ k, reported: bestScore.reported, holdout: bestScore.h, fresh: bestFresh });
  }
  return {
    points,
    holdoutCount: hold.length,
    freshCount: fresh.length,
    base,
    kept,
    revealed: guard?.revealed ?? 0,
  };
}

/** The gap (reported − fresh) of a study after k submissions. */
export function gapAt(study: LeaderboardStudy, k: number): number {
  const p = study.points[Math.min(k, study.points.length) - 1];
  return p.reported - p.fresh;
}

/** Submission counts the lesson's table reports. */
export const GAP_CHECKPOINTS = [10, 100, 1000] as const;

export interface GapRow {
  holdout: number;
  strategy: Strategy;
  thresholdout: boolean;
  /** Mean over the seeds of the gap (reported − fresh) after each checkpoint's submissions. */
  gap: number[];
  /** Its standard error over the seeds. */
  gapSe: number[];
  /** Mean fresh accuracy of the kept variant after the last checkpoint, minus the model as trained. */
  freshChange: number;
  /** Seeds whose gap after the last checkpoint is positive. */
  positive: number;
}

/** The gap table: every setting run at seeds 1 … `seeds` with `spread`, means and standard errors. */
export function gapTable(
  test: ScoredDigits,
  validation: ScoredDigits,
  classes: number,
  settings: { holdout: number; strategy: Strategy; thresholdout: boolean }[],
  seeds: number,
  spread: number,
): GapRow[] {
  const last = GAP_CHECKPOINTS[GAP_CHECKPOINTS.length - 1];
  return settings.map((s) => {
    const gaps: number[][] = GAP_CHECKPOINTS.map(() => []);
    let freshChange = 0;
    let positive = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const study = leaderboardStudy(test, validation, classes, { ...s, submissions: last, spread, seed });
      GAP_CHECKPOINTS.forEach((k, i) => gaps[i].push(gapAt(study, k)));
      freshChange += (study.points[last - 1].fresh - study.base.fresh) / seeds;
      if (gapAt(study, last) > 0) positive++;
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const se = (xs: number[]) => {
      const m = mean(xs);
      return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
    };
    return { ...s, gap: gaps.map(mean), gapSe: gaps.map(se), freshChange, positive };
  });
}
