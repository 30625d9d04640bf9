/**
 * Worker side: the pruning lab's two jobs, as plain code a Node test runs too.
 *
 * prune: a shipped MLP or CNN pruned by magnitude (src/math/pruning.ts) at 50, 80, 90, 95% and the
 * reader's sparsity, each scored on the 2,000 test digits without fine-tuning; then the chosen one
 * fine-tuned for `fineTune` steps on the training split with its mask fixed (or, structured, the smaller
 * model trained as it is), on a SlicedRunner so messages get through, and scored again.
 *
 * ticket: the lottery-ticket experiment (src/ml/efficiency-pruning.ts) on an MLP trained here from a
 * seed; one row per pruning round, posted as it is measured.
 *
 * Every model and session is disposed before a job ends, cancelled or not.
 */
import { SlicedRunner } from '../../lib/runtime/sliced-runner';
import {
  applyMasks,
  magnitudeMasks,
  multiplyAdds,
  sparseModelBytes,
  sparsityOf,
  structuredPrune,
} from '../../math/pruning';
import { PRUNE_TABLE_SPARSITIES } from '../../math/pruning-table';
import { describeArchitecture, type ZooArchitecture } from '../../math/zoo';
import {
  fineTuneOptions,
  LotteryTicketExperiment,
  MaskedTrainingSession,
  type TicketOptions,
  type TicketRow,
} from '../../ml/efficiency-pruning';
import { zooModelFromWeights } from '../../ml/zoo/models';
import type { ZooAssets } from '../zoo-shared/assets';
import { evaluateOnRunner } from '../zoo-shared/evaluate';
import { MAX_FINE_TUNE_STEPS, MAX_SPARSITY } from './lab-limits';
import type { PruneRequest, PruneResult, PruneSweepRow, TicketRequest } from './protocol';

export interface PruneHooks {
  signal: AbortSignal;
  progress: (step: string, done: number, total: number) => void;
  row?: (row: PruneSweepRow) => void;
  /** Injectable for tests. */
  now?: () => number;
  yieldToEventLoop?: () => Promise<void>;
}

export function checkPruneRequest(r: PruneRequest): void {
  if (r.model !== 'mlp' && r.model !== 'cnn')
    throw new Error(`the pruning lab prunes the MLP or the CNN, not "${r.model}"`);
  if (!(r.sparsity >= 0 && r.sparsity <= MAX_SPARSITY))
    throw new RangeError(`sparsity must be 0 … ${MAX_SPARSITY}, got ${r.sparsity}`);
  if (!(Number.isInteger(r.fineTune) && r.fineTune >= 0 && r.fineTune <= MAX_FINE_TUNE_STEPS))
    throw new RangeError(`fine-tuning steps must be 0 … ${MAX_FINE_TUNE_STEPS}, got ${r.fineTune}`);
}

/** The pruned weights (unstructured: masked; structured: the smaller model) and what they cost. */
export function pruneWeights(
  entry: { architecture: ZooArchitecture; shapes: readonly (readonly number[])[] },
  weights: readonly Float32Array[],
  r: Pick<PruneRequest, 'structure' | 'scope' | 'sparsity'>,
) {
  if (r.structure === 'structured') {
    const s = structuredPrune(entry.architecture, weights, entry.shapes, r.sparsity);
    const masks = s.weights.map((w) => new Uint8Array(w.length).fill(1));
    const bytes = 4 * s.weights.reduce((a, w) => a + w.length, 0);
    return {
      architecture: s.architecture,
      shapes: s.shapes,
      weights: s.weights,
      masks,
      denseBytes: bytes,
      sparseBytes: bytes,
      layers: s.shapes.map((shape, i) => ({ shape, size: s.weights[i].length, kept: s.weights[i].length })),
    };
  }
  const masks = magnitudeMasks(weights, entry.shapes, r.sparsity, r.scope);
  const rep = sparsityOf(masks, entry.shapes);
  return {
    architecture: entry.architecture,
    shapes: entry.shapes.map((s) => [...s]),
    weights: applyMasks(weights, masks),
    masks,
    denseBytes: 4 * weights.reduce((a, w) => a + w.length, 0),
    sparseBytes: sparseModelBytes(masks, entry.shapes),
    layers: rep.arrays.map((a, i) => ({ shape: [...entry.shapes[i]], size: a.size, kept: a.size - a.pruned })),
  };
}

const LAYER_NAMES: Record<'mlp' | 'cnn', string[]> = {
  mlp: ['hidden weights', 'hidden biases', 'output weights', 'output biases'],
  cnn: [
    'conv 1 filters',
    'conv 1 biases',
    'conv 2 filters',
    'conv 2 biases',
    'dense weights',
    'dense biases',
    'output weights',
    'output biases',
  ],
};

/** Runs the prune job; resolves to null when cancelled. */
export async function runPruning(
  assets: ZooAssets,
  request: PruneRequest,
  hooks: PruneHooks,
): Promise<PruneResult | null> {
  checkPruneRequest(request);
  const { signal } = hooks;
  const [entry, weights, test] = await Promise.all([
    assets.entry(request.model, signal),
    assets.weights(request.model, { signal }),
    assets.split('test', { signal }),
  ]);
  if (signal.aborted) return null;
  const runnerHooks = { signal, now: hooks.now, yieldToEventLoop: hooks.yieldToEventLoop };
  const score = async (
    arch: ZooArchitecture,
    shapes: readonly (readonly number[])[],
    w: readonly ArrayLike<number>[],
  ) => {
    const model = zooModelFromWeights({ architecture: arch, shapes }, w);
    try {
      return await evaluateOnRunner(model, test, runnerHooks);
    } finally {
      model.dispose();
    }
  };
  const sweep = PRUNE_TABLE_SPARSITIES.filter((s) => s > 0 && Math.abs(s - request.sparsity) > 1e-9);
  const total = sweep.length + 1 + (request.fineTune > 0 ? 2 : 0);
  for (const [k, sparsity] of sweep.entries()) {
    hooks.progress(`scoring ${Math.round(100 * sparsity)}% sparsity`, k, total);
    const p = pruneWeights(entry, weights, { ...request, sparsity });
    const r = await score(p.architecture, p.shapes, p.weights);
    if (!r) return null;
    hooks.row?.({ sparsity, accuracy: r.accuracy, correct: r.correct });
  }
  hooks.progress(`scoring ${Math.round(100 * request.sparsity)}% sparsity`, sweep.length, total);
  const p = pruneWeights(entry, weights, request);
  const r = await score(p.architecture, p.shapes, p.weights);
  if (!r) return null;
  hooks.row?.({ sparsity: request.sparsity, accuracy: r.accuracy, correct: r.correct });
  let fineTuned: PruneResult['fineTuned'] = null;
  if (request.fineTune > 0) {
    const train = await assets.split('train', { signal });
    if (signal.aborted) return null;
    const options = fineTuneOptions(request.model, p.architecture, request.fineTune, request.seed);
    const session = new MaskedTrainingSession(options, train, p.weights, p.masks);
    try {
      const runner = new SlicedRunner({
        totalSteps: request.fineTune,
        step: () => void session.trainStep(),
        report: (s) =>
          hooks.progress(
            `fine-tuning, step ${s.step} of ${request.fineTune}`,
            sweep.length + 1 + s.step / request.fineTune,
            total,
          ),
        signal,
        ...(hooks.now && { now: hooks.now }),
        ...(hooks.yieldToEventLoop && { yieldToEventLoop: hooks.yieldToEventLoop }),
      });
      await runner.play();
      if (runner.state.phase !== 'done') return null;
      hooks.progress('scoring the fine-tuned model', sweep.length + 2, total);
      const e = await evaluateOnRunner(session.model, test, runnerHooks);
      if (!e) return null;
      fineTuned = { accuracy: e.accuracy, correct: e.correct, steps: request.fineTune };
    } finally {
      session.dispose();
    }
  }
  hooks.progress('done', total, total);
  const prunableSize = entry.shapes.reduce((a, s) => a + (s.length >= 2 ? s.reduce((x, y) => x * y, 1) : 0), 0);
  const kept = p.layers.reduce((a, l, i) => a + (p.shapes[i].length >= 2 ? l.kept : 0), 0);
  return {
    request,
    count: r.count,
    float: {
      accuracy: entry.test.accuracy,
      correct: entry.test.correct,
      bytes: entry.bytes,
      multiplyAdds: multiplyAdds(entry.architecture),
    },
    pruned: { accuracy: r.accuracy, correct: r.correct },
    fineTuned,
    sparsity: 1 - kept / prunableSize,
    kept,
    prunableSize,
    layers: p.layers.map((l, i) => ({ ...l, name: LAYER_NAMES[request.model][i] ?? `array ${i + 1}` })),
    denseBytes: p.denseBytes,
    sparseBytes: p.sparseBytes,
    multiplyAdds: multiplyAdds(p.architecture),
    architecture: describeArchitecture(p.architecture),
  };
}

export const TICKET_RATE = 0.5;
export const TICKET_LEARNING_RATE = 0.0012;

/** The experiment's options for a request (Frankle & Carbin's LeNet rate of Adam, 1.2e-3; batch 64). */
export function ticketOptions(r: TicketRequest): TicketOptions {
  return {
    architecture: { kind: 'mlp', hidden: [r.hidden] },
    seed: r.seed,
    steps: r.steps,
    rounds: r.rounds,
    rate: TICKET_RATE,
    learningRate: TICKET_LEARNING_RATE,
    batchSize: 64,
  };
}

/** Runs the lottery-ticket job; resolves to its rows, or null when cancelled. */
export async function runTicket(
  assets: ZooAssets,
  request: TicketRequest,
  hooks: PruneHooks & { ticketRow?: (row: TicketRow) => void },
): Promise<TicketRow[] | null> {
  const { signal } = hooks;
  const [train, test] = await Promise.all([assets.split('train', { signal }), assets.split('test', { signal })]);
  if (signal.aborted) return null;
  const x = new LotteryTicketExperiment(ticketOptions(request), train, test);
  try {
    let posted = 0;
    const runner = new SlicedRunner({
      totalSteps: x.totalSteps,
      step: () => {
        x.step();
        while (posted < x.rows.length) hooks.ticketRow?.(x.rows[posted++]);
      },
      report: (s) => {
        const { round, arm } = x.position;
        const what =
          arm === 'dense'
            ? 'training the dense MLP'
            : `round ${round}: training the ${arm === 'rewound' ? 'rewound ticket' : 're-initialised control'}`;
        hooks.progress(x.done ? 'done' : what, s.step, x.totalSteps);
      },
      signal,
      ...(hooks.now && { now: hooks.now }),
      ...(hooks.yieldToEventLoop && { yieldToEventLoop: hooks.yieldToEventLoop }),
    });
    await runner.play();
    return runner.state.phase === 'done' ? [...x.rows] : null;
  } finally {
    x.dispose();
  }
}
