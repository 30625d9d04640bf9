/**
 * The security lesson's code cells: each program as the lesson starts it (what Reset restores) and the
 * exercise's solution (opened by its link). The lesson, the static recording (scripts/code-cells-static.ts)
 * and tests/unit/security-cells.test.ts read these same strings.
 */
import { encodeCode } from '../../../src/lib/notebook/codec';

function token(code: string): string {
  const encoded = encodeCode(code);
  if (!encoded.ok) throw new Error(encoded.reason);
  return encoded.token;
}

export const cells = {
  fgsm: `// Train a softmax regression on 500 of the zoo's validation digits (full-batch Adam, 60 steps),
// then attack one digit with FGSM: x' = clip(x + ε · sign(∇ₓ L(x, y)), 0, 1). Edit ε and run.
const epsilon = 0.1;
const n = 500; // the first 500 of the 1,000 validation digits, 50 of each class
const X = tf.tensor2d(Array.from({ length: n }, (_, i) => digits.image(i)).flat(), [n, 784]);
const labels = Array.from({ length: n }, (_, i) => digits.label(i));
const oneHot = (ys: number[]) => tf.cast(tf.oneHot(tf.tensor1d(ys, 'int32'), 10), 'float32');
const Y = oneHot(labels);
const W = tf.variable(tf.zeros([784, 10]));
const b = tf.variable(tf.zeros([10]));
const logits = (x: tf.Tensor) => tf.add(tf.matMul(x, W), b);
// Cross-entropy summed over the digits: −Σ y · log softmax(z).
const loss = (x: tf.Tensor, y: tf.Tensor) => tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits(x)))));
const optimizer = tf.train.adam(0.02);
for (let step = 0; step < 60; step++) optimizer.minimize(() => tf.div(loss(X, Y), n) as tf.Scalar);
const trained = tf.mean(tf.equal(tf.argMax(logits(X), 1), tf.tensor1d(labels, 'int32'))).dataSync()[0];
print('training accuracy:', (100 * trained).toFixed(1) + '%');

// One digit 3, its gradient with respect to the pixels, and the FGSM step.
const x = tf.tensor2d([digits.image(digits.indexOf(3))]);
const y = oneHot([3]);
const gradient = tf.grad((input: tf.Tensor) => loss(input, y))(x);
const adversarial = tf.clipByValue(tf.add(x, tf.mul(tf.sign(gradient), epsilon)), 0, 1);
const probs = (input: tf.Tensor) => Array.from(tf.softmax(logits(input)).dataSync());
const top = (p: number[]) => p.indexOf(Math.max(...p));
const before = probs(x);
const after = probs(adversarial);
const p = (v: number) => v.toFixed(3);
print('before: class', top(before), 'with probability', p(before[top(before)]));
print('after:  class', top(after), 'with probability', p(after[top(after)]), '(class 3:', p(after[3]) + ')');
print('largest pixel change:', p(tf.max(tf.abs(tf.sub(adversarial, x))).dataSync()[0]));
const image = (t: tf.Tensor) => tf.reshape(t, [28, 28]).arraySync() as number[][];
return {
  plot: [
    { type: 'cell', data: image(x), title: 'the digit' },
    { type: 'cell', data: image(tf.sign(gradient)), title: 'sign of the gradient' },
    { type: 'cell', data: image(adversarial), title: 'FGSM, ε = ' + epsilon },
  ],
};
`,
  linearity: `// Why a linear model is so easy to push: moving every pixel by ε along sign(w) changes the
// score w·x by exactly ε‖w‖₁; random signs of the same size change it by about ε‖w‖₂.
// Then accuracy on those 500 digits under FGSM and under random signs, as ε grows.
const n = 500; // the first 500 of the 1,000 validation digits, 50 of each class
const X = tf.tensor2d(Array.from({ length: n }, (_, i) => digits.image(i)).flat(), [n, 784]);
const labels = Array.from({ length: n }, (_, i) => digits.label(i));
const Y = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 10), 'float32');
const W = tf.variable(tf.zeros([784, 10]));
const b = tf.variable(tf.zeros([10]));
const logits = (x: tf.Tensor) => tf.add(tf.matMul(x, W), b);
const loss = (x: tf.Tensor) => tf.neg(tf.sum(tf.mul(Y, tf.logSoftmax(logits(x))))); // summed cross-entropy
const optimizer = tf.train.adam(0.02);
for (let step = 0; step < 60; step++) optimizer.minimize(() => tf.div(loss(X), n) as tf.Scalar);

const w3 = tf.squeeze(tf.slice(W, [0, 3], [784, 1]));
const l1 = tf.sum(tf.abs(w3)).dataSync()[0];
const l2 = tf.norm(w3).dataSync()[0];
print('‖w₃‖₁ =', l1.toFixed(1), ' ‖w₃‖₂ =', l2.toFixed(1), ' ratio', (l1 / l2).toFixed(1), '(√784 = 28)');

const accuracy = (x: tf.Tensor) => tf.mean(tf.equal(tf.argMax(logits(x), 1), tf.tensor1d(labels, 'int32'))).dataSync()[0];
const direction = tf.sign(tf.grad(loss)(X));
let seed = 1; // Park and Miller's minimal generator: random signs, the same every run
const coin = () => (seed = (seed * 16807) % 2147483647) < 1073741824;
const noise = tf.tensor2d(Array.from({ length: n * 784 }, () => (coin() ? -1 : 1)), [n, 784]);
const rows = [];
for (const epsilon of [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]) {
  const attacked = (d: tf.Tensor) => tf.clipByValue(tf.add(X, tf.mul(d, epsilon)), 0, 1);
  rows.push({ epsilon, accuracy: accuracy(attacked(direction)), attack: 'FGSM' });
  rows.push({ epsilon, accuracy: accuracy(attacked(noise)), attack: 'random signs' });
}
const at = (e: number, a: string) => (100 * rows.find((r) => r.epsilon === e && r.attack === a)!.accuracy).toFixed(1) + '%';
print('at ε = 0.1: FGSM leaves', at(0.1, 'FGSM'), 'right, random signs', at(0.1, 'random signs'));
return { plot: { type: 'line', data: rows, x: 'epsilon', y: 'accuracy', series: 'attack', title: 'accuracy on the 500 digits' } };
`,
} as const;

/** The binding sets each cell gets (binding-docs.ts). */
export const cellBindings = {
  fgsm: ['digits'],
  linearity: ['digits'],
} as const satisfies Record<keyof typeof cells, readonly string[]>;

export const solutions = {
  // Goodfellow et al.'s budget: at ε = 0.25 the step is large enough to turn the 3 for certain.
  fgsm: cells.fgsm.replace('const epsilon = 0.1;', 'const epsilon = 0.25;'),
} as const;

/** The exercises' links: each solution's code in the cell's URL form. */
export const solutionStates = {
  fgsm: `cell-fgsm.code=${token(solutions.fgsm)}`,
};
