/**
 * Seeded script: the efficiency chapter's pruning table. The shipped MLP and CNN are pruned by weight
 * magnitude (src/math/pruning.ts) to 50, 80, 90 and 95% sparsity: unstructured (single weights, each
 * layer alike or one global threshold) and structured (that share of every hidden layer's units or
 * filters, by L1 norm, cut out to leave a smaller dense model), and scored on the 2,000 test digits on
 * the tfjs wasm backend (one thread), without fine-tuning and after PRUNE_FINE_TUNE_STEPS steps of a
 * seeded fine-tune on the training split with the masks kept fixed (src/ml/efficiency-pruning.ts).
 * Pruning itself has no randomness; the fine-tune's order and shifts come from PRUNE_FINE_TUNE_SEED.
 * Writes public/data/efficiency/pruning.json.
 *
 *   node scripts/run-ts.mjs scripts/efficiency-pruning.ts
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../src/lib/sha256';
import { decodeFloat32 } from '../src/lib/weights';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../src/math/digit-split';
import {
  applyMasks,
  magnitudeMasks,
  multiplyAdds,
  sparseModelBytes,
  sparsityOf,
  structuredPrune,
} from '../src/math/pruning';
import {
  PRUNE_FINE_TUNE_SEED,
  PRUNE_FINE_TUNE_STEPS,
  PRUNE_TABLE_FILE,
  PRUNE_TABLE_SPARSITIES,
  type PruneTable,
  type PruneTableRow,
} from '../src/math/pruning-table';
import { architectureShapes, ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST, type ZooManifest } from '../src/math/zoo';
import { fineTuneOptions, MaskedTrainingSession } from '../src/ml/efficiency-pruning';
import { tf } from '../src/ml/tf';
import { evaluateSplit } from '../src/ml/zoo/evaluation';
import { zooModelFromWeights } from '../src/ml/zoo/models';

const root = process.cwd();
setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error('the wasm backend did not start');
const dataDir = join(root, 'public', ZOO_DATA_DIR);
const dataManifest = JSON.parse(readFileSync(join(dataDir, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
const loadSplit = (name: 'train' | 'test') => {
  const info = dataManifest.splits[name];
  return decodeSplitFile(new Uint8Array(readFileSync(join(dataDir, info.file))), info, sha256);
};
const test = await loadSplit('test');
const train = await loadSplit('train');
const zoo = JSON.parse(
  readFileSync(join(root, 'public', ZOO_WEIGHTS_DIR, ZOO_WEIGHTS_MANIFEST), 'utf8'),
) as ZooManifest;

const rows: PruneTableRow[] = [];
for (const entry of zoo.models.filter((m) => m.name === 'mlp' || m.name === 'cnn')) {
  const weights = decodeFloat32(
    new Uint8Array(readFileSync(join(root, 'public', ZOO_WEIGHTS_DIR, entry.file))),
    entry.shapes,
  );
  const score = (arch: typeof entry.architecture, w: Float32Array[]) => {
    const model = zooModelFromWeights({ architecture: arch, shapes: architectureShapes(arch) }, w);
    try {
      return evaluateSplit(model, test);
    } finally {
      model.dispose();
    }
  };
  /** Fine-tunes (masks fixed) and scores on the test digits. */
  const tuned = (arch: typeof entry.architecture, w: readonly ArrayLike<number>[], masks: Uint8Array[]) => {
    const options = fineTuneOptions(entry.name, arch, PRUNE_FINE_TUNE_STEPS, PRUNE_FINE_TUNE_SEED);
    const session = new MaskedTrainingSession(options, train, w, masks);
    try {
      for (let t = 0; t < PRUNE_FINE_TUNE_STEPS; t++) session.trainStep();
      const r = evaluateSplit(session.model, test);
      return { steps: PRUNE_FINE_TUNE_STEPS, accuracy: r.accuracy, correct: r.correct };
    } finally {
      session.dispose();
    }
  };
  for (const sparsity of PRUNE_TABLE_SPARSITIES) {
    for (const scope of ['layer', 'global'] as const) {
      const masks = magnitudeMasks(weights, entry.shapes, sparsity, scope);
      const r = score(entry.architecture, applyMasks(weights, masks));
      const rep = sparsityOf(masks, entry.shapes);
      rows.push({
        model: entry.name,
        method: scope === 'layer' ? 'unstructured-layer' : 'unstructured-global',
        sparsity,
        accuracy: r.accuracy,
        correct: r.correct,
        kept: rep.prunableSize - rep.pruned,
        denseBytes: entry.bytes,
        sparseBytes: sparseModelBytes(masks, entry.shapes),
        multiplyAdds: multiplyAdds(entry.architecture),
        fineTuned: tuned(entry.architecture, weights, masks),
      });
    }
    const s = structuredPrune(entry.architecture, weights, entry.shapes, sparsity);
    const r = score(s.architecture, s.weights);
    const kept = s.weights.reduce((a, w, i) => a + (s.shapes[i].length >= 2 ? w.length : 0), 0);
    const bytes = 4 * s.weights.reduce((a, w) => a + w.length, 0);
    rows.push({
      model: entry.name,
      method: 'structured',
      sparsity,
      accuracy: r.accuracy,
      correct: r.correct,
      kept,
      denseBytes: bytes,
      sparseBytes: bytes,
      multiplyAdds: multiplyAdds(s.architecture),
      fineTuned: tuned(
        s.architecture,
        s.weights,
        s.weights.map((w) => new Uint8Array(w.length).fill(1)),
      ),
    });
    console.log(
      `${entry.name} ${sparsity}: ${rows
        .slice(-3)
        .map((x) => `${x.method} ${(100 * x.accuracy).toFixed(2)}% → ${(100 * x.fineTuned.accuracy).toFixed(2)}%`)
        .join(', ')}`,
    );
  }
}
if (tf.memory().numTensors !== 0) throw new Error(`${tf.memory().numTensors} tensors left`);
const table: PruneTable = { backend: 'tfjs-backend-wasm 4.22 (Node, one thread)', testDigits: test.count, rows };
const out = join(root, 'public', PRUNE_TABLE_FILE);
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`wrote ${out}: ${rows.length} rows`);
