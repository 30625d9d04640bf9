/**
 * The MoE chapter's plain-number math, against hand-computed values: top-k gating, capacity and which
 * assignments overflow (in order), the balancing and z losses, the balance metrics, the regimes task,
 * and the parameter and FLOP counts (the calculator against Mixtral's, Mixtral 8x22B's and
 * DeepSeekMoE 16B's configurations, to the digit).
 */
import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/lib/params';
import {
  activeExperts,
  assignCapacity,
  balanceLoss,
  coefficientOfVariation,
  expertCapacity,
  loadFractions,
  meanProbabilities,
  meanRouterEntropy,
  route,
  topK,
  topKGates,
  zLoss,
} from '../../src/math/moe';
import {
  lmCounts,
  mlpForwardFlops,
  mlpParameters,
  moeLayerForwardFlops,
  moeLayerParameters,
  type LmConfig,
} from '../../src/math/moe-counts';
import {
  gridSize,
  heldOutPoints,
  labelOf,
  makePointBatch,
  mapGrid,
  regimeOf,
  regimePurity,
  regimesOf,
} from '../../src/math/moe-tasks';
import { mulberry32 } from '../../src/math/random';
import { computeCalculator } from '../../src/widgets/moe-calculator/compute';
import { params as calcParams } from '../../src/widgets/moe-calculator/params';
import { PRESETS } from '../../src/widgets/moe-calculator/presets';

describe('top-k gating', () => {
  it('picks the k largest, best first, ties to the lower index', () => {
    expect(topK([0.1, 0.5, 0.2, 0.2], 1)).toEqual([1]);
    expect(topK([0.1, 0.5, 0.2, 0.2], 3)).toEqual([1, 2, 3]);
    expect(topK([0.25, 0.25, 0.25, 0.25], 2)).toEqual([0, 1]);
    expect(() => topK([0.5, 0.5], 3)).toThrow(RangeError);
  });

  it('renormalises over the chosen experts for k ≥ 2', () => {
    const { experts, gates } = topKGates([0.1, 0.5, 0.3, 0.1], 2);
    expect(experts).toEqual([1, 2]);
    // 0.5 / 0.8 and 0.3 / 0.8.
    expect(gates[0]).toBeCloseTo(0.625, 12);
    expect(gates[1]).toBeCloseTo(0.375, 12);
    expect(gates[0] + gates[1]).toBeCloseTo(1, 12);
    const three = topKGates([0.4, 0.3, 0.2, 0.1], 3);
    expect(three.experts).toEqual([0, 1, 2]);
    three.gates.forEach((g, i) => expect(g).toBeCloseTo([0.4, 0.3, 0.2][i] / 0.9, 12));
  });

  it('keeps the raw probability for k = 1 (Switch), so the router still gets a gradient', () => {
    expect(topKGates([0.1, 0.7, 0.2], 1)).toEqual({ experts: [1], gates: [0.7] });
  });
});

describe('expert capacity and dropped assignments', () => {
  it('is ⌊cf · k · T / N⌋, at least 1', () => {
    expect(expertCapacity(256, 4, 1, 1.25)).toBe(80);
    expect(expertCapacity(256, 4, 1, 0.5)).toBe(32);
    expect(expertCapacity(256, 8, 2, 1.25)).toBe(80);
    expect(expertCapacity(256, 16, 1, 1.25)).toBe(20);
    expect(expertCapacity(10, 3, 1, 1)).toBe(3);
    expect(expertCapacity(2, 16, 1, 0.5)).toBe(1);
    expect(() => expertCapacity(10, 2, 1, 0)).toThrow(RangeError);
  });

  it('fills slots rank by rank, token by token, and drops what overflows (GShard order)', () => {
    // Five tokens, two experts, k = 2, three slots each.
    const choices = [
      { experts: [0, 1], gates: [0.6, 0.4] },
      { experts: [0, 1], gates: [0.7, 0.3] },
      { experts: [1, 0], gates: [0.8, 0.2] },
      { experts: [0, 1], gates: [0.5, 0.5] },
      { experts: [0, 1], gates: [0.9, 0.1] },
    ];
    const a = assignCapacity(choices, 2, 3);
    // First choices: expert 0 takes tokens 0, 1, 3 (slots 0-2) and is full for token 4; expert 1 takes
    // token 2. Second choices: expert 1 takes tokens 0 and 1 (slots 1, 2) and is then full; expert 0 is full.
    expect(Array.from(a.slot)).toEqual([0, 1, 1, 2, 0, -1, 2, -1, -1, -1]);
    expect(a.demand).toEqual([5, 5]);
    expect(a.kept).toEqual([3, 3]);
    expect(a.dropped).toBe(4);
    // Only token 4 lost both of its experts.
    expect(a.tokensDropped).toBe(1);
  });

  it('drops nothing when an even router meets a capacity factor of 1', () => {
    const choices = Array.from({ length: 8 }, (_, t) => ({ experts: [t % 4], gates: [1] }));
    const a = assignCapacity(choices, 4, expertCapacity(8, 4, 1, 1));
    expect(a.dropped).toBe(0);
    expect(a.kept).toEqual([2, 2, 2, 2]);
  });
});

describe('balancing and z losses, balance metrics', () => {
  it('balance loss N Σ f P on a hand example, and its bounds', () => {
    expect(balanceLoss([0.5, 0.25, 0.25], [0.4, 0.3, 0.3])).toBeCloseTo(3 * (0.2 + 0.075 + 0.075), 12);
    expect(balanceLoss([0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(1, 12);
    expect(balanceLoss([1, 0, 0, 0], [1, 0, 0, 0])).toBeCloseTo(4, 12);
  });

  it('f counts the k·T assignments; P averages the probabilities', () => {
    const choices = [
      { experts: [0, 1], gates: [0.5, 0.5] },
      { experts: [0, 2], gates: [0.5, 0.5] },
    ];
    expect(loadFractions(choices, 3)).toEqual([0.5, 0.25, 0.25]);
    expect(meanProbabilities([0.6, 0.3, 0.1, 0.2, 0.2, 0.6], 2, 3).map((x) => Number(x.toFixed(12)))).toEqual([
      0.4, 0.25, 0.35,
    ]);
  });

  it('z-loss is the mean of (log Σ exp logits)²', () => {
    expect(zLoss([0, 0, Math.log(3), 0], 2, 2)).toBeCloseTo((Math.log(2) ** 2 + Math.log(4) ** 2) / 2, 12);
    // Large logits do not overflow.
    expect(zLoss([1000, 1000], 1, 2)).toBeCloseTo((1000 + Math.log(2)) ** 2, 6);
  });

  it('CV, entropy and active experts', () => {
    expect(coefficientOfVariation([0.25, 0.25, 0.25, 0.25])).toBe(0);
    expect(coefficientOfVariation([1, 0, 0, 0])).toBeCloseTo(Math.sqrt(3), 12);
    expect(coefficientOfVariation([0.5, 0.5, 0, 0])).toBeCloseTo(1, 12);
    expect(meanRouterEntropy([0.25, 0.25, 0.25, 0.25, 1, 0, 0, 0], 2, 4)).toBeCloseTo(Math.log(4) / 2, 12);
    expect(activeExperts([0.45, 0.4, 0.1, 0.05])).toBe(2);
  });

  it('route puts the pieces together', () => {
    const probs = [0.7, 0.2, 0.1, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8];
    const r = route(probs, 3, 3, 1, 1);
    expect(r.choices.map((c) => c.experts[0])).toEqual([0, 0, 2]);
    expect(r.assignment.dropped).toBe(1);
    expect(r.f).toEqual([2 / 3, 0, 1 / 3]);
  });
});

describe('the regimes task', () => {
  it('numbers cells row by row from the bottom left', () => {
    expect(gridSize(9)).toBe(3);
    expect(() => gridSize(5)).toThrow(RangeError);
    expect(regimeOf(-0.9, -0.9, 2)).toBe(0);
    expect(regimeOf(0.5, -0.5, 2)).toBe(1);
    expect(regimeOf(-0.5, 0.5, 2)).toBe(2);
    expect(regimeOf(1, 1, 2)).toBe(3);
    const cells = regimesOf(4);
    expect(cells[3]).toMatchObject({ x0: 0, x1: 1, y0: 0, y1: 1, cx: 0.5, cy: 0.5 });
    // Cell 0's rule has angle 0: class 1 to the right of its centre (-0.5, -0.5).
    expect(cells[0].angle).toBe(0);
    expect(labelOf(-0.4, -0.9, cells, 2)).toBe(1);
    expect(labelOf(-0.6, -0.1, cells, 2)).toBe(0);
    // Angles differ from cell to cell.
    expect(new Set(regimesOf(16).map((r) => r.angle.toFixed(6))).size).toBe(16);
  });

  it('batches are seeded, in the square, and labelled by the rule', () => {
    const a = makePointBatch(9, 100, mulberry32(5));
    const b = makePointBatch(9, 100, mulberry32(5));
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    const cells = regimesOf(9);
    for (let i = 0; i < a.n; i++) {
      const [x, y] = [a.points[2 * i], a.points[2 * i + 1]];
      expect(Math.abs(x)).toBeLessThanOrEqual(1);
      expect(a.labels[i]).toBe(labelOf(x, y, cells, 3));
      expect(a.regime[i]).toBe(regimeOf(x, y, 3));
    }
    // Both classes in about equal numbers (each rule's line runs through its cell's centre).
    const ones = heldOutPoints(4, 1024, 3).labels.reduce((s, l) => s + l, 0);
    expect(ones).toBeGreaterThan(400);
    expect(ones).toBeLessThan(624);
  });

  it('purity is 1 when experts follow the regimes and low when they ignore them', () => {
    const grid = mapGrid(8);
    const byRegime = Array.from({ length: 64 }, (_, i) => regimeOf(grid[2 * i], grid[2 * i + 1], 2));
    expect(regimePurity(byRegime, grid, 4, 4)).toBe(1);
    const striped = Array.from({ length: 64 }, (_, i) => i % 4);
    expect(regimePurity(striped, grid, 4, 4)).toBe(0.25);
  });
});

describe('parameter and FLOP counts', () => {
  it('the router lab and dense-versus-sparse models, by hand', () => {
    // 2 → 8 → 2: 16 + 8 + 16 + 2.
    expect(mlpParameters({ inputDim: 2, hidden: 8, outputDim: 2 })).toBe(42);
    // Router 2·4 + 4, four experts of 42.
    expect(moeLayerParameters({ inputDim: 2, hidden: 8, outputDim: 2, experts: 4, k: 1 })).toEqual({
      total: 180,
      active: 54,
    });
    expect(moeLayerParameters({ inputDim: 2, hidden: 16, outputDim: 2, experts: 16, k: 1 })).toEqual({
      total: 1360,
      active: 130,
    });
    expect(mlpForwardFlops({ inputDim: 2, hidden: 16, outputDim: 2 })).toBe(128);
    // Router 2·256·2·16, then 16 experts × 20 slots × 128.
    expect(moeLayerForwardFlops({ inputDim: 2, hidden: 16, outputDim: 2, experts: 16, k: 1 }, 256, 20)).toBe(
      16384 + 40960,
    );
  });

  const mixtral: LmConfig = {
    dModel: 4096,
    layers: 32,
    vocab: 32000,
    heads: 32,
    kvHeads: 8,
    headDim: 128,
    experts: 8,
    k: 2,
    sharedExperts: 0,
    dFf: 14336,
    ffn: 'swiglu',
    denseLayers: 0,
    denseFf: 0,
    tiedEmbeddings: false,
    bytesPerParameter: 2,
    context: 4096,
  };

  it('Mixtral 8x7B from its configuration: 46,702,792,704 total, 12,879,925,248 active', () => {
    const c = lmCounts(mixtral);
    // Per layer: W_Q, W_O 4096 × 4096; W_K, W_V 4096 × (8 · 128); one expert 3 · 4096 · 14336.
    const attention = 2 * 4096 * 4096 + 2 * 4096 * 1024;
    const expert = 3 * 4096 * 14336;
    expect(attention).toBe(41_943_040);
    expect(expert).toBe(176_160_768);
    expect(c.attention).toBe(32 * attention);
    expect(c.experts).toBe(32 * 8 * expert);
    expect(c.router).toBe(32 * 4096 * 8);
    expect(c.embedding).toBe(131_072_000);
    expect(c.unembedding).toBe(131_072_000);
    expect(c.norms).toBe(32 * 2 * 4096 + 4096);
    expect(c.total).toBe(46_702_792_704);
    expect(c.active).toBe(12_879_925_248);
    // Published (Jiang et al. 2024): 47B and 13B; to one decimal, 46.7B and 12.9B.
    expect((c.total / 1e9).toFixed(1)).toBe('46.7');
    expect((c.active / 1e9).toFixed(1)).toBe('12.9');
    expect(c.weightBytes).toBe(2 * 46_702_792_704);
  });

  it('the other presets against their published sizes', () => {
    const published = PRESETS.map((p) => {
      const c = computeCalculator(p.values).counts;
      return [p.name, Number((c.total / 1e9).toPrecision(3)), Number((c.active / 1e9).toPrecision(2))];
    });
    expect(published).toEqual([
      ['Mixtral 8x7B', 46.7, 13],
      ['Mixtral 8x22B', 141, 39],
      ['DeepSeekMoE 16B', 16.4, 2.8],
    ]);
    expect(PRESETS.map((p) => [p.published.total, p.published.active])).toEqual([
      [47, 13],
      [141, 39],
      [16.4, 2.8],
    ]);
  });

  it('FLOPs per token: 2 per active weight (embedding lookup excluded) plus attention scores', () => {
    const c = lmCounts(mixtral);
    const weights = c.active - c.embedding - c.unembedding + 32000 * 4096;
    expect(c.forwardFlopsPerToken).toBe(2 * weights + 4 * 32 * 4096 * 32 * 128);
    expect(c.denseEquivalentFlopsPerToken).toBeGreaterThan(3 * c.forwardFlopsPerToken);
  });

  it('a dense model has active = total; shared experts count for every token', () => {
    const dense = lmCounts({ ...mixtral, experts: 1, k: 1 });
    expect(dense.active).toBe(dense.total);
    expect(dense.router).toBe(0);
    const shared = lmCounts({ ...mixtral, sharedExperts: 1 });
    expect(shared.active - lmCounts(mixtral).active).toBe(32 * 3 * 4096 * 14336);
  });

  it('the calculator starts at Mixtral 8x7B and says so; k > N is a message', () => {
    const r = computeCalculator(defaultValues(calcParams));
    expect(r.preset?.name).toBe('Mixtral 8x7B');
    expect(r.summary).toContain('46.70B parameters in total (46,702,792,704)');
    expect(r.summary).toContain('12.88B active per token');
    expect(r.summary).toContain('93.4 GB');
    const bad = computeCalculator({ ...defaultValues(calcParams), topK: 9 });
    expect(bad.problem).toMatch(/need at least 9 routed experts/);
    expect(bad.counts.active).toBe(bad.counts.total);
  });
});
