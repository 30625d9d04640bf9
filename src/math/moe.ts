/**
 * Plain-number parts of a mixture-of-experts layer: top-k choice and gates, expert capacity and which
 * assignments overflow it, the load-balancing and z losses, and the balance metrics the widgets show.
 * The tfjs layer (src/ml/moe.ts) calls these very functions to decide where each token goes, so what
 * the tests check by hand is what the models do.
 *
 * Notation (Fedus et al. 2022, Switch Transformer, §2.1–2.2): T tokens, N experts, k experts per token.
 * Router logits h(x) = x W_r; router probabilities p(x) = softmax(h(x)) over the N experts. Tokens are
 * numbered 0 … T-1 in batch order, experts 0 … N-1.
 */
import { entropy } from './softmax';

/** One token's choice: its k experts, best first, and the weight each expert's output gets. */
export interface TokenChoice {
  experts: number[];
  gates: number[];
}

/**
 * The k largest probabilities' experts, best first; equal probabilities go to the lower expert index,
 * so the choice is deterministic.
 */
export function topK(probs: ArrayLike<number>, k: number): number[] {
  const n = probs.length;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be an integer from 1 to ${n}, got ${k}`);
  const chosen: number[] = [];
  const taken = new Uint8Array(n);
  for (let r = 0; r < k; r++) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (!taken[i] && (best < 0 || probs[i] > probs[best])) best = i;
    }
    taken[best] = 1;
    chosen.push(best);
  }
  return chosen;
}

/**
 * Top-k gating. With k ≥ 2 the chosen probabilities are renormalised to sum to 1 (GShard, Lepikhin et
 * al. 2021, Algorithm 1; Mixtral, Jiang et al. 2024, eq. 2: softmax over the top-k logits is the same
 * thing). With k = 1 the gate is the router probability itself, not renormalised (Switch, §2.1):
 * renormalising one number gives 1, and the router would get no gradient from the task loss at all.
 */
export function topKGates(probs: ArrayLike<number>, k: number): TokenChoice {
  const experts = topK(probs, k);
  if (k === 1) return { experts, gates: [probs[experts[0]]] };
  const total = experts.reduce((s, e) => s + probs[e], 0);
  return { experts, gates: experts.map((e) => (total > 0 ? probs[e] / total : 1 / k)) };
}

/**
 * Expert capacity: the slots each expert has for one batch, C = ⌊cf · k · T / N⌋ and at least 1.
 * With cf = 1 the N experts' slots add up to exactly the T·k assignments, so a perfectly even router
 * drops nothing and any imbalance drops something. Switch (eq. 3) writes it for k = 1,
 * C = cf · T / N; GShard's top-2 layer uses 2T/N, the same formula with k = 2.
 */
export function expertCapacity(tokens: number, experts: number, k: number, capacityFactor: number): number {
  if (!(capacityFactor > 0)) throw new RangeError(`capacity factor must be > 0, got ${capacityFactor}`);
  // A tiny epsilon keeps 1.25 · 2 · 256 / 8 = 80 from flooring to 79 by binary rounding.
  return Math.max(1, Math.floor((capacityFactor * k * tokens) / experts + 1e-9));
}

export interface CapacityAssignment {
  /**
   * For each token t and rank r (index t·k + r): the slot its r-th expert gives it, 0 … C-1, or -1 when
   * that expert was already full (the assignment is dropped).
   */
  slot: Int32Array;
  /** Assignments each expert was asked to take (its demand), whether or not they fitted. */
  demand: number[];
  /** Assignments each expert took: min(demand, C). */
  kept: number[];
  /** Assignments dropped, of T·k. */
  dropped: number;
  /** Tokens with every one of their k assignments dropped: they get no expert at all. */
  tokensDropped: number;
  capacity: number;
}

/**
 * Fills each expert's C slots in priority order and drops what does not fit. The order is GShard's
 * (Algorithm 1): every token's first choice, in token order, before any token's second choice, and so
 * on; within a rank, earlier tokens first (Switch's dispatch is this with k = 1). So a token loses its
 * second expert before any token loses its first.
 */
export function assignCapacity(choices: readonly TokenChoice[], experts: number, capacity: number): CapacityAssignment {
  const T = choices.length;
  const k = choices[0]?.experts.length ?? 0;
  const slot = new Int32Array(T * k).fill(-1);
  const demand = new Array<number>(experts).fill(0);
  const kept = new Array<number>(experts).fill(0);
  let dropped = 0;
  for (let r = 0; r < k; r++) {
    for (let t = 0; t < T; t++) {
      const e = choices[t].experts[r];
      demand[e]++;
      if (kept[e] < capacity) slot[t * k + r] = kept[e]++;
      else dropped++;
    }
  }
  let tokensDropped = 0;
  for (let t = 0; t < T; t++) {
    let any = false;
    for (let r = 0; r < k; r++) if (slot[t * k + r] >= 0) any = true;
    if (!any) tokensDropped++;
  }
  return { slot, demand, kept, dropped, tokensDropped, capacity };
}

/**
 * f_i: the share of the T·k assignments the router gives expert i (before capacity drops anything), so
 * Σ f_i = 1 and an even router has f_i = 1/N. For k = 1 this is Switch's eq. 5, the fraction of tokens
 * whose top expert is i.
 */
export function loadFractions(choices: readonly TokenChoice[], experts: number): number[] {
  const f = new Array<number>(experts).fill(0);
  let total = 0;
  for (const c of choices) {
    for (const e of c.experts) {
      f[e]++;
      total++;
    }
  }
  return f.map((x) => (total > 0 ? x / total : 0));
}

/** P_i: the router probability of expert i averaged over the tokens (Switch eq. 6). Rows are tokens. */
export function meanProbabilities(probs: ArrayLike<number>, tokens: number, experts: number): number[] {
  const P = new Array<number>(experts).fill(0);
  for (let t = 0; t < tokens; t++) for (let i = 0; i < experts; i++) P[i] += probs[t * experts + i];
  return P.map((x) => x / tokens);
}

/**
 * The load-balancing loss without its coefficient: N Σ_i f_i P_i (Switch eq. 4 is α times this). It is
 * 1 when the router is even (f_i = P_i = 1/N) and N when every token goes to one expert with
 * probability 1. f carries no gradient (it counts); the gradient reaches the router through P.
 */
export function balanceLoss(f: readonly number[], P: readonly number[]): number {
  const N = f.length;
  return N * f.reduce((s, fi, i) => s + fi * P[i], 0);
}

/** The router z-loss (Zoph et al. 2022, ST-MoE, eq. 5): the mean over tokens of (log Σ_j e^{h_j})². */
export function zLoss(logits: ArrayLike<number>, tokens: number, experts: number): number {
  let s = 0;
  for (let t = 0; t < tokens; t++) {
    let max = -Infinity;
    for (let i = 0; i < experts; i++) max = Math.max(max, logits[t * experts + i]);
    let z = 0;
    for (let i = 0; i < experts; i++) z += Math.exp(logits[t * experts + i] - max);
    const lse = max + Math.log(z);
    s += lse * lse;
  }
  return s / tokens;
}

/**
 * Coefficient of variation, σ/μ with the population σ: 0 for an even load, √(N-1) when one of N experts
 * takes everything. Shazeer et al. (2017, §4) penalised its square, CV(importance)², to balance experts.
 */
export function coefficientOfVariation(xs: readonly number[]): number {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (!(mean > 0)) return 0;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
  return Math.sqrt(variance) / mean;
}

/** Mean over tokens of the entropy of p(x), in nats: ln N for a router that cannot decide, 0 for a certain one. */
export function meanRouterEntropy(probs: ArrayLike<number>, tokens: number, experts: number): number {
  let s = 0;
  const row = new Array<number>(experts);
  for (let t = 0; t < tokens; t++) {
    for (let i = 0; i < experts; i++) row[i] = probs[t * experts + i];
    s += entropy(row);
  }
  return s / tokens;
}

/** Experts that took at least `share` of the assignments (default: half of an even share, 1/(2N)). */
export function activeExperts(f: readonly number[], share = 1 / (2 * f.length)): number {
  return f.filter((x) => x >= share).length;
}

/** Everything one batch's routing decides, as plain numbers. */
export interface Routing {
  choices: TokenChoice[];
  assignment: CapacityAssignment;
  f: number[];
  P: number[];
}

/** Routes one batch: top-k per token, then capacity. `probs` is row-major [T, N]. */
export function route(probs: ArrayLike<number>, tokens: number, experts: number, k: number, capacity: number): Routing {
  const choices: TokenChoice[] = [];
  for (let t = 0; t < tokens; t++) {
    const row = Array.from({ length: experts }, (_, i) => probs[t * experts + i]);
    choices.push(topKGates(row, k));
  }
  return {
    choices,
    assignment: assignCapacity(choices, experts, capacity),
    f: loadFractions(choices, experts),
    P: meanProbabilities(probs, tokens, experts),
  };
}
