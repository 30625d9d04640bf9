/**
 * The one door to TensorFlow.js for src/ml. tfjs-core on its own registers no gradients, so
 * `tf.grad` and optimizers fail until they are registered (STACK-NOTES pitfall 1). Models here use the
 * functional ops only (`tf.matMul(a, b)`, never `a.matMul(b)`), so the chained-op prototypes, which
 * would add every op to the bundle, are not registered.
 *
 * A backend is chosen elsewhere: src/lib/tf-runtime.ts in the browser, tests/unit/setup.ts in Node.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export * as tf from '@tensorflow/tfjs-core';
export type { Tensor, Tensor1D, Tensor2D, Tensor3D, Tensor4D, Variable, Scalar } from '@tensorflow/tfjs-core';
