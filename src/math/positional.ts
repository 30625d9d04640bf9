/**
 * Sinusoidal positional encoding (Vaswani et al. 2017, §3.5):
 *
 *   PE(pos, 2i)   = sin(pos / 10000^(2i/d))
 *   PE(pos, 2i+1) = cos(pos / 10000^(2i/d))
 *
 * Each pair of dimensions is a clock at its own frequency, from one turn every 2π positions (i = 0) to
 * one turn every 2π·10000 positions. PE(pos + k) is a fixed rotation of PE(pos) for every pos, which is
 * why a linear map can learn to attend "k positions back".
 */
export function sinusoidalEncoding(positions: number, d: number, base = 10000): number[][] {
  const out: number[][] = [];
  for (let pos = 0; pos < positions; pos++) {
    const row = new Array<number>(d);
    for (let i = 0; i < d; i += 2) {
      const angle = pos / Math.pow(base, i / d);
      row[i] = Math.sin(angle);
      if (i + 1 < d) row[i + 1] = Math.cos(angle);
    }
    out.push(row);
  }
  return out;
}

/** Cosine similarity of every pair of rows: how alike two positions look to a dot-product attention. */
export function cosineSimilarityMatrix(rows: readonly number[][]): number[][] {
  const norms = rows.map((r) => Math.sqrt(r.reduce((s, x) => s + x * x, 0)) || 1);
  return rows.map((a, i) =>
    rows.map((b, j) => {
      let s = 0;
      for (let c = 0; c < a.length; c++) s += a[c] * b[c];
      return s / (norms[i] * norms[j]);
    }),
  );
}

/** Plain dot products of every pair of rows (what unscaled attention scores would be). */
export function dotProductMatrix(rows: readonly number[][]): number[][] {
  return rows.map((a) => rows.map((b) => a.reduce((s, x, c) => s + x * b[c], 0)));
}
