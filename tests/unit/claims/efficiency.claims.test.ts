/**
 * Claims of content/lessons/efficiency: every number the prose and the solutions state about the zoo,
 * recomputed with the site's own code. The linked quantization-lab states are rerun live on the CNN
 * (wasm, as the seeded script ran) and must match both the prose and the committed table; the pruning
 * table's quoted rows are rerun the same way; the counting claims come from the site's formulas.
 */
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256HexSync as sha256 } from '../../../src/lib/sha256';
import { decodeFloat32 } from '../../../src/lib/weights';
import {
  decodeSplitFile,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  type DigitSplit,
  type DigitSplitManifest,
} from '../../../src/math/digit-split';
import {
  applyMasks,
  csrBytes,
  magnitudeMasks,
  multiplyAdds,
  sparseModelBytes,
  sparsityOf,
  structuredPrune,
} from '../../../src/math/pruning';
import type { PruneTable } from '../../../src/math/pruning-table';
import { quantizeArray, type QuantScheme } from '../../../src/math/quantization';
import { quantizedBytes } from '../../../src/math/quantization-encode';
import { tableRow } from '../../../src/math/quantization-table';
import { architectureShapes, ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest } from '../../../src/math/zoo';
import { quantizeZooModel } from '../../../src/ml/efficiency';
import { tf } from '../../../src/ml/tf';
import { evaluateSplit } from '../../../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../../../src/ml/zoo/models';
import { quantizeRequest } from '../../../src/widgets/quantization-lab/QuantizationLabView';
import { readQuantTable } from '../../../src/widgets/quantization-lab/static-figure';
import { params } from '../../../src/widgets/quantization-lab/params';
import { exerciseValues } from './helpers';
import { PRUNE_FINE_TUNE_SEED, PRUNE_FINE_TUNE_STEPS, type TicketTable } from '../../../src/math/pruning-table';
import { params as pruneParams } from '../../../src/widgets/efficiency-pruning/params';
import { pruneRequest, ticketRequest } from '../../../src/widgets/efficiency-pruning/requests';
import { readTicketTable } from '../../../src/widgets/efficiency-pruning/static-figure';
import { studentOptions } from '../../../src/widgets/efficiency-distillation/lab';
import { distillRequest, params as distillParams } from '../../../src/widgets/efficiency-distillation/params';
import { readDistillTable } from '../../../src/widgets/efficiency-distillation/static-figure';
import { defaultValues } from '../../../src/lib/params';
import { decodeCode } from '../../../src/lib/notebook/codec';
import type { Tf } from '../../../src/lib/tf-runtime';
import { recordCells } from '../../../src/widgets/code-cell/record';
import type { BindingSet } from '../../../src/widgets/code-cell/binding-docs';
import * as lessonCells from '../../../content/lessons/efficiency/cells';

const PUBLIC = join(process.cwd(), 'public');
const zoo = JSON.parse(readFileSync(join(PUBLIC, ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST), 'utf8')) as ZooManifest;
const cnn = zoo.models.find((m) => m.name === 'cnn')!;
const cnnWeights = decodeFloat32(new Uint8Array(readFileSync(join(PUBLIC, ZOO_WEIGHTS_DIR, cnn.file))), cnn.shapes);
const table = readQuantTable();
const pruneTable = JSON.parse(readFileSync(join(PUBLIC, 'data/efficiency/pruning.json'), 'utf8')) as PruneTable;
let test: DigitSplit;

beforeAll(async () => {
  const data = JSON.parse(readFileSync(join(PUBLIC, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
  const info = data.splits.test;
  test = await decodeSplitFile(new Uint8Array(readFileSync(join(PUBLIC, ZOO_DATA_DIR, info.file))), info, sha256);
  await tf.setBackend('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** The lab's request at an exercise's linked state (the lesson's widget has no props), with extra keys. */
const stateOf = (exercise: string, extra = '') =>
  quantizeRequest(exerciseValues('efficiency', exercise, params, extra));

/** Live: the CNN quantized under a scheme, scored on the 2,000 test digits. */
const live = (scheme: QuantScheme) => {
  const q = quantizeZooModel(cnn, cnnWeights, scheme);
  try {
    return { ...q.summary, accuracy: evaluateSplit(q.model, test).accuracy };
  } finally {
    q.model.dispose();
  }
};

describe('quantization claims (CNN, 2,000 test digits)', () => {
  it('per tensor 95.80% at 53,376 bytes; per channel 98.10% at 53,848 (exercise quant-per-channel)', () => {
    const tensor = live(stateOf('quant-per-channel', 'quant.granularity=tensor').scheme);
    const channel = live(stateOf('quant-per-channel').scheme);
    expect([tensor.accuracy, tensor.bytes, +tensor.maxError.toFixed(3), +tensor.meanError.toFixed(4)]).toEqual([
      0.958, 53376, 0.114, 0.0124,
    ]);
    expect([channel.accuracy, channel.bytes, +channel.maxError.toFixed(3), +channel.meanError.toFixed(4)]).toEqual([
      0.981, 53848, 0.087, 0.0081,
    ]);
    expect(423464 / tensor.bytes).toBeCloseTo(7.93, 2);
  });

  it('99th-percentile clipping: worst error 0.445, mean 0.0060, 97.90%, 1,060 clipped (exercise quant-clip)', () => {
    const r = live(stateOf('quant-clip').scheme);
    expect([+r.maxError.toFixed(3), +r.meanError.toFixed(4), r.accuracy, r.clipped]).toEqual([
      0.445, 0.006, 0.979, 1060,
    ]);
  });

  it('3 bits: per channel has the smaller mean error and the worse accuracy (exercise quant-surprise)', () => {
    const channel = live(stateOf('quant-surprise').scheme);
    const tensor = tableRow(table, 'cnn', stateOf('quant-surprise', 'quant.granularity=tensor').scheme)!;
    expect([+channel.meanError.toFixed(4), channel.accuracy]).toEqual([0.0188, 0.888]);
    expect([+tensor.meanError.toFixed(4), tensor.accuracy]).toEqual([0.0279, 0.9515]);
  });

  it('2 bits: affine per channel 67.90%, symmetric per tensor 14.25%, the best and the worst (exercise quant-two-bits)', () => {
    const r = live(stateOf('quant-two-bits').scheme);
    expect(r.accuracy).toBe(0.679);
    const two = table.rows.filter((x) => x.model === 'cnn' && x.bits === 2);
    expect(Math.max(...two.map((x) => x.accuracy))).toBe(0.679);
    expect(
      tableRow(table, 'cnn', { bits: 2, mode: 'symmetric', granularity: 'tensor', clipping: 'minmax' })!.accuracy,
    ).toBe(0.1425);
    expect(
      quantizedBytes(architectureShapes({ kind: 'softmax' }), {
        bits: 4,
        mode: 'affine',
        granularity: 'channel',
        clipping: 'minmax',
      }),
    ).toBe(4010);
  });

  it('8 and 6 bits stay within 0.1 points of float32 under every scheme; 8 bits loses 0.05 points or none', () => {
    const float = table.float.find((f) => f.model === 'cnn')!.accuracy;
    expect(float).toBe(0.9805);
    for (const r of table.rows.filter((x) => x.model === 'cnn' && x.bits >= 6))
      expect(Math.abs(r.accuracy - float)).toBeLessThanOrEqual(0.001 + 1e-9);
    for (const r of table.rows.filter((x) => x.model === 'cnn' && x.bits === 8))
      expect(float - r.accuracy).toBeLessThanOrEqual(0.0005 + 1e-9);
  });

  it('the dense layer: widest unit ±0.34, half the units within ±0.23, the narrowest ±0.12; p99 step 2.3× finer', () => {
    const dense = cnnWeights[4];
    const units = 64;
    const max = Array.from({ length: units }, (_, u) => {
      let m = 0;
      for (let j = u; j < dense.length; j += units) m = Math.max(m, Math.abs(dense[j]));
      return m;
    }).sort((a, b) => a - b);
    expect(+max[63].toFixed(2)).toBe(0.34);
    expect(max.filter((m) => m <= 0.23).length).toBeGreaterThanOrEqual(32);
    expect(+max[0].toFixed(2)).toBe(0.12);
    const s = (clipping: QuantScheme['clipping']) =>
      quantizeArray(dense, cnn.shapes[4], { bits: 4, mode: 'symmetric', granularity: 'tensor', clipping }).groups[0]
        .scale;
    expect(+(s('minmax') / s('p99')).toFixed(1)).toBe(2.3);
  });
});

describe('counting claims', () => {
  it('the CNN: 1,117,056 multiply-adds, 91% in the convolutions with under 5% of the weights; intensities', () => {
    const a = cnn.architecture;
    expect(multiplyAdds(a)).toBe(1117056);
    expect((112896 + 903168) / 1117056).toBeCloseTo(0.91, 2);
    expect((144 + 4608) / 105744).toBeLessThan(0.05);
    expect(100352 / 105744).toBeCloseTo(0.95, 2);
    expect((2 * 1117056) / cnn.bytes).toBeCloseTo(5.3, 1);
    const mlp = zoo.models.find((m) => m.name === 'mlp')!;
    expect(multiplyAdds(mlp.architecture)).toBe(101632);
    expect((2 * 101632) / mlp.bytes).toBeCloseTo(0.5, 2);
    expect(Math.round(cnn.trainSeconds)).toBe(286);
    expect(cnn.training.steps).toBe(1308);
  });

  it('CSR of the dense layer: 407,684 bytes at 50%, 86,556 at 90%, break-even at 50.8% sparsity', () => {
    expect(csrBytes([1568, 64], 50176)).toBe(407684);
    expect(csrBytes([1568, 64], 10035)).toBe(86556);
    expect(+(1 - 49391 / 100352).toFixed(3)).toBe(0.508);
  });
});

describe('pruning claims (CNN, no fine-tuning)', () => {
  it('the quoted rows of the table, and a live rerun of global 90% and structured 50%', () => {
    const row = (method: string, s: number) =>
      pruneTable.rows.find((r) => r.model === 'cnn' && r.method === method && r.sparsity === s)!;
    const quoted = [0.5, 0.8, 0.9, 0.95].map((s) => [
      row('unstructured-layer', s).accuracy,
      row('unstructured-global', s).accuracy,
      row('unstructured-global', s).sparseBytes,
      row('structured', s).accuracy,
      row('structured', s).multiplyAdds,
    ]);
    expect(quoted).toEqual([
      [0.9635, 0.9815, 430620, 0.6235, 307648],
      [0.442, 0.9635, 176836, 0.151, 56872],
      [0.167, 0.9055, 92236, 0.1535, 25638],
      [0.1285, 0.787, 49940, 0.151, 10908],
    ]);
    const masks = magnitudeMasks(cnnWeights, cnn.shapes, 0.9, 'global');
    const m = zooModelFromWeights(cnn, applyMasks(cnnWeights, masks));
    expect(evaluateSplit(m, test).accuracy).toBe(0.9055);
    m.dispose();
    expect(sparseModelBytes(masks, cnn.shapes)).toBe(92236);
    const s = structuredPrune(cnn.architecture, cnnWeights, cnn.shapes, 0.5);
    expect(s.architecture).toEqual({ kind: 'cnn', kernel: 3, filters: [8, 16], dense: 32 });
    const small = zooModelFromWeights({ architecture: s.architecture, shapes: s.shapes }, s.weights);
    expect(evaluateSplit(small, test).accuracy).toBe(0.6235);
    small.dispose();
    expect(+(row('structured', 0.5).kept / 105744).toFixed(2)).toBe(0.25);
    expect(+(307648 / 1117056).toFixed(2)).toBe(0.28);
  });

  it('global 80%: 13% of conv 1, 36% of conv 2, 82% of the dense layer, 38% of the output layer', () => {
    const rep = sparsityOf(magnitudeMasks(cnnWeights, cnn.shapes, 0.8, 'global'), cnn.shapes);
    const shares = rep.arrays.filter((a) => a.prunable).map((a) => Math.round(100 * a.sparsity));
    expect(shares).toEqual([13, 36, 82, 38]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The pruning lab: the fine-tuned table, its linked states, and the lottery-ticket experiment.

describe('pruning claims with fine-tuning', () => {
  const row = (method: string, s: number) =>
    pruneTable.rows.find((r) => r.model === 'cnn' && r.method === method && r.sparsity === s)!;

  it('the table’s fine-tuned CNN cells, from the lab’s fine-tune (steps and seed of the linked state)', () => {
    const cells = [0.5, 0.8, 0.9, 0.95].map((s) =>
      ['unstructured-layer', 'unstructured-global', 'structured'].map((m) => row(m, s).fineTuned.accuracy),
    );
    expect(cells).toEqual([
      [0.98, 0.982, 0.94],
      [0.833, 0.9785, 0.445],
      [0.4975, 0.9695, 0.2185],
      [0.218, 0.936, 0.1465],
    ]);
    // The linked state asks the lab for exactly the script's fine-tune.
    const v = exerciseValues('efficiency', 'prune-finetune', pruneParams);
    const q = pruneRequest(v);
    expect(q).toEqual({
      model: 'cnn',
      structure: 'unstructured',
      scope: 'global',
      sparsity: 0.95,
      fineTune: PRUNE_FINE_TUNE_STEPS,
      seed: PRUNE_FINE_TUNE_SEED,
    });
    expect(row('unstructured-global', 0.95).kept).toBe(5287);
    expect(row('structured', 0.95).kept).toBe(351);
    // The cells come from scripts/efficiency-pruning.ts (wasm, seeded), which runs the lab's own job; a
    // live rerun here would be on the cpu backend, whose rounding takes a fine-tune to other counts.
  });

  it('each layer alike at 80% (exercise prune-layerwise): 44.20% against 96.35%, 21,149 weights kept', () => {
    const v = exerciseValues('efficiency', 'prune-layerwise', pruneParams);
    expect(pruneRequest(v)).toMatchObject({ model: 'cnn', scope: 'layer', sparsity: 0.8, fineTune: 0 });
    expect(row('unstructured-layer', 0.8).accuracy).toBe(0.442);
    expect(row('unstructured-layer', 0.8).kept).toBe(21149);
    expect(row('unstructured-global', 0.8).kept).toBe(21149);
  });
});

describe('lottery-ticket claims (exercise prune-ticket)', () => {
  const pct = (x: number) => +(100 * x).toFixed(1);

  it('the committed run at the linked state holds the lesson’s numbers', () => {
    const v = exerciseValues('efficiency', 'prune-ticket', pruneParams);
    const q = ticketRequest(v);
    const t: TicketTable = readTicketTable();
    expect(t.request).toEqual(q);
    expect(t.rows.map((r) => [pct(r.sparsity), r.kept, pct(r.rewound), pct(r.random)])).toEqual([
      [0, 25408, 85.5, 85.5],
      [49.7, 12784, 84.9, 80.1],
      [74.5, 6472, 84.2, 74.2],
      [86.9, 3316, 82.8, 59.2],
      [93.2, 1738, 79.4, 52.7],
    ]);
    // The table is scripts/efficiency-ticket.ts's run of the lab's own experiment (wasm, seeded).
  });
});

// ---------------------------------------------------------------------------------------------------
// The distillation lab: the recorded default run, the held-out class, λ = 0.

describe('distillation claims', () => {
  const t = readDistillTable();

  it('the default run’s table: teacher 98.05% (ECE 0.005), hard 77.45% (0.088), soft 79.20% (0.105)', () => {
    const [base] = t.runs;
    expect(base.request).toEqual(distillRequest(defaultValues(distillParams)));
    expect(base.request).toMatchObject({ hidden: 32, transfer: 200, steps: 300, temperature: 2, alpha: 0.5 });
    expect(base.transferCount).toBe(200);
    expect([base.teacherParameters, base.studentParameters]).toEqual([105866, 25450]);
    expect([base.teacher.accuracy, +base.teacher.ece.toFixed(3)]).toEqual([0.9805, 0.005]);
    expect([base.hard.accuracy, +base.hard.ece.toFixed(3)]).toEqual([0.7745, 0.088]);
    expect([base.soft.accuracy, +base.soft.ece.toFixed(3)]).toEqual([0.792, 0.105]);
  });

  it('no 3s in 1,000 transfer digits (exercise distill-holdout): 0% as trained; 4.0% against 34.5% after δ = 7 and 4.5', () => {
    const q = distillRequest(exerciseValues('efficiency', 'distill-holdout', distillParams));
    // The run is scripts/efficiency-distillation.ts's (wasm, seeded) of the lab's own job, at this request.
    const r = t.runs[1];
    expect(r.request).toEqual(q);
    expect(r.transferCount).toBe(1000);
    expect([r.hard.heldOut, r.soft.heldOut]).toEqual([
      { raw: 0, corrected: 0.04, delta: 7, correctedAccuracy: 0.807 },
      { raw: 0, corrected: 0.345, delta: 4.5, correctedAccuracy: 0.822 },
    ]);
  });

  it('λ = 0 (exercise distill-lambda): both students get the same options, so the same 77.45%', () => {
    const q = distillRequest(exerciseValues('efficiency', 'distill-lambda', distillParams));
    expect(q.alpha).toBe(0);
    expect(studentOptions(q, q.alpha)).toEqual(studentOptions(q, 0));
    expect({ ...q, alpha: 0.5 }).toEqual(t.runs[0].request);
  });
});

describe('code-cell claims', () => {
  const { cells, solutions, cellBindings, solutionStates } = lessonCells;
  const readPublic = async (path: string) => new Uint8Array(readFileSync(join(PUBLIC, path)));
  const textsOf = async (code: string, sets: readonly string[]) => {
    const r = await recordCells(
      tf as unknown as Tf,
      [{ source: 'claims', code, sets: sets as BindingSet[] }],
      readPublic,
    );
    const cell = Object.values(r)[0];
    expect(cell.ok).toBe(true);
    return cell.outputs.flatMap((o) => (o.kind === 'text' ? [o.text] : []));
  };

  it('the links decode to the solutions', () => {
    for (const [name, state] of Object.entries(solutionStates)) {
      expect(decodeCode(state.split('=')[1])).toEqual({ ok: true, code: (solutions as Record<string, string>)[name] });
    }
  });

  it('quantize: 8 bits S = 0.00236, error 0.001176 ≤ 0.001179; 4 bits S = 0.0428, 0.02136 ≤ 0.02140, mean 0.0105', async () => {
    expect(await textsOf(cells.quantize, cellBindings.quantize)).toEqual([
      'scale S = 0.00235894',
      'largest error = 0.00117598  bound S/2 = 0.00117947',
      'mean error = 0.000580409',
      'bytes: float32 4000  codes 1000 + 4 for the scale',
    ]);
    expect(await textsOf(solutions.quantize, cellBindings.quantize)).toEqual([
      'scale S = 0.0427979',
      'largest error = 0.0213631  bound S/2 = 0.0213989',
      'mean error = 0.0105228',
      'bytes: float32 4000  codes 500 + 4 for the scale',
    ]);
  });

  it('a sparse digit: 100 nonzeros, 3,136 bytes dense, 916 CSR; above 0.5, 62 and 612', async () => {
    expect(await textsOf(cells.sparseDigit, cellBindings.sparseDigit)).toEqual([
      'label 7 · nonzero pixels 100 of 784 (sparsity 0.872)',
      'dense 3136 bytes · CSR 916 bytes',
    ]);
    expect(await textsOf(solutions.sparseDigit, cellBindings.sparseDigit)).toEqual([
      'label 7 · nonzero pixels 62 of 784 (sparsity 0.921)',
      'dense 3136 bytes · CSR 612 bytes',
    ]);
  });
});
