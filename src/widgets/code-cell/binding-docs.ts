/**
 * The bindings a lesson can give its cells, by set, with one line of documentation per name: what the
 * page lists above the editor. Plain data (page-side); the values live in bindings.ts (Worker side),
 * and a unit test checks that the two agree name for name. Every cell also gets `tf` (TensorFlow.js
 * core, with chained ops such as `a.matMul(b)`), `print(...)` and `console.log(...)`.
 */
export const BINDING_SETS = ['attention', 'transformer', 'diffusion', 'digits', 'moe', 'zoo'] as const;
export type BindingSet = (typeof BINDING_SETS)[number];

export const ALWAYS_DOCS: Record<string, string> = {
  tf: 'TensorFlow.js (core ops, gradients, chained ops), on the page’s backend',
  print: 'print(...values): show values, tensors as tables (console.log does the same)',
};

export const BINDING_DOCS: Record<BindingSet, Record<string, string>> = {
  attention: {
    attention:
      'attention(Q, K, V, { scale, causal, temperature }) → { scores, weights, output } on number[][] (src/math/attention.ts)',
    softmax: 'softmax(z, temperature = 1) → number[]',
    dot: 'dot(a, b) → number',
    scaledDotProductAttention:
      'the tfjs version the tiny transformer uses: (q, k, v, options) → { output, weights } tensors (src/ml/attention.ts)',
    mulberry32: 'mulberry32(seed) → a seeded random number generator () => [0, 1)',
    randNormal: 'randNormal(rng) → one standard normal number',
  },
  transformer: {
    TinyTransformer:
      'the playground’s decoder-only transformer: new TinyTransformer({ layers, heads, dModel, positional, seed }) (src/ml/transformer.ts)',
    TrainingSession:
      'the playground’s training loop: new TrainingSession({ task, length, layers, heads, dModel, positional, lr, seed }); .trainStep(), .evaluate(), .dispose()',
    makeBatch: 'makeBatch(task, length, batchSize, rng) → a batch of the playground’s tasks (src/math/tasks.ts)',
    mulberry32: 'mulberry32(seed) → a seeded random number generator () => [0, 1)',
  },
  diffusion: {
    makeSchedule:
      'makeSchedule("linear" | "cosine", T) → { betas, alphas, alphaBars, snr }, each indexed by t = 0 … T (src/math/diffusion.ts)',
    noisePoints: 'noisePoints(schedule, t, x0, noise) → x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε for 2-D points',
    makeDataset:
      'makeDataset({ name: "moons" | "swissRoll" | "rings" }, n, seed) → { points } (src/math/datasets2d.ts)',
    pointStats: 'pointStats(points) → { mean: [x, y], variance: [x, y] }',
    mulberry32: 'mulberry32(seed) → a seeded random number generator () => [0, 1)',
    randNormal: 'randNormal(rng) → one standard normal number',
  },
  digits: {
    digits:
      'the digit model zoo’s 1,000 validation digits (28 × 28): digits.count, digits.label(i), digits.image(i) → 784 numbers in [0, 1], digits.indexOf(label, k), digits.batch(start, n) → { x: tensor [n, 784], labels, oneHot } (src/math/digit-split.ts)',
  },
  moe: {
    topK: 'topK(probs, k) → the k experts with the largest probabilities, best first, ties to the lower index (src/math/moe.ts)',
    topKGates:
      'topKGates(probs, k) → { experts, gates }: Switch’s raw probability for k = 1, renormalised over the chosen for k ≥ 2',
    loadFractions: 'loadFractions(choices, N) → f: each expert’s share of the k·T assignments',
    meanProbabilities:
      'meanProbabilities(probs, T, N) → P: each expert’s mean router probability (probs row-major [T, N])',
    balanceLoss: 'balanceLoss(f, P) → N Σ f_i P_i, Switch’s load-balancing loss without its α',
    coefficientOfVariation:
      'coefficientOfVariation(xs) → σ / μ: 0 for an even load, √(N − 1) when one expert takes all',
    expertCapacity: 'expertCapacity(T, N, k, capacityFactor) → C, the slots per expert',
    route:
      'route(probs, T, N, k, C) → { choices, assignment, f, P }: one batch routed with capacity, as the widgets do',
    MoeLayer:
      'the router lab’s layer: new MoeLayer({ inputDim, outputDim, hidden, experts, k }, rng); .forward(x, { capacityFactor }) → { output, balance, z, routing, probs } (src/ml/moe.ts)',
    mulberry32: 'mulberry32(seed) → a seeded random number generator () => [0, 1)',
    randNormal: 'randNormal(rng) → one standard normal number',
  },
  zoo: {
    zoo: 'the digit model zoo (src/ml/zoo): zoo.names (softmax, mlp, cnn, robust-cnn), zoo.info(name) → its title, size and measured accuracies, zoo.load(name) → a model with the shipped weights: model.predict(image or images) → probabilities, model.logits(x) → tensor [N, 10] and model.loss(x, labels) → mean cross-entropy, both differentiable in x (tf.grad); zoo.test: the 2,000 test digits, with .label(i), .image(i), .indexOf(label, k), .batch(start, n) → { x, labels, oneHot }',
  },
};

/** Names a cell with these sets sees, in the order the page lists them. */
export function bindingNames(sets: readonly BindingSet[]): string[] {
  const names = new Set(Object.keys(ALWAYS_DOCS));
  for (const s of sets) for (const n of Object.keys(BINDING_DOCS[s])) names.add(n);
  return [...names];
}

/** Checks a lesson's `bindings` prop (a list, or names separated by spaces or commas). Throws for the build. */
export function parseBindingSets(value: unknown): BindingSet[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
  if (value !== undefined && !Array.isArray(value) && typeof value !== 'string') {
    throw new Error(`<CodeCell bindings>: expected names from ${BINDING_SETS.join(', ')}`);
  }
  for (const s of list) {
    if (!(BINDING_SETS as readonly string[]).includes(s)) {
      throw new Error(`<CodeCell bindings="${String(s)}">: not one of ${BINDING_SETS.join(', ')}`);
    }
  }
  return [...new Set(list as BindingSet[])];
}
