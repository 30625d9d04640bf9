/**
 * The tfjs MoE layer (cpu backend) and the chapter's sessions (wasm): the layer's output against the same
 * computation in plain numbers (gates, capacity drops and all), its losses against src/math's, gradients
 * reaching the router, the explicit-transpose matmuls against tfjs's own, parameter counts against hand
 * counts, determinism for a seed, and a leak test for everything that trains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceLoss, zLoss } from '../../src/math/moe';
import { moeLayerParameters } from '../../src/math/moe-counts';
import { mulberry32 } from '../../src/math/random';
import { MoeLayer } from '../../src/ml/moe';
import { denseSparseCounts, DenseSparseSession, DS_BATCH } from '../../src/ml/moe-dense-sparse';
import { constantMatMul, matMulFast, tidyValue } from '../../src/ml/moe-ops';
import { LAB_BATCH, LAB_EXPERT_HIDDEN, RouterLabSession } from '../../src/ml/moe-router-lab';
import { MOE_TRANSFORMER, MoeTransformerSession } from '../../src/ml/moe-transformer';
import { tf, type Tensor2D } from '../../src/ml/tf';
import { LAB_BATCH_SIZE } from '../../src/widgets/moe-shared/constants';
import { useCpu, useWasm } from './claims/helpers';

/** The layer's output for x, recomputed in plain numbers from its weights and the routing it reported. */
function plainOutput(
  layer: MoeLayer,
  x: number[][],
  slot: Int32Array,
  choices: { experts: number[]; gates: number[] }[],
) {
  const { k, hidden: H, outputDim: O } = layer.config;
  const w = layer.variables.map((v) => Array.from(v.dataSync()));
  const expert = (e: number, xi: number[]) => {
    const [w1, b1, w2, b2] = w.slice(2 + 4 * e, 6 + 4 * e);
    const h = Array.from({ length: H }, (_, j) =>
      Math.max(0, b1[j] + xi.reduce((s, v, i) => s + v * w1[i * H + j], 0)),
    );
    return Array.from({ length: O }, (_, o) => b2[o] + h.reduce((s, v, j) => s + v * w2[j * O + o], 0));
  };
  return x.map((xi, t) => {
    const out = new Array<number>(O).fill(0);
    choices[t].experts.forEach((e, r) => {
      if (slot[t * k + r] < 0) return;
      const y = expert(e, xi);
      for (let o = 0; o < O; o++) out[o] += choices[t].gates[r] * y[o];
    });
    return out;
  });
}

describe('MoE layer', () => {
  const x = Array.from({ length: 12 }, (_, t) => [Math.sin(t), Math.cos(3 * t), (t % 5) / 5 - 0.4]);

  for (const [k, cf] of [
    [1, 2],
    [2, 1],
    [1, 0.5],
    [3, 0.75],
  ]) {
    it(`computes Σ gate · expert over the kept assignments (k = ${k}, capacity factor ${cf})`, () => {
      const layer = new MoeLayer({ inputDim: 3, outputDim: 2, hidden: 5, experts: 4, k }, mulberry32(7));
      const { output, routing, balance, z } = tidyValue(() => {
        const r = layer.forward(tf.tensor2d(x), { capacityFactor: cf });
        return {
          output: r.output.arraySync(),
          routing: r.routing,
          balance: r.balance.dataSync()[0],
          z: r.z.dataSync()[0],
        };
      });
      const expected = plainOutput(layer, x, routing.assignment.slot, routing.choices);
      output.forEach((row, t) => row.forEach((v, o) => expect(v).toBeCloseTo(expected[t][o], 5)));
      if (cf < 1) expect(routing.assignment.dropped).toBeGreaterThan(0);
      expect(balance).toBeCloseTo(balanceLoss(routing.f, routing.P), 5);
      const logits = tf.tidy(() =>
        tf.add(tf.matMul(tf.tensor2d(x), layer.variables[0] as Tensor2D), layer.variables[1]).dataSync(),
      );
      expect(z).toBeCloseTo(zLoss(logits, 12, 4), 4);
      layer.dispose();
    });
  }

  it('gives the router a gradient from the task loss with k = 1 (Switch gating) and from the balance loss', () => {
    const layer = new MoeLayer({ inputDim: 3, outputDim: 2, hidden: 5, experts: 4, k: 1 }, mulberry32(3));
    const grads = (useBalance: boolean) =>
      tf.tidy(() => {
        const { grads: g } = tf.variableGrads(() => {
          const out = layer.forward(tf.tensor2d(x), { capacityFactor: 2 });
          return (useBalance ? out.balance : tf.sum(tf.square(out.output))) as tf.Scalar;
        }, [layer.variables[0]]);
        return tf.sum(tf.abs(Object.values(g)[0])).dataSync()[0];
      });
    expect(grads(false)).toBeGreaterThan(0);
    expect(grads(true)).toBeGreaterThan(0);
    layer.dispose();
  });

  it('counts its parameters as src/math does', () => {
    const layer = new MoeLayer(
      { inputDim: 2, outputDim: 2, hidden: LAB_EXPERT_HIDDEN, experts: 4, k: 1 },
      mulberry32(1),
    );
    expect(layer.numParameters).toBe(
      moeLayerParameters({ inputDim: 2, hidden: 8, outputDim: 2, experts: 4, k: 1 }).total,
    );
    layer.dispose();
    expect(() => new MoeLayer({ inputDim: 2, outputDim: 2, hidden: 8, experts: 4, k: 5 }, mulberry32(1))).toThrow(
      RangeError,
    );
  });

  it('matMulFast and constantMatMul have the gradients of plain matmuls', () => {
    const a = tf.tensor2d([
      [1, 2, 3],
      [-1, 0.5, 2],
    ]);
    const b = tf.tensor2d([
      [0.5, -1],
      [2, 1],
      [0, 3],
    ]);
    const f = (mm: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (p: tf.Tensor, q: tf.Tensor) =>
      tf.sum(tf.square(mm(p, q)));
    const [ga, gb] = tf.grads(f((p, q) => tf.matMul(p as Tensor2D, q as Tensor2D)))([a, b]);
    const [fa, fb] = tf.grads(f(matMulFast))([a, b]);
    expect(Array.from(fa.dataSync())).toEqual(Array.from(ga.dataSync()).map((v) => expect.closeTo(v, 5)));
    expect(Array.from(fb.dataSync())).toEqual(Array.from(gb.dataSync()).map((v) => expect.closeTo(v, 5)));
    const M = tf.tensor2d([
      [0, 1],
      [1, 0],
      [1, 0],
    ]);
    const gather = constantMatMul(M as Tensor2D, tf.transpose(M) as Tensor2D);
    const y = tf.tensor2d([[1], [2]]);
    const gy = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(gather(v as Tensor2D), tf.tensor2d([[1], [10], [100]]))))(y);
    // d/dy of Σ_i c_i (M y)_i = Mᵀ c: [10 + 100, 1].
    expect(Array.from(gy.dataSync())).toEqual([110, 1]);
    tf.dispose([a, b, ga, gb, fa, fb, M, y, gy]);
  });
});

/** Tensors held after warm-up and after many more steps: the same number, or something leaks. */
function expectNoLeak(warmUp: () => void, more: () => void) {
  warmUp();
  const before = tf.memory().numTensors;
  more();
  expect(tf.memory().numTensors).toBe(before);
}

// The sessions on the wasm backend, as the widgets run them (and 3-5 times faster than cpu in Node).
describe('sessions', () => {
  beforeAll(useWasm);
  afterAll(useCpu);
  const lab = {
    regimes: 4,
    experts: 4,
    topK: 2,
    alpha: 0.1,
    zLoss: 0.001,
    capacityFactor: 1,
    noise: 0.5,
    lr: 0.01,
    seed: 2,
  };

  it('the router lab is deterministic for a seed and holds no stray tensors', () => {
    const a = new RouterLabSession(lab);
    const b = new RouterLabSession(lab);
    const losses = (s: RouterLabSession) => Array.from({ length: 3 }, () => s.trainStep().loss);
    expect(losses(a)).toEqual(losses(b));
    b.dispose();
    expect(a.numParameters).toBe(180);
    expect(LAB_BATCH).toBe(LAB_BATCH_SIZE);
    expectNoLeak(
      () => {
        a.evaluate();
        a.expertMap();
      },
      () => {
        for (let i = 0; i < 10; i++) a.trainStep();
        a.evaluate();
        a.expertMap();
      },
    );
    a.dispose();
  });

  it('for a fixed seed, α = 0.01 lowers the load imbalance against α = 0 (eight experts, 200 steps)', () => {
    const cv = (alpha: number) => {
      const s = new RouterLabSession({
        ...lab,
        topK: 1,
        zLoss: 0,
        noise: 0,
        capacityFactor: 1.25,
        experts: 8,
        alpha,
        seed: 3,
      });
      try {
        for (let i = 0; i < 200; i++) s.trainStep();
        return s.evaluate().cv;
      } finally {
        s.dispose();
      }
    };
    const off = cv(0);
    const on = cv(0.01);
    expect(on).toBeLessThan(off);
    expect(off).toBeGreaterThan(1.2);
  });

  it('dense versus sparse: counts from the shapes, the same batches, no stray tensors', () => {
    const config = {
      regimes: 16,
      experts: 16,
      topK: 1,
      expertHidden: 16,
      capacityFactor: 1.25,
      alpha: 0.1,
      lr: 0.01,
      seed: 1,
    };
    const s = new DenseSparseSession(config);
    expect(s.dense.numParameters).toBe(s.counts.dense.total);
    expect(s.moe.numParameters).toBe(s.counts.moe.total);
    expect(s.counts).toEqual(denseSparseCounts(config));
    expect(s.counts.denseStepFlops).toBe(3 * DS_BATCH * 2 * (2 * 16 + 16 * 2));
    expectNoLeak(
      () => {
        s.trainStep();
        s.evaluate();
      },
      () => {
        for (let i = 0; i < 5; i++) s.trainStep();
        s.evaluate();
      },
    );
    s.dispose();
  });

  it('the MoE transformer: its parameter count by hand, and no stray tensors', () => {
    const s = new MoeTransformerSession({
      task: 'reverse',
      length: 3,
      layers: 2,
      experts: 3,
      topK: 2,
      alpha: 0.01,
      capacityFactor: 1,
      lr: 0.003,
      seed: 1,
    });
    const d = MOE_TRANSFORMER.dModel;
    const h = MOE_TRANSFORMER.expertHidden;
    const expert = d * h + h + h * d + d;
    const block = 2 * 2 * d + 4 * d * d + (d * 3 + 3) + 3 * expert;
    // Embedding 11 × d, learned positions 17 × d, two blocks, final norm, unembedding d × 11 + 11.
    expect(s.model.numParameters).toBe(11 * d + 17 * d + 2 * block + 2 * d + d * 11 + 11);
    expect(s.model.activeParameters).toBe(s.model.numParameters - 2 * 1 * expert);
    const probe = s.probe([1, 2, 3]);
    expect(probe.experts).toHaveLength(2);
    probe.gates.flat().forEach((g) => expect(g[0] + g[1]).toBeCloseTo(1, 5));
    expectNoLeak(
      () => {
        s.trainStep();
        s.evaluate();
        s.probe([3, 2, 1]);
      },
      () => {
        for (let i = 0; i < 3; i++) s.trainStep();
        s.evaluate();
        s.probe([1, 1, 2]);
      },
    );
    s.dispose();
  });
});
