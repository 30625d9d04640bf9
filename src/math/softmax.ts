/**
 * softmax(z)_i = exp(z_i / τ) / Σ_j exp(z_j / τ), computed as exp(z_i/τ - max/τ) so large scores do not
 * overflow. Entries equal to -Infinity (masked) get weight exactly 0. A row that is all -Infinity has no
 * defined softmax; it returns zeros rather than NaN so a fully masked row stays visible as "no attention".
 */
export function softmax(scores: readonly number[], temperature = 1): number[] {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  if (max === -Infinity) return scores.map(() => 0);
  const exps = scores.map((s) => (s === -Infinity ? 0 : Math.exp((s - max) / temperature)));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Shannon entropy in nats, H(p) = -Σ p_i ln p_i; 0 for a one-hot row, ln n for a uniform row. */
export function entropy(p: readonly number[]): number {
  let h = 0;
  for (const x of p) if (x > 0) h -= x * Math.log(x);
  return h;
}
